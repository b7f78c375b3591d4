package vn.motcua.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;

/** A read-only view of an API Gateway HTTP API (payload 2.0) request. */
public final class Request {

    /** DESIGN.md §3: bodies over 256 KiB get 413. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final APIGatewayV2HTTPEvent event;

    public Request(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null ? routeKey().split(" ", 2)[0] : http.getMethod();
    }

    public String path() {
        return event.getRawPath();
    }

    /** A path parameter the route declares; API Gateway never routes without it. */
    public String pathParam(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiProblem.notFound("No " + name + " in the path");
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        String value = params == null ? null : params.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Header names are matched case-insensitively; API Gateway lower-cases them anyway. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value == null) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A JWT claim set by the API Gateway authorizer: the only place officer identity comes from. */
    public Optional<String> claim(String name) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Optional.empty() : Optional.ofNullable(claims.get(name));
    }

    public String requestId() {
        var context = event.getRequestContext();
        return context == null ? null : context.getRequestId();
    }

    /** The raw body, decoded from base64 if API Gateway encoded it; 413 past the limit. */
    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        byte[] bytes = event.getIsBase64Encoded()
                ? decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw ApiProblem.payloadTooLarge("The body is " + bytes.length + " bytes; the limit is " + MAX_BODY_BYTES);
        }
        return event.getIsBase64Encoded() ? new String(bytes, StandardCharsets.UTF_8) : body;
    }

    /**
     * The body as a record of the route's input type. Malformed JSON, unknown fields and wrong
     * types are the client's mistake: 400 with the field that was wrong, never a 5xx.
     */
    public <T> T bodyAs(Class<T> type) {
        header("content-type").ifPresent(contentType -> {
            String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json") && !media.endsWith("+json")) {
                throw ApiProblem.unsupportedMediaType("Send the body as application/json, not " + media);
            }
        });
        String body = body();
        if (body.isBlank()) {
            throw ApiProblem.malformedJson("The request needs a JSON body");
        }
        try {
            T value = Json.read(body, type);
            if (value == null) {
                throw ApiProblem.malformedJson("The request needs a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.invalid(path(e), "unknown field");
        } catch (InvalidFormatException e) {
            throw ApiProblem.invalid(path(e), "must be a " + simpleName(e.getTargetType()));
        } catch (MismatchedInputException e) {
            throw ApiProblem.invalid(path(e).isEmpty() ? "body" : path(e),
                    e.getTargetType() == null ? "has the wrong type" : "must be a " + simpleName(e.getTargetType()));
        } catch (StreamConstraintsException e) {
            throw ApiProblem.payloadTooLarge("A value in the body is too large: " + e.getOriginalMessage());
        } catch (JsonParseException e) {
            throw ApiProblem.malformedJson("Malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (DatabindException e) {
            // A record constructor refused the value (IllegalArgumentException from a compact
            // constructor), or a type could not be built: still the client's input.
            Throwable cause = e.getCause();
            if (cause instanceof ApiProblem problem) {
                throw problem;
            }
            if (cause instanceof StreamConstraintsException tooBig) {
                throw ApiProblem.payloadTooLarge("A value in the body is too large: " + tooBig.getOriginalMessage());
            }
            String field = e instanceof JsonMappingException m ? path(m) : "";
            throw ApiProblem.invalid(field.isEmpty() ? "body" : field,
                    cause != null && cause.getMessage() != null ? cause.getMessage() : "is invalid");
        } catch (IOException e) {
            throw ApiProblem.malformedJson("The body could not be read as JSON");
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of the allowed values" : "string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        return "object";
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.malformedJson("The body is marked base64 but is not");
        }
    }
}
