package vn.motcua.bench.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyInvocationOfAnIdempotentSampleGetsItsOwnKeyAndTheRestIsUntouched() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("../events/SubmissionFunction-create.json"));

        JsonNode first = JSON.readTree(Runner.withOwnIdempotencyKey(sample, "w", 1));
        JsonNode second = JSON.readTree(Runner.withOwnIdempotencyKey(sample, "w", 2));
        JsonNode original = JSON.readTree(sample);

        String key = original.at("/headers/idempotency-key").asText();
        assertThat(first.at("/headers/idempotency-key").asText()).isEqualTo(key + "-w1");
        assertThat(second.at("/headers/idempotency-key").asText()).isEqualTo(key + "-w2");
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("headers")).put("idempotency-key", key);
        assertThat(first).isEqualTo(original);
    }

    @Test
    void aSampleWithoutAKeyIsPassedAsItIs() throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("../events/StatusFunction-public.json"));

        assertThat(Runner.withOwnIdempotencyKey(sample, "w", 7)).isSameAs(sample);
        assertThat(new String(sample, StandardCharsets.UTF_8)).doesNotContain("idempotency-key");
    }
}
