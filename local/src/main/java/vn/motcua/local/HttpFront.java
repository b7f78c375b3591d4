package vn.motcua.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.motcua.http.Response;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;

/**
 * Plays API Gateway's HTTP API on 127.0.0.1: matches each request against the routes in
 * template.yaml, turns it into a payload 2.0 event for the function the route belongs to and
 * the function's answer back into HTTP.
 */
final class HttpFront implements AutoCloseable {

    /** API Gateway's own limit on a request body. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Log LOG = Log.of(HttpFront.class);

    /** Decides whether a request may reach its route; returns JWT claims, or throws a 401/403. */
    interface Authorizer {
        Optional<Map<String, String>> authorize(RouteBinding route, Map<String, String> headers);
    }

    record RouteBinding(String functionId, String routeKey, String method, String path, Pattern pattern,
                        List<String> params, boolean authorized) {
    }

    private final List<RouteBinding> routes = new ArrayList<>();
    private final Map<String, Object> cors;
    private final Functions functions;
    private final Authorizer authorizer;
    private final HttpServer server;
    private final ExecutorService executor;
    /** The API contract beside template.yaml, served at GET /openapi.yaml. */
    private final java.nio.file.Path contract;

    HttpFront(Template template, Functions functions, Authorizer authorizer, int port) throws IOException {
        this.contract = template.root().resolve("openapi.yaml");
        this.functions = functions;
        this.authorizer = authorizer;
        this.cors = Template.map(Template.map(Template.map(template.resources().get("MotcuaApi"))
                .get("Properties")).get("CorsConfiguration"));
        for (Template.Function fn : template.functions()) {
            for (Template.Event event : fn.events("HttpApi")) {
                routes.add(binding(fn.logicalId(), event));
            }
        }
        // Literal segments win over parameters, as in API Gateway: /offices/x/slots before /{proxy+}.
        routes.sort((a, b) -> Integer.compare(b.path().replaceAll("\\{[^}]+}", "").length(),
                a.path().replaceAll("\\{[^}]+}", "").length()));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "http-front");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<RouteBinding> routes() {
        return List.copyOf(routes);
    }

    private static RouteBinding binding(String functionId, Template.Event event) {
        String path = event.path();
        List<String> params = new ArrayList<>();
        StringBuilder regex = new StringBuilder("^");
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())));
            String name = m.group(1);
            if (name.endsWith("+")) {
                params.add(name.substring(0, name.length() - 1));
                regex.append("(.+)");
            } else {
                params.add(name);
                regex.append("([^/]+)");
            }
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("$");
        boolean authorized = event.properties().containsKey("Auth")
                && !"NONE".equals(String.valueOf(Template.map(event.properties().get("Auth")).get("Authorizer")));
        return new RouteBinding(functionId, event.routeKey(), event.method(), path,
                Pattern.compile(regex.toString()), params, authorized);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("origin");
            if (origin != null && !cors.isEmpty()) {
                // Like API Gateway's CorsConfiguration, except that locally any origin may call:
                // the citizen site under development runs on whatever localhost port it likes.
                exchange.getResponseHeaders().set("access-control-allow-origin", origin);
                exchange.getResponseHeaders().set("vary", "origin");
                if ("OPTIONS".equals(exchange.getRequestMethod())
                        && exchange.getRequestHeaders().getFirst("access-control-request-method") != null) {
                    exchange.getResponseHeaders().set("access-control-allow-methods", join(cors.get("AllowMethods")));
                    exchange.getResponseHeaders().set("access-control-allow-headers", join(cors.get("AllowHeaders")));
                    exchange.getResponseHeaders().set("access-control-max-age", String.valueOf(cors.getOrDefault("MaxAge", 0)));
                    exchange.sendResponseHeaders(204, -1);
                    return;
                }
            }
            if ("GET".equals(exchange.getRequestMethod()) && "/openapi.yaml".equals(exchange.getRequestURI().getRawPath())
                    && java.nio.file.Files.isRegularFile(contract)) {
                byte[] yaml = java.nio.file.Files.readAllBytes(contract);
                exchange.getResponseHeaders().set("content-type", "text/yaml; charset=utf-8");
                exchange.sendResponseHeaders(200, yaml.length);
                exchange.getResponseBody().write(yaml);
                return;
            }
            Response problem = null;
            APIGatewayV2HTTPResponse answer = null;
            try {
                answer = dispatch(exchange);
            } catch (ApiProblem p) {
                problem = Response.problem(p);
            } catch (RuntimeException e) {
                LOG.error("function failed", e, "path", exchange.getRequestURI().getRawPath());
                // Like API Gateway when the integration fails: a 500 with no details.
                problem = Response.problem(new ApiProblem(500, "internal", "Internal error", "The function failed"));
            }
            if (problem != null) {
                answer = problem.toEvent();
            }
            write(exchange, answer);
        }
    }

    private static String join(Object list) {
        return list instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : "";
    }

    private APIGatewayV2HTTPResponse dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        RouteBinding route = null;
        Matcher match = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (RouteBinding r : routes) {
            Matcher m = r.pattern().matcher(rawPath);
            if (m.matches()) {
                allowed.add(r.method());
                if (route == null && r.method().equals(method)) {
                    route = r;
                    match = m;
                }
            }
        }
        if (route == null) {
            if (!allowed.isEmpty()) {
                throw new ApiProblem(405, "method-not-allowed", "Method not allowed",
                        method + " is not served on " + path + "; try " + String.join(", ", allowed));
            }
            throw ApiProblem.notFound("No route for " + method + " " + path);
        }
        byte[] body = readBody(exchange.getRequestBody());
        Map<String, String> headers = headers(exchange);
        Optional<Map<String, String>> claims = route.authorized()
                ? authorizer.authorize(route, headers) : Optional.empty();

        Map<String, String> pathParameters = new LinkedHashMap<>();
        for (int i = 0; i < route.params().size(); i++) {
            pathParameters.put(route.params().get(i), URLDecoder.decode(match.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        APIGatewayV2HTTPEvent event = event(exchange, route, rawPath, headers, pathParameters, body, claims);
        Object result = functions.invoke(route.functionId(), event);
        if (!(result instanceof APIGatewayV2HTTPResponse response)) {
            throw new IllegalStateException(route.functionId() + " did not answer with an HTTP response");
        }
        return response;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        if (body.length > MAX_PAYLOAD) {
            throw ApiProblem.payloadTooLarge("API Gateway refuses bodies over 10 MB");
        }
        return body;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return headers;
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, RouteBinding route, String rawPath,
                                               Map<String, String> headers, Map<String, String> pathParameters,
                                               byte[] body, Optional<Map<String, String>> claims) {
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            // API Gateway joins repeated parameters with commas.
            query.merge(key, value, (a, b) -> a + "," + b);
        }
        Instant now = Instant.now();
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPEvent.RequestContext.Http http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(rawPath).withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(Emulators.ACCOUNT_ID).withApiId("local").withDomainName("127.0.0.1")
                .withDomainPrefix("local").withHttp(http).withRequestId(requestId).withRouteKey(route.routeKey())
                .withStage("$default").withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli());
        claims.ifPresent(c -> context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(c).withScopes(List.of()).build()).build()));
        boolean text = isText(headers.get("content-type"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.routeKey()).withRawPath(rawPath).withRawQueryString(rawQuery)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context.build())
                .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text)
                .build();
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String media = contentType.toLowerCase(Locale.ROOT);
        return media.startsWith("text/") || media.contains("json") || media.contains("xml")
                || media.startsWith("application/x-www-form-urlencoded");
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse answer) throws IOException {
        if (answer.getHeaders() != null) {
            answer.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        if (answer.getMultiValueHeaders() != null) {
            answer.getMultiValueHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, v));
        }
        if (answer.getCookies() != null) {
            answer.getCookies().forEach(c -> exchange.getResponseHeaders().add("set-cookie", c));
        }
        byte[] body = answer.getBody() == null ? new byte[0]
                : answer.getIsBase64Encoded() ? Base64.getDecoder().decode(answer.getBody())
                : answer.getBody().getBytes(StandardCharsets.UTF_8);
        int status = answer.getStatusCode() == 0 ? 200 : answer.getStatusCode();
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
