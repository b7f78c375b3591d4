package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.motcua.local.Template;

/**
 * Every sample in events/ (what `sam local invoke -e` would send) deserialises the way the
 * Lambda runtime does it and its function answers it without a server error.
 */
class EventsTest {

    static final Path EVENTS = TemplateContractTest.ROOT.resolve("events");

    @Test
    void everyFunctionHasAtLeastOneSampleEvent() throws IOException {
        List<String> names = files().map(p -> p.getFileName().toString()).toList();
        for (Template.Function fn : TemplateContractTest.TEMPLATE.functions()) {
            assertThat(names).as("events/ sample for " + fn.logicalId())
                    .anyMatch(n -> n.startsWith(fn.logicalId() + "-"));
        }
    }

    @TestFactory
    List<DynamicTest> everySampleEventIsAnsweredWithoutA5xx() throws IOException {
        return files().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            String functionId = name.substring(0, name.indexOf('-'));
            Template.Function fn = TemplateContractTest.TEMPLATE.function(functionId);
            String json = Files.readString(file);
            String path = file.toAbsolutePath().toString();
            if (json.contains("\"routeKey\"")) {
                assertThat(fn.events("HttpApi")).as(functionId + " serves HTTP").isNotEmpty();
                APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(path);
                assertThat(fn.events("HttpApi")).extracting(Template.Event::routeKey).contains(event.getRouteKey());
                // An HTTP function is a stream handler: the runtime hands it the file's bytes as they are.
                JsonNode answer = new ObjectMapper().readTree(SystemStack.get().invokeJson(functionId, Files.readAllBytes(file)));
                assertThat(answer.path("statusCode").asInt()).as(name).isBetween(200, 499);
                assertThat(answer.path("body").asText()).as(name + " reached its route").doesNotContain("No route");
                APIGatewayV2HTTPResponse decoded = new ObjectMapper().treeToValue(answer, APIGatewayV2HTTPResponse.class);
                assertThat(decoded.getStatusCode()).isEqualTo(answer.path("statusCode").asInt());
                if (decoded.getStatusCode() != 204) {
                    assertThat(decoded.getHeaders()).as(name).containsKey("content-type");
                }
            } else if (json.contains("\"aws:sqs\"")) {
                assertThat(fn.events("SQS")).as(functionId + " reads a queue").isNotEmpty();
                SQSEvent event = EventLoader.loadSQSEvent(path);
                assertThat(event.getRecords()).isNotEmpty();
                // Every function is a stream handler: the runtime hands it the file's bytes as they are.
                JsonNode answer = new ObjectMapper().readTree(SystemStack.get().invokeJson(functionId, Files.readAllBytes(file)));
                // The notification is sent (to the local outbox); the intake sample names a dossier
                // nobody submitted here, so intake reports that message back for SQS to retry.
                List<String> failed = answer.path("batchItemFailures").findValuesAsText("itemIdentifier");
                assertThat(answer.path("batchItemFailures").isArray()).as(name + ": " + answer).isTrue();
                assertThat(failed).as(name).isEqualTo(functionId.equals("IntakeFunction")
                        ? List.of(event.getRecords().get(0).getMessageId()) : List.of());
            } else if (json.contains("\"aws:s3\"")) {
                assertThat(fn.events("S3")).as(functionId + " is subscribed to a bucket").isNotEmpty();
                S3Event event = EventLoader.loadS3Event(path);
                assertThat(event.getRecords()).isNotEmpty();
                assertThat(SystemStack.get().invokeJson(functionId, Files.readAllBytes(file))).as(name).isEmpty();
            } else if (json.contains("\"detail-type\"")) {
                ScheduledEvent event = EventLoader.loadScheduledEvent(path);
                assertThat(event.getDetailType()).isNotBlank();
                JsonNode answer = new ObjectMapper().readTree(SystemStack.get().invokeJson(functionId, Files.readAllBytes(file)));
                assertThat(answer.isObject()).as(name + ": " + answer).isTrue();
            } else {
                throw new AssertionError(name + " is no event shape this project uses");
            }
        })).toList();
    }

    private static Stream<Path> files() throws IOException {
        return Files.list(EVENTS).filter(p -> p.toString().endsWith(".json")).sorted();
    }
}
