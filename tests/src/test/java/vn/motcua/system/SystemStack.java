package vn.motcua.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import vn.motcua.local.LocalStack;

/**
 * The local stack the system tests share: one per test JVM, serving HTTP on a free port and
 * running each function from the deployment jar its CodeUri names, as `sam local` would.
 */
final class SystemStack {

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SystemStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(LocalStack.Options.forTests(LocalStack.projectRoot()).withHttp(0).fromCodeUri());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static URI url(String pathAndQuery) {
        return URI.create(get().url().orElseThrow() + pathAndQuery);
    }

    /**
     * Sends the request; an answer of the stack's API (not of S3's presigned URLs) must be what
     * openapi.yaml documents for its route and status ({@link Contract}).
     */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        URI api = get().url().orElseThrow();
        if (built.uri().getPort() == api.getPort() && built.uri().getHost().equals(api.getHost())) {
            Contract.check(built.method(), built.uri().getRawPath(), response);
        }
        return response;
    }

    static HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(url(pathAndQuery)).GET());
    }
}
