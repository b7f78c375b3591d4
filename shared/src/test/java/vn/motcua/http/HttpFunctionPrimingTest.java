package vn.motcua.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.aws.AwsClients;

/**
 * SnapStart priming runs at publish time, where a network call would hang or fail the
 * deployment: it must exercise the request path and the SDK pipeline without leaving the JVM.
 */
class HttpFunctionPrimingTest {

    /** Every outgoing connection the JDK makes (URL connections and sockets) asks the ProxySelector first. */
    static final class RecordingProxySelector extends ProxySelector {
        final List<URI> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    }

    static final class Primed extends HttpFunction {
        int ownPriming;

        Primed() {
            route("GET /ok", r -> Response.ok(java.util.Map.of("ok", true)));
        }

        @Override
        public void prime() {
            ownPriming++;
        }
    }

    private ProxySelector original;
    private final RecordingProxySelector recording = new RecordingProxySelector();

    @BeforeEach
    void recordConnections() {
        original = ProxySelector.getDefault();
        ProxySelector.setDefault(recording);
    }

    @AfterEach
    void restore() {
        ProxySelector.setDefault(original);
    }

    @Test
    void beforeCheckpointPrimesTheRequestPathAndTheSubclassWithoutTheNetwork() {
        Primed function = new Primed();

        function.beforeCheckpoint(null);

        assertThat(function.ownPriming).isEqualTo(1);
        assertThat(recording.asked).as("connections attempted while priming").isEmpty();
    }

    @Test
    void sdkPrimingSendsEveryRequestToTheInMemoryClientOnly() {
        int requests = AwsClients.primeOffline();

        assertThat(requests).isEqualTo(5);
        assertThat(recording.asked).as("connections attempted while priming").isEmpty();
    }

    @Test
    void primingLeavesTheFunctionAnsweringNormally() {
        Primed function = new Primed();
        function.primeOffline();

        APIGatewayV2HTTPEventAssert.ok(function);
    }

    /** The function still serves its routes after priming. */
    static final class APIGatewayV2HTTPEventAssert {
        static void ok(HttpFunction function) {
            var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent();
            event.setRouteKey("GET /ok");
            event.setRawPath("/ok");
            assertThat(function.handleEvent(event, null).getStatusCode()).isEqualTo(200);
        }
    }
}
