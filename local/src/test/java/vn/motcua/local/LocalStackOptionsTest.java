package vn.motcua.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void aReplayedClockNeverReadsBeforeTheInstantItWasSetTo() {
        for (Instant target : new Instant[] {
                OffsetDateTime.parse("2027-04-29T10:00:00+07:00").toInstant(),
                Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS),
                Instant.now().plusMillis(1_500)}) {
            Duration offset = LocalStack.Options.forTests(Path.of(".")).withClock(target).clockOffset();

            // What a function sees: MOTCUA_CLOCK_OFFSET_SECONDS, whole seconds, added to its clock.
            assertThat(offset.getNano()).as("offset for %s travels in whole seconds", target).isZero();
            Instant functionNow = Instant.now().plusSeconds(offset.toSeconds());
            assertThat(functionNow).as("clock set to %s", target).isAfterOrEqualTo(target)
                    .isBefore(target.plusSeconds(3));
        }
    }
}
