package vn.motcua.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/** The one response builder: JSON bodies, problem+json errors, a few headers. */
public final class Response {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private Response(int status) {
        this.status = status;
    }

    public static Response ok(Object body) {
        return json(200, body);
    }

    public static Response created(Object body, String location) {
        return json(201, body).header("location", location);
    }

    public static Response json(int status, Object body) {
        Response response = new Response(status);
        response.headers.put("content-type", JSON);
        response.body = body instanceof String s ? s : Json.write(body);
        return response;
    }

    public static Response noContent() {
        return new Response(204);
    }

    public static Response problem(ApiProblem problem) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", problem.typeUri());
        node.put("title", problem.title());
        node.put("status", problem.status());
        node.put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            for (FieldError error : problem.errors()) {
                errors.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        Response response = new Response(problem.status());
        response.headers.put("content-type", PROBLEM_JSON);
        response.body = Json.write(node);
        return response;
    }

    public Response header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    public APIGatewayV2HTTPResponse toEvent() {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(Map.copyOf(headers));
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }
}
