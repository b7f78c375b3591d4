package vn.motcua.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything one run measured, as the JSON file records it. */
record Results(String at, Machine before, Machine after, List<String> jvmFlags, int runs, int warmup,
               int invocations, double seconds, Function floor, List<Function> functions) {

    /** One cold start: wall from spawn to answer, and the child's own split. */
    record Cold(double wallMs, double cpuMs, double initMs, double invokeMs, int status, String event) {
    }

    record WarmEvent(String event, String routeKey, int n, double p50Ms, double p99Ms, double maxMs, int status,
                     int errors5xx) {
    }

    record Warm(String flags, double p50Ms, double p99Ms, List<WarmEvent> events) {
    }

    static final class Function {
        private final String id;
        private final String handler;
        private final boolean http;
        private final double jarMb;
        private final String problem;
        private final List<Cold> cold = new ArrayList<>();
        private Warm warm;
        private Warm warmFullTiers;

        Function(String id, String handler, boolean http, double jarMb, String problem) {
            this.id = id;
            this.handler = handler;
            this.http = http;
            this.jarMb = jarMb;
            this.problem = problem;
        }

        static Function of(Bench.Target t) {
            return new Function(t.id(), t.function().handler(), t.http(), t.runnable() ? mb(t.jar()) : 0, t.problem());
        }

        /** The same function under another name (an A/B variant's row). */
        Function renamed(String newId) {
            return new Function(newId, handler, http, jarMb, problem);
        }

        static Function floor(Path jar) {
            return new Function("floor", "vn.motcua.bench.floor.FloorHandler::handleRequest", true, mb(jar), null);
        }

        private static double mb(Path jar) {
            try {
                return Files.size(jar) / 1_048_576.0;
            } catch (Exception e) {
                return 0;
            }
        }

        public String getId() {
            return id;
        }

        public String getHandler() {
            return handler;
        }

        public boolean isHttp() {
            return http;
        }

        public double getJarMb() {
            return jarMb;
        }

        public String getProblem() {
            return problem;
        }

        public List<Cold> cold() {
            return cold;
        }

        public List<Cold> getCold() {
            return cold;
        }

        public Warm getWarm() {
            return warm;
        }

        void setWarm(Warm warm) {
            this.warm = warm;
        }

        public Warm getWarmFullTiers() {
            return warmFullTiers;
        }

        void setWarmFullTiers(Warm warm) {
            this.warmFullTiers = warm;
        }

        public Stats getColdWall() {
            return Stats.of(cold.stream().mapToDouble(Cold::wallMs).toArray());
        }

        public Stats getColdCpu() {
            return Stats.of(cold.stream().mapToDouble(Cold::cpuMs).toArray());
        }

        public Stats getColdInit() {
            return Stats.of(cold.stream().mapToDouble(Cold::initMs).toArray());
        }

        public Stats getColdInvoke() {
            return Stats.of(cold.stream().mapToDouble(Cold::invokeMs).toArray());
        }

    }
}
