package vn.motcua.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto (Apache-2.0), the local stack's DynamoDB, SES and SNS, as a child process on a free
 * loopback port, through our own launcher ({@code moto_server.py} beside this class).
 *
 * <ul>
 *   <li>The launcher serves one request at a time: moto's threaded server lets two racing
 *       transactions both pass their conditions, which real DynamoDB never does.</li>
 *   <li>The child dies with this JVM however it ends, and not before: the launcher exits when
 *       its stdin, held open by this JVM, reaches end of file, which {@link #close()} causes and
 *       kill -9 of the JVM too (SIGKILL after 5 s if it does not). That is why there is no
 *       {@code prctl(PR_SET_PDEATHSIG)}: it fires when the <em>thread</em> that started the
 *       child ends, and the stack starts its emulators from a short-lived pool thread.</li>
 *   <li>The launcher binds port 0 itself (werkzeug's server can; {@code python3 -m moto.server}
 *       cannot) and prints the port it got, so no other process can take it in between.</li>
 * </ul>
 */
final class Moto implements AutoCloseable {

    /** What the launcher prints once it serves, before the port. */
    private static final String PORT_LINE = "motcua-moto-port ";
    /** The launcher's exit code when moto cannot be imported. */
    private static final int NO_MOTO = 3;
    private static final String INSTALL = "pip install 'moto[server]==5.2.1'";

    /** Python 3 or moto is missing: the one line to print, and what to install. */
    static final class Unavailable extends IllegalStateException {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Process process;
    private final int port;

    private Moto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts moto and returns once it accepts connections.
     *
     * @param outbox the file every e-mail and SMS moto accepts is appended to
     */
    static Moto start(Path outbox) {
        return start(python(), outbox);
    }

    /** With this Python interpreter (tests: one without moto). */
    static Moto start(String python, Path outbox) {
        Path launcher = launcher();
        Path log;
        Process process;
        try {
            log = Files.createTempFile("motcua-moto-", ".log");
            log.toFile().deleteOnExit();
            // Port 0: the launcher binds a free port itself and prints it, so no other process can
            // take the port between a choice here and moto's bind.
            process = new ProcessBuilder(python, launcher.toString(), Emulators.BIND_HOST, "0", outbox.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new Unavailable("The local stack needs Python 3 with moto (" + python
                    + " could not be started: " + e.getMessage() + "): install python3, then " + INSTALL);
        }
        try {
            return new Moto(process, awaitPort(process, log));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI endpoint() {
        return URI.create("http://" + Emulators.BIND_HOST + ":" + port);
    }

    int port() {
        return port;
    }

    /** The child's process id (tests check it is gone after a stop). */
    long pid() {
        return process.pid();
    }

    /** The port the launcher printed once it serves; fails if it exits first or takes 30 s. */
    private static int awaitPort(Process process, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            java.util.Optional<Integer> port = read(log).lines().filter(l -> l.startsWith(PORT_LINE))
                    .map(l -> Integer.parseInt(l.substring(PORT_LINE.length()).trim())).findFirst();
            if (port.isPresent()) {
                return port.get();
            }
            if (!process.isAlive()) {
                String output = tail(log);
                if (process.exitValue() == NO_MOTO) {
                    throw new Unavailable(output.strip());
                }
                throw new IllegalStateException("moto exited with " + process.exitValue() + " before it served: "
                        + output.strip());
            }
            sleep(20);
        }
        throw new IllegalStateException("moto did not serve within 30 s: " + tail(log).strip());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        List<String> lines = new ArrayList<>(read(log).lines().toList());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /**
     * Stops moto: closes its stdin, which the launcher takes as the signal to exit (it ignores
     * SIGINT and SIGTERM, so that a Ctrl-C reaching the whole process group leaves it serving the
     * stack's last snapshot), then SIGKILL after 5 s.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code MOTCUA_PYTHON} if set; else the project's {@code .venv}, where the build installs moto
     * when the machine's python3 lacks it; else {@code python3}.
     */
    static String python() {
        String chosen = System.getenv("MOTCUA_PYTHON");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path venv = dir.resolve(".venv/bin/python");
            if (Files.isExecutable(venv) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return venv.toString();
            }
        }
        return "python3";
    }

    /** The launcher, copied out of the jar once per JVM (python reads files, not jar entries). */
    private static synchronized Path launcher() {
        try (InputStream in = Moto.class.getResourceAsStream("moto_server.py")) {
            if (in == null) {
                throw new IllegalStateException("moto_server.py is missing from the local stack's class path");
            }
            Path file = Files.createTempFile("motcua-moto-", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for moto", e);
        }
    }
}
