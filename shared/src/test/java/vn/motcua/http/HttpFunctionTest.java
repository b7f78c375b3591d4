package vn.motcua.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;

class HttpFunctionTest {

    static final class Sample extends HttpFunction {
        Sample() {
            route("GET /ok", r -> Response.ok(java.util.Map.of("hello", "xin chào")));
            route("GET /missing", r -> {
                throw ApiProblem.notFound("No such thing");
            });
            route("GET /bug", r -> {
                throw new IllegalStateException("secret internals");
            });
        }
    }

    private final Sample function = new Sample();

    @Test
    void answersJson() throws Exception {
        APIGatewayV2HTTPResponse response = function.handleEvent(event("GET /ok"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json");
        assertThat(Json.tree(response.getBody()).get("hello").asText()).isEqualTo("xin chào");
    }

    @Test
    void rendersProblemsAsProblemJson() throws Exception {
        APIGatewayV2HTTPResponse response = function.handleEvent(event("GET /missing"), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode body = Json.tree(response.getBody());
        assertThat(body.get("type").asText()).isEqualTo(ApiProblem.TYPE_BASE + "not-found");
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isEqualTo("No such thing");
    }

    @Test
    void answersLambdasStreamCallWithPayload2Json() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        function.handleRequest(new java.io.ByteArrayInputStream(
                "{\"version\":\"2.0\",\"routeKey\":\"GET /ok\",\"rawPath\":\"/ok\"}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)), out, null);

        JsonNode answer = Json.tree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.get("statusCode").asInt()).isEqualTo(200);
        assertThat(answer.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(Json.tree(answer.get("body").asText()).get("hello").asText()).isEqualTo("xin chào");
    }

    @Test
    void anUnknownRouteIs404NotA500() {
        assertThat(function.handleEvent(event("DELETE /ok"), null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void aBugIsA500ThatLeaksNothing() {
        APIGatewayV2HTTPResponse response = function.handleEvent(event("GET /bug"), null);
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("secret internals");
    }

    private static APIGatewayV2HTTPEvent event(String routeKey) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(routeKey.split(" ")[1]);
        return event;
    }
}
