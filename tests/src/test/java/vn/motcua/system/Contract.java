package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import vn.motcua.local.LocalStack;

/**
 * openapi.yaml, the API contract, as the end-to-end tests check every answer against it: the
 * route must be documented, the status documented for that route, and a JSON body must match the
 * schema of that route, status and media type (JSON Schema 2020-12 with the OpenAPI 3.1 dialect).
 */
final class Contract {

    static final Path FILE = LocalStack.projectRoot().resolve("openapi.yaml");
    static final JsonNode DOCUMENT = read();
    /** The id the document is registered under: nothing is fetched, the file is handed over. */
    private static final String ID = "https://motcua.vn/openapi.yaml";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemas(Map.of(ID, text())));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final List<Route> ROUTES = routes();

    /** A path template of openapi.yaml and the regex that matches its concrete paths. */
    record Route(String template, Pattern pattern) {
    }

    private Contract() {
    }

    /**
     * Fails unless the answer to {@code method path} is what openapi.yaml documents: a documented
     * status, and a JSON body that matches that status's schema. A path or method the contract
     * does not list may only be answered 404 or 405 with a Problem.
     */
    static void check(String method, String rawPath, HttpResponse<String> response) {
        check(method, rawPath, response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
    }

    static void check(String method, String rawPath, int status, String contentType, String body) {
        String verb = method.toLowerCase(Locale.ROOT);
        String mediaType = contentType.split(";")[0].trim();
        if (verb.equals("options")) {
            return; // a CORS preflight: API Gateway's CorsConfiguration answers it, no route does
        }
        java.util.Optional<Route> route = ROUTES.stream().filter(r -> r.pattern().matcher(rawPath.split("\\?")[0]).matches())
                .findFirst();
        JsonNode operation = route.map(r -> DOCUMENT.path("paths").path(r.template()).path(verb))
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        if (operation.isMissingNode()) {
            // No such route or method: the gateway's own 404 or 405, a Problem all the same.
            assertThat(status).as("%s %s is not in openapi.yaml, so only 404 or 405 may answer it", method, rawPath)
                    .isIn(404, 405);
            validate("#/components/schemas/Problem", method, rawPath, status, body);
            return;
        }
        String template = route.orElseThrow().template();
        Located response = response("#/paths/" + escape(template) + "/" + verb + "/responses", Integer.toString(status));
        assertThat(response).as("openapi.yaml documents %d for %s %s (answer: %s)", status, method, template, body)
                .isNotNull();
        if (body == null || body.isEmpty() || !mediaType.endsWith("json")) {
            return;
        }
        assertThat(response.node().path("content").has(mediaType))
                .as("openapi.yaml documents %s for %d of %s %s", mediaType, status, method, template).isTrue();
        validate(response.pointer() + "/content/" + escape(mediaType) + "/schema", method, rawPath, status, body);
    }

    /** A node of openapi.yaml and its JSON pointer, after following a {@code $ref}. */
    record Located(String pointer, JsonNode node) {
    }

    /** The response object documented for {@code status} under {@code responsesPointer}; null if none. */
    static Located response(String responsesPointer, String status) {
        JsonNode responses = DOCUMENT.at(responsesPointer.substring(1).replace("%7B", "{").replace("%7D", "}")
                .replace("%2B", "+"));
        JsonNode node = responses.path(status);
        if (node.isMissingNode()) {
            return null;
        }
        String pointer = responsesPointer + "/" + status;
        if (node.has("$ref")) {
            pointer = node.get("$ref").asText();
            node = DOCUMENT.at(pointer.substring(1));
        }
        return new Located(pointer, node);
    }

    private static void validate(String pointer, String method, String rawPath, int status, String body) {
        Schema schema = SCHEMAS.computeIfAbsent(pointer, p -> REGISTRY.getSchema(SchemaLocation.of(ID + p)));
        List<com.networknt.schema.Error> errors = schema.validate(body, InputFormat.JSON);
        assertThat(errors).as("%s %s answered %d against openapi.yaml %s: %s", method, rawPath, status, pointer, body)
                .isEmpty();
    }

    /** Every path template with its methods, as openapi.yaml lists them. */
    static List<String> operations() {
        List<String> out = new ArrayList<>();
        DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(verb -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(verb)) {
                out.add(verb.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return out;
    }

    private static List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (Iterator<String> it = DOCUMENT.path("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            out.add(new Route(template, Pattern.compile("^" + Pattern.quote(template)
                    .replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$")));
        }
        out.sort((a, b) -> Integer.compare(b.template().replaceAll("\\{[^}]+}", "").length(),
                a.template().replaceAll("\\{[^}]+}", "").length()));
        return out;
    }

    /** A JSON pointer token (RFC 6901), percent-encoded for a URI fragment. */
    private static String escape(String token) {
        String escaped = token.replace("~", "~0").replace("/", "~1");
        return escaped.replace("{", "%7B").replace("}", "%7D").replace("+", "%2B");
    }

    private static String text() {
        try {
            return java.nio.file.Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE, e);
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + FILE, e);
        }
    }
}
