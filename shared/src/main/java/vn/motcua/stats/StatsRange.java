package vn.motcua.stats;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/**
 * The months a /stats query covers, inclusive. Counters are kept per month, so {@code from} and
 * {@code to} are months ({@code YYYY-MM}); a day would promise a precision the counters do not have.
 * Without {@code to}: the current month in Hanoi; without {@code from}: the 12 months up to {@code to}.
 */
public record StatsRange(YearMonth from, YearMonth to) {

    /** At most five years in one query: 60 items per scope, still O(months). */
    public static final int MAX_MONTHS = 60;
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    public static StatsRange parse(Optional<String> from, Optional<String> to, Clock clock) {
        List<FieldError> errors = new ArrayList<>();
        Optional<YearMonth> end = to.map(v -> month("to", v, errors));
        Optional<YearMonth> start = from.map(v -> month("from", v, errors));
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        YearMonth last = end.orElseGet(() -> YearMonth.now(clock.withZone(WorkingCalendar.ZONE)));
        YearMonth first = start.orElse(last.minusMonths(11));
        if (first.isAfter(last)) {
            throw ApiProblem.invalid("from", "must not be after to (" + last + ")");
        }
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw ApiProblem.invalid("to", "the range may cover at most " + MAX_MONTHS + " months");
        }
        return new StatsRange(first, last);
    }

    private static YearMonth month(String field, String value, List<FieldError> errors) {
        if (MONTH.matcher(value).matches()) {
            try {
                YearMonth month = YearMonth.parse(value);
                if (month.getYear() >= 2000 && month.getYear() <= 2100) {
                    return month;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(new FieldError(field, "must be a month YYYY-MM between 2000-01 and 2100-12"));
        return null;
    }
}
