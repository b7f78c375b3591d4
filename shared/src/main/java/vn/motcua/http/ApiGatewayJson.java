package vn.motcua.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway's HTTP API payload 2.0, read and written with jackson-core's streaming parser.
 *
 * <p>HTTP functions are stream handlers: the Lambda Java runtime hands them the event's bytes
 * instead of decoding an {@link APIGatewayV2HTTPEvent} itself with aws-lambda-java-serialization,
 * whose own shaded Jackson and bean introspection cost ~670 classes and ~0.3 s on a cold start
 * (bench/README.md). This reads only the fields {@link Request} uses, into the same event class,
 * so handlers and tests keep one request type.
 *
 * <p>The envelope comes from API Gateway, not from the citizen: its limits are API Gateway's
 * (10 MB payload, base64 included), not {@code Json.MAPPER}'s, which apply when the body itself is
 * read ({@link Request#bodyAs}).
 */
final class ApiGatewayJson {

    private static final JsonFactory ENVELOPE = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNestingDepth(16)
                    .build())
            .build();

    private ApiGatewayJson() {
    }

    static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        Map<String, Object> root;
        try (JsonParser parser = ENVELOPE.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("An API Gateway event is a JSON object");
            }
            root = object(parser);
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(root.get("version")));
        event.setRouteKey(text(root.get("routeKey")));
        event.setRawPath(text(root.get("rawPath")));
        event.setRawQueryString(text(root.get("rawQueryString")));
        event.setCookies(texts(root.get("cookies")));
        event.setHeaders(textMap(root.get("headers")));
        event.setQueryStringParameters(textMap(root.get("queryStringParameters")));
        event.setPathParameters(textMap(root.get("pathParameters")));
        event.setStageVariables(textMap(root.get("stageVariables")));
        event.setBody(text(root.get("body")));
        event.setIsBase64Encoded(Boolean.TRUE.equals(root.get("isBase64Encoded")));
        Map<String, Object> context = map(root.get("requestContext"));
        if (context != null) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    private static RequestContext requestContext(Map<String, Object> json) {
        RequestContext context = new RequestContext();
        context.setRouteKey(text(json.get("routeKey")));
        context.setAccountId(text(json.get("accountId")));
        context.setApiId(text(json.get("apiId")));
        context.setStage(text(json.get("stage")));
        context.setDomainName(text(json.get("domainName")));
        context.setDomainPrefix(text(json.get("domainPrefix")));
        context.setRequestId(text(json.get("requestId")));
        context.setTime(text(json.get("time")));
        if (json.get("timeEpoch") instanceof Number epoch) {
            context.setTimeEpoch(epoch.longValue());
        }
        Map<String, Object> http = map(json.get("http"));
        if (http != null) {
            RequestContext.Http h = new RequestContext.Http();
            h.setMethod(text(http.get("method")));
            h.setPath(text(http.get("path")));
            h.setProtocol(text(http.get("protocol")));
            h.setSourceIp(text(http.get("sourceIp")));
            h.setUserAgent(text(http.get("userAgent")));
            context.setHttp(h);
        }
        Map<String, Object> authorizer = map(json.get("authorizer"));
        Map<String, Object> jwt = authorizer == null ? null : map(authorizer.get("jwt"));
        if (jwt != null) {
            RequestContext.Authorizer.JWT token = new RequestContext.Authorizer.JWT();
            token.setClaims(textMap(jwt.get("claims")));
            token.setScopes(texts(jwt.get("scopes")));
            RequestContext.Authorizer a = new RequestContext.Authorizer();
            a.setJwt(token);
            context.setAuthorizer(a);
        }
        return context;
    }

    /** {@code {"statusCode", "headers", "body", "isBase64Encoded"}}, the payload 2.0 answer. */
    static void writeResponse(Response response, OutputStream out) throws IOException {
        try (JsonGenerator json = ENVELOPE.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("statusCode", response.status());
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            if (response.body() != null) {
                json.writeStringField("body", response.body());
            }
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("Unexpected " + parser.currentToken() + " in the event");
        };
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            map.put(name, value(parser));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** API Gateway sends strings; a number or boolean claim is kept as its JSON text. */
    private static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? null : String.valueOf(value);
    }

    private static Map<String, String> textMap(Object value) {
        Map<String, Object> json = map(value);
        if (json == null) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        json.forEach((k, v) -> texts.put(k, v instanceof List<?> list ? bracketed(list) : text(v)));
        return texts;
    }

    /** A list claim the way API Gateway flattens it for payload 2.0: {@code [a b]}. */
    private static String bracketed(List<?> list) {
        StringBuilder text = new StringBuilder("[");
        for (Object v : list) {
            text.append(text.length() > 1 ? " " : "").append(text(v));
        }
        return text.append(']').toString();
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> texts = new ArrayList<>(list.size());
        list.forEach(v -> texts.add(text(v)));
        return texts;
    }
}
