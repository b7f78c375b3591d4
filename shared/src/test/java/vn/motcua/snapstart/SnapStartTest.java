package vn.motcua.snapstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.log.Log;

class SnapStartTest {

    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    /** A function whose own priming has a bug. */
    static final class Broken implements Primed {
        int primed;

        Broken() {
            SnapStart.register(this);
        }

        @Override
        public void prime() {
            primed++;
            throw new IllegalStateException("sample message no longer parses");
        }
    }

    @AfterEach
    void restoreLog() {
        Log.redirect(System.out);
    }

    @Test
    void aPrimingThatThrowsIsLoggedAndTheSnapshotIsTakenAllTheSame() {
        Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
        Broken function = new Broken();

        assertThatCode(() -> function.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(function.primed).isEqualTo(1);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("\"level\":\"ERROR\"", "priming failed", "\"function\":\"Broken\"",
                        "sample message no longer parses");
    }

    @Test
    void aHandlerIsKnownToBePrimedOnlyOnceItRegistered() {
        Primed unregistered = () -> { };

        assertThat(SnapStart.isRegistered(new Broken())).isTrue();
        assertThat(SnapStart.isRegistered(unregistered)).isFalse();
        assertThat(SnapStart.isRegistered("not a function")).isFalse();
    }
}
