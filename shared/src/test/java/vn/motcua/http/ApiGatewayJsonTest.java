package vn.motcua.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;

class ApiGatewayJsonTest {

    /** API Gateway's payload 2.0 for an officer's request: every field {@link Request} reads. */
    private static final String EVENT = """
            {
              "version": "2.0",
              "routeKey": "POST /officer/applications/{trackingCode}/actions",
              "rawPath": "/officer/applications/HN-7K3F-9QXA-M2P5-R8TK/actions",
              "rawQueryString": "dry=1&q=ho%C3%A0n",
              "cookies": ["a=1", "b=2"],
              "headers": {"content-type": "application/json", "idempotency-key": "k-1"},
              "queryStringParameters": {"dry": "1", "q": "hoàn"},
              "pathParameters": {"trackingCode": "HN-7K3F-9QXA-M2P5-R8TK"},
              "stageVariables": {"s": "v"},
              "requestContext": {
                "accountId": "123456789012", "apiId": "abc123", "stage": "$default",
                "domainName": "abc123.execute-api.ap-southeast-1.amazonaws.com", "domainPrefix": "abc123",
                "requestId": "req-1", "routeKey": "POST /officer/applications/{trackingCode}/actions",
                "time": "23/Nov/2026:03:15:00 +0000", "timeEpoch": 1795403700000,
                "http": {"method": "POST", "path": "/officer/applications/HN-7K3F-9QXA-M2P5-R8TK/actions",
                         "protocol": "HTTP/1.1", "sourceIp": "203.113.0.10", "userAgent": "curl/8.5.0"},
                "authorizer": {"jwt": {"claims": {"sub": "officer-1", "custom:officeId": "hoan-kiem",
                                                  "cognito:groups": "[officers supervisors]"},
                                       "scopes": ["openid"]}}
              },
              "body": "{\\"action\\":\\"accept\\",\\"note\\":\\"Đã nhận\\"}",
              "isBase64Encoded": false
            }
            """;

    @Test
    void readsTheEventAsTheRuntimesBeanMappingDoes() throws IOException {
        APIGatewayV2HTTPEvent ours = read(EVENT);
        APIGatewayV2HTTPEvent runtime = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(EVENT, APIGatewayV2HTTPEvent.class);

        assertThat(ours).isEqualTo(runtime);
        assertThat(ours.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("custom:officeId", "hoan-kiem");
        assertThat(new Request(ours).body()).isEqualTo("{\"action\":\"accept\",\"note\":\"Đã nhận\"}");
    }

    @Test
    void keepsABase64BodyEncodedForRequestToDecode() throws IOException {
        APIGatewayV2HTTPEvent event = read("""
                {"routeKey": "POST /x", "body": "eyJhIjoxfQ==", "isBase64Encoded": true}""");

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(new Request(event).body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void flattensNonStringClaimsTheWayApiGatewayDoes() throws IOException {
        APIGatewayV2HTTPEvent event = read("""
                {"routeKey": "GET /x", "requestContext": {"authorizer": {"jwt": {"claims":
                  {"cognito:groups": ["officers", "supervisors"], "exp": 1795403700, "email_verified": true}}}}}""");

        assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("cognito:groups", "[officers supervisors]")
                .containsEntry("exp", "1795403700")
                .containsEntry("email_verified", "true");
    }

    @Test
    void takesABodyAsLargeAsApiGatewayAllows() throws IOException {
        String body = "a".repeat(10 * 1024 * 1024);

        assertThat(read("{\"routeKey\": \"POST /x\", \"body\": \"" + body + "\"}").getBody()).hasSize(body.length());
    }

    @Test
    void refusesWhatIsNoEvent() {
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"routeKey\": ")).isInstanceOf(IOException.class);
    }

    @Test
    void writesThePayload2Answer() throws IOException {
        JsonNode created = write(Response.created(Map.of("code", "HN-1"), "/applications/HN-1"));
        JsonNode problem = write(Response.problem(ApiProblem.notFound("Không tìm thấy")));
        JsonNode empty = write(Response.noContent());

        assertThat(created.get("statusCode").asInt()).isEqualTo(201);
        assertThat(created.get("headers").get("location").asText()).isEqualTo("/applications/HN-1");
        assertThat(created.get("body").asText()).isEqualTo("{\"code\":\"HN-1\"}");
        assertThat(created.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(problem.get("headers").get("content-type").asText()).isEqualTo(Response.PROBLEM_JSON);
        assertThat(new ObjectMapper().readTree(problem.get("body").asText()).get("detail").asText())
                .isEqualTo("Không tìm thấy");
        assertThat(empty.get("statusCode").asInt()).isEqualTo(204);
        assertThat(empty.has("body")).isFalse();
        assertThat(List.of(created, problem, empty)).allSatisfy(answer ->
                assertThat(answer.fieldNames()).toIterable()
                        .isSubsetOf("statusCode", "headers", "body", "isBase64Encoded"));
    }

    private static APIGatewayV2HTTPEvent read(String json) throws IOException {
        return ApiGatewayJson.readEvent(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode write(Response response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiGatewayJson.writeResponse(response, out);
        return new ObjectMapper().readTree(out.toByteArray());
    }
}
