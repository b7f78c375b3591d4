package vn.motcua.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Resource;
import vn.motcua.aws.AwsClients;
import vn.motcua.json.Json;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;

/**
 * Base of every HTTP function: dispatches on API Gateway's route key ("GET /procedures/{code}"),
 * renders {@link ApiProblem} as problem+json, turns anything unexpected into one logged 500 and
 * writes one structured access line per request.
 *
 * <p>A subclass registers its routes in its constructor and holds nothing but glue.
 *
 * <p>It is a stream handler: the Lambda runtime passes the payload 2.0 JSON as bytes and
 * {@link ApiGatewayJson} reads it, rather than the runtime's own serialisation library (a cold
 * start ~0.3 s shorter, bench/README.md). In-process callers (tests) use {@link #handleEvent}.
 *
 * <p>SnapStart: every function registers with CRaC and, before the snapshot is taken, runs the
 * request path once without the network ({@link #primeOffline()}): dispatch, problem+json,
 * a JSON body both ways and the SDK's DynamoDB marshalling and signing. Those classes are then
 * loaded, initialised and in the snapshot instead of on a citizen's first request. A subclass
 * adds its own paths in {@link #prime()}.
 */
public abstract class HttpFunction implements RequestStreamHandler, Primed {

    private static final Log LOG = Log.of(HttpFunction.class);
    private static final String PRIMING_ROUTE = "GET /__motcua/prime";
    private static final byte[] PRIMING_EVENT = ("{\"version\":\"2.0\",\"routeKey\":\"" + PRIMING_ROUTE + "\","
            + "\"rawPath\":\"/__motcua/prime\",\"rawQueryString\":\"\",\"headers\":{\"content-type\":\"application/json\"},"
            + "\"requestContext\":{\"requestId\":\"prime\",\"http\":{\"method\":\"GET\",\"path\":\"/__motcua/prime\"},"
            + "\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"prime\"},\"scopes\":[]}},\"timeEpoch\":0},"
            + "\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    protected HttpFunction() {
        SnapStart.register(this);
    }

    /** The HTTP request path first, then what every function primes ({@link #primeOffline()}). */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        SnapStart.bestEffort(this, this::primeOffline);
    }

    /**
     * Runs the code every request goes through, touching nothing outside this JVM: a request
     * to a route no function has (404 problem+json), a representative body read and written
     * with the one ObjectMapper, the 400 path of a malformed body, the SDK's DynamoDB request
     * pipeline against an in-memory HTTP client ({@link AwsClients#primeOffline()}), then the
     * subclass's {@link #prime()}.
     */
    public final void primeOffline() {
        try {
            handleRequest(new ByteArrayInputStream(PRIMING_EVENT), new ByteArrayOutputStream(), null);
            APIGatewayV2HTTPEvent event = ApiGatewayJson.readEvent(new ByteArrayInputStream(PRIMING_EVENT));
            PrimingBody sample = new PrimingBody("HT-001", "Nguyễn Văn A", 2, "2026-01-05",
                    List.of("giấy khai sinh"), Map.of("phone", "0912345678"), true);
            event.setBody(Json.write(sample));
            new Request(event).bodyAs(PrimingBody.class);
            event.setBody("{\"code\": 1");
            try {
                new Request(event).bodyAs(PrimingBody.class);
            } catch (ApiProblem expected) {
                ApiGatewayJson.writeResponse(Response.problem(expected), new ByteArrayOutputStream());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AwsClients.primeOffline();
        prime();
    }

    /**
     * Hook for a function's own priming (e.g. {@link vn.motcua.catalogue.Catalogue#prime()}). It
     * may read through the function's own clients (SnapStart takes the snapshot when a version is
     * published, in the function's environment, with its role) but never writes, and it must not
     * throw when the network is not there: priming is best effort.
     */
    @Override
    public void prime() {
    }

    /** A body with the field types requests carry: text (with diacritics), numbers, dates, lists, maps. */
    record PrimingBody(String code, String fullName, int count, String date, List<String> documents,
                       Map<String, String> contact, boolean consent) {
    }

    protected final void route(String routeKey, Route route) {
        routes.put(routeKey, route);
    }

    /** The route keys this function serves, for the template contract test and the local stack. */
    public Set<String> routeKeys() {
        return Set.copyOf(routes.keySet());
    }

    /** What Lambda calls: payload 2.0 JSON in, the payload 2.0 answer out. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiGatewayJson.writeResponse(handle(ApiGatewayJson.readEvent(input), context), output);
    }

    /** The same request in-process, with the event already decoded (tests). */
    public APIGatewayV2HTTPResponse handleEvent(APIGatewayV2HTTPEvent event, Context context) {
        return handle(event, context).toEvent();
    }

    public Response handle(APIGatewayV2HTTPEvent event, Context context) {
        long start = System.nanoTime();
        Request request = new Request(event);
        Log.bindRequest(context != null ? context.getAwsRequestId() : request.requestId());
        Response response;
        try {
            Route route = event.getRouteKey() == null ? null : routes.get(event.getRouteKey());
            if (route == null) {
                throw ApiProblem.notFound("No route " + event.getRouteKey());
            }
            response = route.handle(request);
        } catch (ApiProblem problem) {
            response = Response.problem(problem);
        } catch (RuntimeException e) {
            LOG.error("unhandled error", e, "route", event.getRouteKey());
            response = Response.problem(new ApiProblem(500, "internal", "Internal error",
                    "Something went wrong on our side; the request id is " + Log.requestId()));
        }
        LOG.info("request", "route", event.getRouteKey(), "status", response.status(),
                "durationMs", (System.nanoTime() - start) / 1_000_000);
        Log.unbindRequest();
        return response;
    }
}
