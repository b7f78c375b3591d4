package vn.motcua.appointment.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;

/** The events/ samples for this function are real HTTP API events for routes it serves. */
class SampleEventsTest {

    @Test
    void everySampleEventNamesARouteOfTheFunction() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("../../events"))) {
            files = list.filter(p -> p.getFileName().toString().startsWith("AppointmentsFunction-")).sorted().toList();
        }
        assertThat(files).hasSize(5);
        AppointmentsHandlerRefusalTest routes = new AppointmentsHandlerRefusalTest();
        for (Path file : files) {
            APIGatewayV2HTTPEvent event = Json.MAPPER.readerFor(APIGatewayV2HTTPEvent.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file));
            assertThat(routes.routeKeys()).as(file.toString()).contains(event.getRouteKey());
            assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo(event.getRouteKey().split(" ")[0]);
        }
    }
}
