package vn.motcua.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run as a Markdown table (printed and written) and as JSON. The targets are checked here. */
final class Report {

    static final double COLD_MEDIAN_TARGET_MS = 800;
    static final double FLOOR_RATIO_TARGET = 8;
    static final double WARM_P99_TARGET_MS = 20;
    static final double JAR_TARGET_MB = 15;
    /** Rows of {@code --primed}: init includes SnapStart's priming, so the cold targets are judged on the plain rows. */
    static final String PRIMED_SUFFIX = " primed";

    private Report() {
    }

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("## Benchmark, ").append(r.at()).append("\n\n");
        md.append("Machine: ").append(r.before().cores()).append(" cores (").append(r.before().cpu()).append("), ")
                .append(r.before().java()).append(", ").append(r.before().os()).append("; load average ")
                .append(r.before().loadAverage()).append(" before, ").append(r.after().loadAverage()).append(" after.  \n");
        md.append("Child JVMs: `").append(String.join(" ", r.jvmFlags())).append("`; ")
                .append(r.runs()).append(" cold runs each (interleaved with the floor), warm = ")
                .append(r.invocations()).append(" invocations after ").append(r.warmup())
                .append(" warm-up in one JVM; run took ").append(fmt(r.seconds())).append(" s.\n\n");
        double floor = r.floor().getColdWall().median();
        md.append("| Function | Jar MB | Cold min | Cold median | Cold max | × floor | CPU (median) | Init (median) | First invoke (median) | Warm p50 | Warm p99 | Targets |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        row(md, r.floor(), floor);
        for (Results.Function f : r.functions()) {
            row(md, f, floor);
        }
        md.append("\nCold figures are wall time from spawning the JVM to reading its answer; init = load and "
                + "construct the handler, first invoke = deserialise the event, handle it (round trips to the "
                + "local stack included) and serialise the answer; CPU = the child JVM's CPU time (all threads) "
                + "up to the answer, the figure to compare when the machine is loaded.\n");
        if (r.functions().stream().anyMatch(f -> f.getId().endsWith(PRIMED_SUFFIX))) {
            md.append("\nRows \"primed\": the same cold start with the handler's CRaC `beforeCheckpoint` run inside "
                    + "init, which is what SnapStart does before it takes its snapshot; their *first invoke* is the part "
                    + "of a SnapStart cold start measurable here (Lambda adds the snapshot's restore, which needs "
                    + "Lambda or a CRaC JVM). The cold targets are judged on the plain rows.\n");
        }
        boolean any = r.functions().stream().anyMatch(f -> f.getWarm() != null);
        if (any) {
            md.append("\n| Function | Event | Route | Status | Warm p50 ms | Warm p99 ms | Max ms | 5xx |");
            boolean tiers = r.functions().stream().anyMatch(f -> f.getWarmFullTiers() != null);
            if (tiers) {
                md.append(" p50 / p99 full tiers |");
            }
            md.append("\n|---|---|---|---:|---:|---:|---:|---:|").append(tiers ? "---:|" : "").append('\n');
            for (Results.Function f : r.functions()) {
                if (f.getWarm() == null) {
                    continue;
                }
                for (int i = 0; i < f.getWarm().events().size(); i++) {
                    Results.WarmEvent e = f.getWarm().events().get(i);
                    md.append("| ").append(f.getId()).append(" | ").append(e.event()).append(" | ")
                            .append(e.routeKey() == null ? "" : "`" + e.routeKey() + "`").append(" | ")
                            .append(e.status()).append(" | ").append(fmt(e.p50Ms())).append(" | ")
                            .append(fmt(e.p99Ms())).append(" | ").append(fmt(e.maxMs())).append(" | ")
                            .append(e.errors5xx()).append(" |");
                    if (tiers) {
                        Results.WarmEvent full = f.getWarmFullTiers() == null ? null : f.getWarmFullTiers().events().get(i);
                        md.append(full == null ? " |" : " " + fmt(full.p50Ms()) + " / " + fmt(full.p99Ms()) + " |");
                    }
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }

    private static void row(StringBuilder md, Results.Function f, double floor) {
        if (f.getProblem() != null) {
            md.append("| ").append(f.getId()).append(" | | | | | | | | | | | not measured: ").append(f.getProblem()).append(" |\n");
            return;
        }
        Stats wall = f.getColdWall();
        md.append("| ").append(f.getId()).append(" | ").append(fmt(f.getJarMb())).append(" | ")
                .append(seconds(wall.min())).append(" | ").append(seconds(wall.median())).append(" | ")
                .append(seconds(wall.max())).append(" | ").append(fmt(wall.median() / floor)).append(" | ")
                .append(millis(f.getColdCpu().median())).append(" | ")
                .append(millis(f.getColdInit().median())).append(" | ").append(millis(f.getColdInvoke().median()))
                .append(" | ").append(f.getWarm() == null ? "" : fmt(f.getWarm().p50Ms()) + " ms").append(" | ")
                .append(f.getWarm() == null ? "" : fmt(f.getWarm().p99Ms()) + " ms").append(" | ")
                .append(f.getId().equals("floor") ? ""
                        : f.getId().endsWith(PRIMED_SUFFIX) ? "SnapStart path, restore not included"
                        : String.join("; ", misses(f, floor)).replaceFirst("^$", "all met"))
                .append(" |\n");
    }

    /** The targets this function misses (empty = all met). */
    static List<String> misses(Results.Function f, double floor) {
        List<String> misses = new ArrayList<>();
        Stats wall = f.getColdWall();
        if (f.getId().endsWith(PRIMED_SUFFIX)) {
            return misses;
        }
        if (f.isHttp() && wall.n() == 0) {
            // --skip-cold: say so rather than "all met".
            misses.add("cold not measured");
        }
        if (f.isHttp() && wall.n() > 0 && !(wall.median() < COLD_MEDIAN_TARGET_MS)) {
            misses.add("cold median ≥ 0.8 s");
        }
        if (f.isHttp() && wall.n() > 0 && wall.median() / floor > FLOOR_RATIO_TARGET) {
            misses.add("cold > 8× floor");
        }
        if (f.getWarm() != null && f.isHttp()) {
            for (Results.WarmEvent e : f.getWarm().events()) {
                if (!(e.p99Ms() < WARM_P99_TARGET_MS)) {
                    misses.add("warm p99 ≥ 20 ms on " + e.event());
                }
            }
        }
        if (!(f.getJarMb() < JAR_TARGET_MB)) {
            misses.add("jar ≥ 15 MB");
        }
        if (f.cold().stream().anyMatch(c -> c.status() >= 500)
                || (f.getWarm() != null && f.getWarm().events().stream().anyMatch(e -> e.errors5xx() > 0))) {
            misses.add("5xx answers");
        }
        return misses;
    }

    static String json(Results r) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Not measured (e.g. {@code --skip-cold}) is a dash, not "NaN s". */
    private static final String NOT_MEASURED = "–";

    private static String seconds(double ms) {
        return Double.isNaN(ms) ? NOT_MEASURED : fmt3(ms / 1000) + " s";
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? NOT_MEASURED : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? NOT_MEASURED : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
