package vn.motcua.catalogue.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;

/** The catalogue handler in-process against the shared local stack (moto, seeded). */
class CatalogueHandlerIT {

    static final CatalogueHandler HANDLER = new CatalogueHandler(LocalStack.shared().configFor("CatalogueFunction"));

    @Test
    void searchWithoutDiacriticsReturnsBirthRegistrationFromTheTable() throws Exception {
        JsonNode body = ok(get("GET /procedures", Map.of(), Map.of("q", "dang ky khai sinh")));
        assertThat(body.get("items").get(0).get("code").asText()).isEqualTo("HT-001");
        assertThat(body.has("nextToken")).isFalse();
    }

    @Test
    void levelFilterAndPaginationWorkTogether() throws Exception {
        JsonNode first = ok(get("GET /procedures", Map.of(), Map.of("level", "DISTRICT", "limit", "3")));
        assertThat(first.get("items")).hasSize(3);
        first.get("items").forEach(p -> assertThat(p.get("level").asText()).isEqualTo("DISTRICT"));
        String token = first.get("nextToken").asText();
        JsonNode second = ok(get("GET /procedures", Map.of(), Map.of("level", "DISTRICT", "limit", "3", "nextToken", token)));
        assertThat(second.get("items").get(0).get("code").asText())
                .isGreaterThan(first.get("items").get(2).get("code").asText());
    }

    @Test
    void anOfficeListsItsHoursAndProcedures() throws Exception {
        JsonNode office = ok(get("GET /offices/{officeId}", Map.of("officeId", "hang-trong"), Map.of()));
        assertThat(office.get("counters").asInt()).isEqualTo(2);
        assertThat(office.get("hours").get("MONDAY").get(0).get("open").asText()).isEqualTo("08:00");
        assertThat(office.get("procedures")).isNotEmpty();
    }

    @Test
    void unknownCodeIs404ProblemJson() throws Exception {
        APIGatewayV2HTTPResponse response = get("GET /procedures/{code}", Map.of("code", "ZZ-000"), Map.of());
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders().get("content-type")).isEqualTo("application/problem+json");
        assertThat(Json.tree(response.getBody()).get("type").asText()).endsWith("/not-found");
    }

    @Test
    void aHugeOrControlCharacterQueryIs400() throws Exception {
        assertThat(get("GET /procedures", Map.of(), Map.of("q", "x".repeat(5000))).getStatusCode()).isEqualTo(400);
        assertThat(get("GET /procedures", Map.of(), Map.of("q", "khai\u0000sinh")).getStatusCode()).isEqualTo(400);
    }

    private static JsonNode ok(APIGatewayV2HTTPResponse response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        return Json.tree(response.getBody());
    }

    static APIGatewayV2HTTPResponse get(String routeKey, Map<String, String> path, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(routeKey.split(" ")[1]);
        event.setPathParameters(path.isEmpty() ? null : new HashMap<>(path));
        event.setQueryStringParameters(query.isEmpty() ? null : new HashMap<>(query));
        event.setHeaders(Map.of("accept", "application/json"));
        return HANDLER.handleEvent(event, null);
    }
}
