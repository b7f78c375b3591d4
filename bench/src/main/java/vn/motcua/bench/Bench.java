package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Template;

/**
 * The benchmark: for every function in template.yaml, cold start (fresh JVM per run, the way
 * the Lambda runtime starts one), warm latency (one JVM, warm-up then measured invocations) and
 * the deployment jar's size, next to the floor (a trivial handler) measured in the same run.
 * Children run against one embedded local stack started here.
 *
 * <pre>
 * java -jar bench/target/motcua-bench.jar [--runs 10] [--warmup 200] [--invocations 1000]
 *      [--only FnA,FnB] [--skip-warm] [--skip-cold] [--compare-tiered] [--jvm "flags"] [--jvm-extra "flags"] [--env K=V,...] [--root DIR]
 *      [--ab "flags"]  (interleaved A/B: each cold run again with these flags added, rows "Fn +B")
 *      [--primed]      (interleaved: each cold run again with the handler's CRaC beforeCheckpoint
 *                       run inside init, as SnapStart does before its snapshot; rows "Fn primed")
 * </pre>
 */
public final class Bench {

    /** The B flags of {@code --primed}: the runner calls the handler's beforeCheckpoint in init. */
    static final List<String> PRIMED = List.of("-Dbench.primed=true");

    /**
     * What Lambda's java21 runtime starts the JVM with itself (serial GC, the CDS archive) and the
     * heap a 1,024 MB function gets; the template's Globals JAVA_TOOL_OPTIONS (tier-1 JIT only)
     * are added to these, read from template.yaml, so a flag changed there changes here too.
     */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Xmx870m",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true");

    record Options(Path root, int runs, int warmup, int invocations, Set<String> only, boolean cold, boolean warm,
                   boolean compareTiered, List<String> jvmFlags, Map<String, String> extraEnv, List<String> abFlags) {
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Jars jars = Jars.locate(options.root());
        Template template = Template.load(options.root().resolve("template.yaml"));
        Machine before = Machine.now();
        System.out.printf("motcua bench: %d functions in template.yaml, %d cold runs, %d+%d warm invocations%n",
                template.functions().size(), options.runs(), options.warmup(), options.invocations());
        System.out.println("  child JVM flags: " + String.join(" ", options.jvmFlags()));
        System.out.println("  " + before);

        List<Target> targets = new ArrayList<>();
        for (Template.Function fn : template.functions()) {
            if (options.only().isEmpty() || options.only().contains(fn.logicalId())) {
                targets.add(Target.of(template, fn));
            }
        }
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(options.root(), null, false, 0, false, false,
                Duration.ofSeconds(1), Duration.ZERO))) {
            Results.Function floor = Results.Function.floor(jars.floor());
            Path floorEvent = floorEvent(targets);
            List<Results.Function> results = new ArrayList<>();
            for (Target t : targets) {
                results.add(Results.Function.of(t));
            }
            // --ab: every cold run of a function is followed by one with the extra flags (row "<id> +B").
            List<Results.Function> variants = new ArrayList<>();
            for (Target t : targets) {
                variants.add(Results.Function.of(t).renamed(t.id()
                        + (options.abFlags().equals(PRIMED) ? Report.PRIMED_SUFFIX : " +B")));
            }
            List<String> bFlags = new ArrayList<>(options.jvmFlags());
            bFlags.addAll(options.abFlags());
            if (options.cold()) {
                // Runs interleave (floor, A, B, ..., floor, A, B, ...) so the machine's load,
                // shared with other builds, weighs on every function alike.
                for (int run = 0; run < options.runs(); run++) {
                    floor.cold().add(cold(options.jvmFlags(), jars, jars.floor(), "vn.motcua.bench.floor.FloorHandler::handleRequest",
                            Map.of("AWS_LAMBDA_FUNCTION_NAME", "Floor"), floorEvent));
                    for (int i = 0; i < targets.size(); i++) {
                        Target t = targets.get(i);
                        if (!t.runnable()) {
                            continue;
                        }
                        Path event = t.events().get(run % t.events().size());
                        results.get(i).cold().add(cold(options.jvmFlags(), jars, t.jar(), t.function().handler(),
                                env(stack, options, t), event));
                        if (!options.abFlags().isEmpty()) {
                            variants.get(i).cold().add(cold(bFlags, jars, t.jar(), t.function().handler(),
                                    env(stack, options, t), event));
                        }
                    }
                    System.out.printf("  cold run %d/%d done%n", run + 1, options.runs());
                }
            }
            if (options.warm()) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(i);
                    if (!t.runnable()) {
                        continue;
                    }
                    Map<String, String> env = env(stack, options, t);
                    results.get(i).setWarm(warm(options, options.jvmFlags(), jars, t, env));
                    if (options.compareTiered()) {
                        List<String> fullTiers = options.jvmFlags().stream()
                                .filter(f -> !f.startsWith("-XX:TieredStopAtLevel")).toList();
                        results.get(i).setWarmFullTiers(warm(options, fullTiers, jars, t, env));
                    }
                    System.out.printf("  warm %s done%n", t.id());
                }
            }
            if (!options.abFlags().isEmpty()) {
                System.out.println("  B = A + " + String.join(" ", options.abFlags()));
                List<Results.Function> both = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    both.add(results.get(i));
                    both.add(variants.get(i));
                }
                results = both;
            }
            Machine after = Machine.now();
            ZonedDateTime now = ZonedDateTime.now().withNano(0);
            Results all = new Results(now.toOffsetDateTime().toString(), before, after, options.jvmFlags(), options.runs(),
                    options.warmup(), options.invocations(), (System.nanoTime() - started) / 1e9, floor, results);
            Path dir = Files.createDirectories(options.root().resolve("bench/results"));
            String markdown = Report.markdown(all);
            String stamp = now.toLocalDateTime().toString().replace(":", "");
            Files.writeString(dir.resolve("bench-" + stamp + ".md"), markdown);
            Files.writeString(dir.resolve("bench-" + stamp + ".json"), Report.json(all));
            Files.writeString(dir.resolve("latest.md"), markdown);
            Files.writeString(dir.resolve("latest.json"), Report.json(all));
            System.out.println();
            System.out.println(markdown);
            System.out.println("written: " + dir.resolve("bench-" + stamp + ".md") + " and .json");
        }
    }

    private static Map<String, String> env(LocalStack stack, Options options, Target t) {
        Map<String, String> env = new LinkedHashMap<>(stack.configFor(t.id()).asMap());
        env.putAll(options.extraEnv());
        return env;
    }

    private static Results.Cold cold(List<String> jvmFlags, Jars jars, Path jar, String handler, Map<String, String> env,
                                     Path event) {
        Child.Answer answer = Child.run(jvmFlags, List.of(jar, jars.runner()), env,
                List.of("cold", handler, event.toString()), 120);
        JsonNode line = answer.line();
        return new Results.Cold(answer.wallMs(), line.get("cpuMs").asDouble(), line.get("initMs").asDouble(),
                line.get("invokeMs").asDouble(), line.get("status").asInt(), event.getFileName().toString());
    }

    private static Results.Warm warm(Options options, List<String> flags, Jars jars, Target t, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of("warm", t.function().handler(),
                String.valueOf(options.warmup()), String.valueOf(options.invocations())));
        t.events().forEach(e -> args.add(e.toString()));
        JsonNode line = Child.run(flags, List.of(t.jar(), jars.runner()), env, args, 600).line();
        List<Results.WarmEvent> events = new ArrayList<>();
        for (int e = 0; e < t.events().size(); e++) {
            JsonNode n = line.get("events").get(e);
            events.add(new Results.WarmEvent(t.events().get(e).getFileName().toString(), routeKey(t.events().get(e)),
                    n.get("n").asInt(), n.get("p50Ms").asDouble(), n.get("p99Ms").asDouble(), n.get("maxMs").asDouble(),
                    n.get("status").asInt(), n.get("errors5xx").asInt()));
        }
        return new Results.Warm(String.join(" ", flags), line.get("p50Ms").asDouble(), line.get("p99Ms").asDouble(),
                events);
    }

    /** The route key of an API Gateway sample event, or null for other event shapes. */
    static String routeKey(Path event) {
        try {
            JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event.toFile());
            return node.hasNonNull("routeKey") ? node.get("routeKey").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path floorEvent(List<Target> targets) throws IOException {
        for (Target t : targets) {
            if (!t.events().isEmpty()) {
                return t.events().get(0);
            }
        }
        Path empty = Files.createTempFile("floor-event", ".json");
        Files.writeString(empty, "{}");
        return empty;
    }

    /** A function to measure: its deployment jar and its sample events, events/<Id>-*.json. */
    record Target(Template.Function function, Path jar, List<Path> events, String problem) {

        static Target of(Template template, Template.Function fn) {
            Path jar = template.root().resolve(fn.codeUri());
            List<Path> events;
            try (Stream<Path> files = Files.list(template.root().resolve("events"))) {
                events = files.filter(p -> p.getFileName().toString().startsWith(fn.logicalId() + "-")
                        && p.toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                events = List.of();
            }
            String problem = !Files.isRegularFile(jar) ? "no jar at " + fn.codeUri() + " (run mvn -B -DskipTests package)"
                    : events.isEmpty() ? "no events/" + fn.logicalId() + "-*.json" : null;
            return new Target(fn, jar, events, problem);
        }

        String id() {
            return function.logicalId();
        }

        boolean runnable() {
            return problem == null;
        }

        boolean http() {
            return !function.events("HttpApi").isEmpty();
        }
    }

    /** The runner and floor jars, next to this one in bench/target. */
    record Jars(Path runner, Path floor) {

        static Jars locate(Path root) {
            Path target = root.resolve("bench/target");
            Path runner = target.resolve("motcua-bench-runner.jar");
            Path floor = target.resolve("motcua-bench-floor.jar");
            for (Path p : List.of(runner, floor)) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalStateException(p + " is missing: run mvn -B -DskipTests package first");
                }
            }
            return new Jars(runner, floor);
        }
    }

    private static Options parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        Set<String> switches = Set.of("--skip-warm", "--skip-cold", "--compare-tiered", "--primed");
        for (int i = 0; i < args.length; i++) {
            if (switches.contains(args[i])) {
                flags.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                flags.put(args[i], args[++i]);
            } else {
                System.err.println("""
                        usage: java -jar bench/target/motcua-bench.jar [--runs 10] [--warmup 200] [--invocations 1000]
                               [--only FnA,FnB] [--skip-warm] [--skip-cold] [--compare-tiered] [--jvm "flags"] [--jvm-extra "flags"] [--env K=V,...] [--ab "flags" | --primed] [--root DIR]""");
                System.exit(2);
            }
        }
        Path root = flags.containsKey("--root") ? Path.of(flags.get("--root")).toAbsolutePath() : root();
        return new Options(root,
                Integer.parseInt(flags.getOrDefault("--runs", "10")),
                Integer.parseInt(flags.getOrDefault("--warmup", "200")),
                Integer.parseInt(flags.getOrDefault("--invocations", "1000")),
                flags.containsKey("--only") ? Set.of(flags.get("--only").split(",")) : Set.of(),
                !flags.containsKey("--skip-cold"), !flags.containsKey("--skip-warm"),
                flags.containsKey("--compare-tiered"),
                jvmFlags(flags, root), extraEnv(flags),
                flags.containsKey("--primed") ? PRIMED
                        : flags.containsKey("--ab") ? List.of(flags.get("--ab").trim().split("\\s+")) : List.of());
    }

    /**
     * The template's JAVA_TOOL_OPTIONS and the runtime's flags (or --jvm's), then --jvm-extra's
     * (e.g. -Xlog:class+load:file=/tmp/cl-%p.log).
     */
    private static List<String> jvmFlags(Map<String, String> flags, Path root) {
        List<String> out = new ArrayList<>();
        if (flags.containsKey("--jvm")) {
            out.addAll(List.of(flags.get("--jvm").trim().split("\\s+")));
        } else {
            out.addAll(templateJavaToolOptions(root));
            out.addAll(LAMBDA_FLAGS);
        }
        if (flags.containsKey("--jvm-extra")) {
            out.addAll(List.of(flags.get("--jvm-extra").trim().split("\\s+")));
        }
        return out;
    }

    /** Globals.Function.Environment.Variables.JAVA_TOOL_OPTIONS of template.yaml, split on blanks. */
    static List<String> templateJavaToolOptions(Path root) {
        Template template = Template.load(root.resolve("template.yaml"));
        Object value = null;
        if (template.globalsFunction().get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            value = variables.get("JAVA_TOOL_OPTIONS");
        }
        return value == null || value.toString().isBlank() ? List.of() : List.of(value.toString().trim().split("\\s+"));
    }

    /** --env K=V,K2=V2: added to every function's environment (experiments, e.g. an HTTP client switch). */
    private static Map<String, String> extraEnv(Map<String, String> flags) {
        Map<String, String> env = new LinkedHashMap<>();
        if (flags.containsKey("--env")) {
            for (String pair : flags.get("--env").split(",")) {
                String[] kv = pair.split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** The project root: the jar lives in <root>/bench/target, else search up from the working directory. */
    private static Path root() {
        try {
            Path jar = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (candidate != null && Files.isRegularFile(candidate.resolve("template.yaml"))) {
                return candidate;
            }
        } catch (Exception e) {
            // Not run from the jar.
        }
        return LocalStack.projectRoot();
    }
}
