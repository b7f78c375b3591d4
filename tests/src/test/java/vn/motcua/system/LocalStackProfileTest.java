package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.motcua.local.LocalStack;

/**
 * {@code -Plocalstack} needs Docker and LocalStack's auth token. Where either is missing, the build
 * fails at once with one line saying so, instead of skipping every test and reporting success.
 */
class LocalStackProfileTest {

    record Run(int exit, String output) {
    }

    static Run run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(LocalStack.projectRoot().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    static boolean dockerAnswers() throws Exception {
        try {
            return run("docker", "info").exit() == 0;
        } catch (IOException noDockerClient) {
            return false;
        }
    }

    @Test
    void theLocalStackProfileFailsTheBuildWithOneLineWhereDockerOrItsTokenIsMissing() throws Exception {
        boolean canRun = dockerAnswers() && System.getenv("LOCALSTACK_AUTH_TOKEN") != null;
        Run build = run("mvn", "-B", "-N", "-Dstyle.color=never", "-Plocalstack", "validate");
        if (canRun) {
            assertThat(build.exit()).as(build.output()).isZero();
        } else {
            assertThat(build.exit()).as(build.output()).isNotZero();
            assertThat(build.output()).contains("BUILD FAILURE")
                    .containsPattern("\\[ERROR\\] Failed to execute goal .*: \\[motcua\\] -Plocalstack needs (a running Docker engine|LOCALSTACK_AUTH_TOKEN)")
                    .doesNotContain("Tests run:");
        }
    }
}
