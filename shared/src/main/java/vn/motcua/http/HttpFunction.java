package vn.motcua.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;

/**
 * Base of every HTTP function: dispatches on API Gateway's route key ("GET /procedures/{code}"),
 * renders {@link ApiProblem} as problem+json, turns anything unexpected into one logged 500 and
 * writes one structured access line per request.
 *
 * <p>A subclass registers its routes in its constructor and holds nothing but glue.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Log LOG = Log.of(HttpFunction.class);

    private final Map<String, Route> routes = new LinkedHashMap<>();

    protected final void route(String routeKey, Route route) {
        routes.put(routeKey, route);
    }

    /** The route keys this function serves, for the template contract test and the local stack. */
    public Set<String> routeKeys() {
        return Set.copyOf(routes.keySet());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
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
