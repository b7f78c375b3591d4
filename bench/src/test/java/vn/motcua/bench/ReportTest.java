package vn.motcua.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's verdicts: what the targets say, and primed rows judged on nothing cold. */
class ReportTest {

    private static final double FLOOR_MS = 100;

    @Test
    void aSlowColdStartMissesBothColdTargets() {
        Results.Function f = http("StatusFunction", 1_200, 1_250, 1_300);

        assertThat(Report.misses(f, FLOOR_MS)).containsExactly("cold median ≥ 0.8 s", "cold > 8× floor");
    }

    @Test
    void aFastColdStartMeetsThem() {
        assertThat(Report.misses(http("StatusFunction", 500, 600, 700), FLOOR_MS)).isEmpty();
    }

    @Test
    void underEightHundredMillisecondsButOverEightFloorsStillMisses() {
        assertThat(Report.misses(http("StatusFunction", 700, 790, 799), 90)).containsExactly("cold > 8× floor");
    }

    @Test
    void aPrimedRowIsNotJudgedOnColdTargetsButStillOnSizeAndErrors() {
        Results.Function primed = http("StatusFunction" + Report.PRIMED_SUFFIX, 2_000, 2_100, 2_200);
        assertThat(Report.misses(primed, FLOOR_MS)).isEmpty();
    }

    @Test
    void aServerErrorInAColdRunIsAMiss() {
        Results.Function f = new Results.Function("StatusFunction", "H::handleRequest", true, 10, null);
        f.cold().add(new Results.Cold(500, 500, 200, 300, 502, "e.json"));

        assertThat(Report.misses(f, FLOOR_MS)).containsExactly("5xx answers");
    }

    @Test
    void aJarOfFifteenMegabytesIsAMiss() {
        Results.Function f = new Results.Function("DocumentsFunction", "H::handleRequest", true, 15.0, null);
        f.cold().add(new Results.Cold(500, 500, 250, 250, 200, "e.json"));

        assertThat(Report.misses(f, FLOOR_MS)).containsExactly("jar ≥ 15 MB");
    }

    @Test
    void aRunWithoutColdStartsPrintsDashesNotNaN() {
        Results.Function floor = new Results.Function("floor", "F::handleRequest", false, 0.01, null);
        Results.Function f = new Results.Function("StatusFunction", "H::handleRequest", true, 10, null);
        f.setWarm(new Results.Warm("", 4, 9, List.of(new Results.WarmEvent("e.json", "GET /x", 1000, 4, 9, 12, 200, 0))));
        Machine machine = new Machine(2, "cpu", "0.1", "17", "linux");
        Results run = new Results("now", machine, machine, List.of(), 0, 200, 1000, 1, floor, List.of(f));

        String md = Report.markdown(run);

        assertThat(md).doesNotContain("NaN").contains("| StatusFunction | 10.00 | – | – | – | – | – | – | – | 4.00 ms | 9.00 ms | cold not measured |");
    }

    private static Results.Function http(String id, double... wallMs) {
        Results.Function f = new Results.Function(id, "H::handleRequest", true, 10, null);
        for (double w : wallMs) {
            f.cold().add(new Results.Cold(w, w, w / 2, w / 2, 200, "e.json"));
        }
        return f;
    }
}
