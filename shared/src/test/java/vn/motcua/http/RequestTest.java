package vn.motcua.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;

class RequestTest {

    record Body(String name, int count) {
    }

    @Test
    void readsAWellFormedBody() {
        assertThat(request("{\"name\":\"a\",\"count\":2}").bodyAs(Body.class)).isEqualTo(new Body("a", 2));
    }

    @Test
    void malformedJsonIs400MalformedJson() {
        assertProblem("{\"name\":", 400, "malformed-json", p -> { });
    }

    @Test
    void unknownFieldIsNamed() {
        assertProblem("{\"name\":\"a\",\"count\":1,\"admin\":true}", 400, "validation",
                p -> assertThat(p.errors()).extracting(e -> e.field()).containsExactly("admin"));
    }

    @Test
    void wrongTypeIsNamed() {
        assertProblem("{\"name\":\"a\",\"count\":\"many\"}", 400, "validation",
                p -> assertThat(p.errors()).extracting(e -> e.field()).containsExactly("count"));
    }

    @Test
    void aNumberIsNotSilentlyTurnedIntoAString() {
        assertProblem("{\"name\":5,\"count\":1}", 400, "validation",
                p -> assertThat(p.errors()).extracting(e -> e.field()).containsExactly("name"));
    }

    @Test
    void bodyOver256KiBIs413() {
        String huge = "{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"count\":1}";
        assertProblem(huge, 413, "payload-too-large", p -> { });
    }

    @Test
    void aLongStringUnderTheBodyLimitIsStillRefused() {
        String long100k = "{\"name\":\"" + "x".repeat(100 * 1024) + "\",\"count\":1}";
        assertProblem(long100k, 413, "payload-too-large", p -> { });
    }

    @Test
    void emptyBodyAndNullBodyAreRefused() {
        assertProblem("", 400, "malformed-json", p -> { });
        assertProblem("null", 400, "malformed-json", p -> { });
    }

    @Test
    void nonJsonContentTypeIs415() {
        APIGatewayV2HTTPEvent event = event("{\"name\":\"a\",\"count\":1}");
        event.setHeaders(Map.of("content-type", "text/plain"));
        assertThatThrownBy(() -> new Request(event).bodyAs(Body.class))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(415));
    }

    @Test
    void headersAreCaseInsensitive() {
        APIGatewayV2HTTPEvent event = event("");
        event.setHeaders(Map.of("X-Access-Key", "k"));
        assertThat(new Request(event).header("x-access-key")).contains("k");
    }

    private static void assertProblem(String body, int status, String type, Consumer<ApiProblem> more) {
        assertThatThrownBy(() -> request(body).bodyAs(Body.class))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(status);
                    assertThat(p.type()).isEqualTo(type);
                    more.accept(p);
                });
    }

    private static Request request(String body) {
        return new Request(event(body));
    }

    private static APIGatewayV2HTTPEvent event(String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST /things");
        event.setRawPath("/things");
        event.setBody(body);
        event.setHeaders(Map.of("content-type", "application/json"));
        return event;
    }
}
