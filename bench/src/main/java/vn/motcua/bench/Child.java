package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import vn.motcua.bench.runner.Runner;

/**
 * One child JVM running {@link Runner}: class path = the deployment jar + the runner jar,
 * environment = exactly the function's (nothing inherited).
 * The wall time runs from just before the process is spawned to the moment its answer line is read.
 */
final class Child {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(double wallMs, JsonNode line) {
    }

    private Child() {
    }

    static Answer run(List<String> jvmFlags, List<Path> classPath, Map<String, String> env, List<String> runnerArgs,
                      long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(Runner.class.getName());
        command.addAll(runnerArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Deque<String> tail = new ArrayDeque<>();
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A child that never answers is killed, which ends the read below.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(Runner.MARKER)) {
                    double wall = (System.nanoTime() - start) / 1e6;
                    JsonNode answer = JSON.readTree(line.substring(Runner.MARKER.length()));
                    process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
                    return new Answer(wall, answer);
                }
                tail.addLast(line);
                if (tail.size() > 40) {
                    tail.removeFirst();
                }
            }
            process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            throw new IllegalStateException("The child JVM ended without an answer (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + "):\n  " + String.join("\n  ", tail)
                    + "\n  command: " + String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            watchdog.cancel(false);
            process.destroyForcibly();
        }
    }
}
