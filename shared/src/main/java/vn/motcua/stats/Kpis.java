package vn.motcua.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The public figures of GET /stats, computed from the monthly counters of one scope (an office,
 * or {@code ALL} for the city). A rate or an average with nothing to divide by is null, not 0.
 *
 * @param onTimeRate            decisions by the due date / decisions
 * @param averageProcessingDays mean elapsed days (calendar time) from receipt to decision
 * @param onlineShare           dossiers received online / all received
 * @param noShowRate            no-shows / appointments closed (served + no-show)
 */
public record Kpis(String officeId, String from, String to, long received, long decided,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Double onTimeRate,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Double averageProcessingDays,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Double onlineShare, Satisfaction satisfaction,
                   @JsonInclude(JsonInclude.Include.ALWAYS) Double noShowRate, Map<String, Long> counts) {

    /** The figures are always present: null says "nothing to compute it from", which 0 would hide. */
    public record Satisfaction(long count, @JsonInclude(JsonInclude.Include.ALWAYS) Double average) {
    }

    public static Kpis of(String scope, StatsRange range, List<Map<Counter, Long>> months) {
        Map<Counter, Long> sum = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            sum.put(c, 0L);
        }
        months.forEach(m -> m.forEach((c, v) -> sum.merge(c, v, Long::sum)));
        long received = sum.get(Counter.RECEIVED);
        long decided = sum.get(Counter.DECIDED);
        long ratings = sum.get(Counter.RATINGS);
        long closed = sum.get(Counter.SERVED) + sum.get(Counter.NO_SHOW);
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        sum.forEach((c, v) -> counts.put(c.attribute(), v));
        return new Kpis(scope, range.from().toString(), range.to().toString(), received, decided,
                ratio(sum.get(Counter.DECIDED_ON_TIME), decided, 3),
                ratio(sum.get(Counter.PROCESSING_SECONDS), decided * 86_400L, 2),
                ratio(sum.get(Counter.RECEIVED_ONLINE), received, 3),
                new Satisfaction(ratings, ratio(sum.get(Counter.RATING_SUM), ratings, 2)),
                ratio(sum.get(Counter.NO_SHOW), closed, 3), counts);
    }

    private static Double ratio(long numerator, long denominator, int scale) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
