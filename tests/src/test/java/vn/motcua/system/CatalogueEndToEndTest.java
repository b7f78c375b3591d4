package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;

/** The catalogue over real HTTP, through the local stack's API Gateway front. */
class CatalogueEndToEndTest {

    @Test
    void searchingKhaiSinhFindsBirthRegistration() throws Exception {
        HttpResponse<String> response = SystemStack.get("/procedures?q=khai%20sinh");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode items = Json.tree(response.body()).get("items");
        assertThat(items).isNotEmpty();
        assertThat(items.get(0).get("name").get("vi").asText()).isEqualTo("Đăng ký khai sinh");
    }

    @Test
    void searchingWithDiacriticsFindsTheSame() throws Exception {
        HttpResponse<String> response = SystemStack.get("/procedures?q=%C4%90%C4%83ng%20k%C3%BD%20khai%20sinh");
        assertThat(Json.tree(response.body()).get("items").get(0).get("code").asText()).isEqualTo("HT-001");
    }

    @Test
    void oneProcedureHasItsDocumentsAndFields() throws Exception {
        HttpResponse<String> response = SystemStack.get("/procedures/HT-001");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.tree(response.body());
        assertThat(body.get("documents")).isNotEmpty();
        assertThat(body.get("fields")).isNotEmpty();
        assertThat(body.get("feeVnd").isNumber()).isTrue();
    }

    @Test
    void officesAreListedAndOneCanBeRead() throws Exception {
        JsonNode list = Json.tree(SystemStack.get("/offices").body());
        assertThat(list.get("items").size()).isGreaterThanOrEqualTo(3);
        JsonNode office = Json.tree(SystemStack.get("/offices/hoan-kiem").body());
        assertThat(office.get("counters").asInt()).isEqualTo(6);
        assertThat(office.get("hours").has("SATURDAY")).isTrue();
    }

    @Test
    void unknownProcedureAndOfficeAre404ProblemJson() throws Exception {
        assertProblem(SystemStack.get("/procedures/XX-999"), 404, "not-found");
        assertProblem(SystemStack.get("/offices/atlantis"), 404, "not-found");
    }

    @Test
    void badQueryValuesAre400ProblemJson() throws Exception {
        HttpResponse<String> response = SystemStack.get("/procedures?level=GALAXY&limit=0");
        assertProblem(response, 400, "validation");
        assertThat(Json.tree(response.body()).get("errors")).hasSize(2);
        assertProblem(SystemStack.get("/procedures?nextToken=%25%25%25"), 400, "validation");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() throws Exception {
        assertProblem(SystemStack.get("/nothing/here"), 404, "not-found");
        HttpResponse<String> wrongMethod = SystemStack.send(HttpRequest.newBuilder(SystemStack.url("/procedures"))
                .DELETE());
        assertProblem(wrongMethod, 405, "method-not-allowed");
    }

    @Test
    void aBrowserPreflightIsAnsweredAsApiGatewaysCorsConfigurationWould() {
        HttpResponse<String> preflight = SystemStack.send(HttpRequest.newBuilder(SystemStack.url("/applications"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", "http://localhost:5173")
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type,idempotency-key"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
        assertThat(preflight.headers().firstValue("access-control-allow-methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElse(""))
                .contains("idempotency-key").contains("x-access-key");
        HttpResponse<String> get = SystemStack.send(HttpRequest.newBuilder(SystemStack.url("/offices"))
                .header("origin", "http://localhost:5173").GET());
        assertThat(get.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode body = Json.tree(response.body());
        assertThat(body.get("type").asText()).endsWith("/problems/" + type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
    }
}
