package vn.motcua.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

    static SQSEvent event(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void reportsOnlyTheMessagesThatFailed() {
        List<String> handled = new ArrayList<>();
        SQSBatchResponse response = new BatchProcessor(getClass()).process(event("ok", "boom", "ok2"), null, m -> {
            if (m.getBody().equals("boom")) {
                throw new IllegalStateException("poison");
            }
            handled.add(m.getBody());
        });
        assertThat(handled).containsExactly("ok", "ok2");
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m1");
    }

    @Test
    void anEmptyEventIsNoFailure() {
        assertThat(new BatchProcessor(getClass()).process(new SQSEvent(), null, m -> { }).getBatchItemFailures()).isEmpty();
    }
}
