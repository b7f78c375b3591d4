package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Template;

/** openapi.yaml against template.yaml and the running stack. */
class OpenApiContractTest {

    static final Template TEMPLATE = Template.load(LocalStack.projectRoot().resolve("template.yaml"));
    /** Served by the local stack's front (and, in AWS, with the site), not by a function. */
    static final String CONTRACT_ROUTE = "GET /openapi.yaml";

    @Test
    void theContractIsOpenApi31AndListsExactlyTheRoutesOfTheTemplate() {
        assertThat(Contract.DOCUMENT.path("openapi").asText()).startsWith("3.1.");
        TreeSet<String> template = new TreeSet<>();
        for (Template.Function fn : TEMPLATE.functions()) {
            for (Template.Event event : fn.events("HttpApi")) {
                template.add(event.method() + " " + event.path());
            }
        }
        TreeSet<String> documented = new TreeSet<>(Contract.operations());
        documented.remove(CONTRACT_ROUTE);
        assertThat(documented).as("routes of openapi.yaml").containsExactlyElementsOf(template);
    }

    @Test
    void everyOperationDocumentsItsAnswersAndEveryOfficerRouteItsBearerToken() {
        List<String> missing = new ArrayList<>();
        Contract.DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            if (!operation.isObject() || !operation.has("responses")) {
                return;
            }
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            if (!operation.hasNonNull("operationId")) {
                missing.add(name + ": operationId");
            }
            boolean officer = path.getKey().startsWith("/officer/");
            boolean bearer = operation.path("security").toString().contains("officerJwt");
            if (officer != bearer) {
                missing.add(name + ": security " + operation.path("security"));
            }
            String responses = "#/paths/" + path.getKey().replace("/", "~1") + "/" + op.getKey() + "/responses";
            operation.path("responses").fieldNames().forEachRemaining(status -> {
                Contract.Located response = Contract.response(responses, status);
                if ((status.startsWith("4") || status.startsWith("5"))
                        && !response.node().path("content").has("application/problem+json")) {
                    missing.add(name + " " + status + ": application/problem+json");
                }
            });
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void everyProblemTypeTheCodeCanAnswerIsDocumentedAndEveryDocumentedOneIsAnsweredSomewhere() throws Exception {
        // Problems are built in one of two ways: new ApiProblem(status, "slug", …), or a factory
        // that takes the slug (badRequest, conflict, unprocessable). The other factories fix
        // theirs inside ApiProblem itself, with the constructor.
        java.util.regex.Pattern built = java.util.regex.Pattern.compile(
                "(?:new ApiProblem\\(\\s*\\d+,\\s*|ApiProblem\\.(?:badRequest|conflict|unprocessable)\\(\\s*|\\bsuper\\(\\s*\\d+,\\s*|\\bthis\\(\\s*\\d+,\\s*)\"([a-z-]+)\"");
        TreeSet<String> inCode = new TreeSet<>();
        java.nio.file.Path root = LocalStack.projectRoot();
        List<java.nio.file.Path> sources = new ArrayList<>();
        for (String dir : List.of("shared/src/main", "local/src/main", "functions")) {
            try (var files = Files.walk(root.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                        .forEach(sources::add);
            }
        }
        for (java.nio.file.Path source : sources) {
            java.util.regex.Matcher m = built.matcher(Files.readString(source));
            while (m.find()) {
                inCode.add(m.group(1));
            }
        }
        TreeSet<String> documented = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://motcua\\.vn/problems/([a-z-]+)")
                .matcher(Files.readString(Contract.FILE));
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(inCode).as("problem types built in %d source files", sources.size()).hasSizeGreaterThan(20);
        assertThat(documented).as("problem types of openapi.yaml").containsExactlyElementsOf(inCode);
    }

    @Test
    void theStackServesTheContractAndItsAnswersAreCheckedAgainstIt() throws Exception {
        HttpResponse<String> served = SystemStack.send(HttpRequest.newBuilder(SystemStack.url("/openapi.yaml")).GET());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/yaml"));
        assertThat(served.body()).isEqualTo(Files.readString(Contract.FILE));

        // A field of the wrong type, a status the route does not document: both fail the check.
        String procedure = SystemStack.get("/procedures/HT-001").body();
        String wrongType = procedure.replaceFirst("\"processingDays\":(\\d+)", "\"processingDays\":\"$1\"");
        assertThat(wrongType).isNotEqualTo(procedure);
        assertThatThrownBy(() -> Contract.check("GET", "/procedures/HT-001", 200, "application/json", wrongType))
                .isInstanceOf(AssertionError.class).hasMessageContaining("processingDays");
        assertThatThrownBy(() -> Contract.check("GET", "/procedures/HT-001", 418, "application/json", procedure))
                .isInstanceOf(AssertionError.class).hasMessageContaining("documents 418");
    }
}
