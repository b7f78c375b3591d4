package vn.motcua.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import vn.motcua.application.Application;
import vn.motcua.application.Channel;
import vn.motcua.application.Status;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.calendar.WorkingCalendar;

/**
 * What one change adds to an office's monthly counters: derived from the dossier before and
 * after the change, so whoever writes the change (intake, an officer, the citizen's rating)
 * counts it the same way, and a change that is written once is counted once.
 */
public record StatsDelta(String officeId, Map<YearMonth, Map<Counter, Long>> byMonth) {

    public StatsDelta {
        Map<YearMonth, Map<Counter, Long>> copy = new TreeMap<>();
        byMonth.forEach((month, counts) -> {
            if (!counts.isEmpty()) {
                copy.put(month, Collections.unmodifiableMap(new EnumMap<>(counts)));
            }
        });
        byMonth = Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return byMonth.isEmpty();
    }

    /**
     * The counters a dossier's change moves: a receipt (RECEIVED reached, online or at the
     * counter), a decision (APPROVED or REJECTED reached: on time when by the due date, and its
     * processing time) and a rating (one appeared). {@code before} is null for a new dossier.
     */
    public static StatsDelta between(Application before, Application after) {
        Map<YearMonth, Map<Counter, Long>> out = new TreeMap<>();
        Status from = before == null ? null : before.status();
        if (after.status() == Status.RECEIVED && from != Status.RECEIVED && after.receivedAt() != null) {
            YearMonth month = month(after.receivedAt());
            add(out, month, Counter.RECEIVED, 1);
            add(out, month, after.channel() == Channel.COUNTER ? Counter.RECEIVED_COUNTER : Counter.RECEIVED_ONLINE, 1);
        }
        if (decision(after.status()) && (from == null || !decision(from)) && after.decidedAt() != null) {
            YearMonth month = month(after.decidedAt());
            add(out, month, Counter.DECIDED, 1);
            if (after.dueDate() != null && !WorkingCalendar.parse(after.decidedAt()).isAfter(WorkingCalendar.parse(after.dueDate()))) {
                add(out, month, Counter.DECIDED_ON_TIME, 1);
            }
            if (after.receivedAt() != null) {
                long seconds = Duration.between(WorkingCalendar.parse(after.receivedAt()),
                        WorkingCalendar.parse(after.decidedAt())).toSeconds();
                add(out, month, Counter.PROCESSING_SECONDS, Math.max(0, seconds));
            }
        }
        if (after.rating() != null && (before == null || before.rating() == null)) {
            YearMonth month = month(after.rating().at());
            add(out, month, Counter.RATINGS, 1);
            add(out, month, Counter.RATING_SUM, after.rating().score());
        }
        return new StatsDelta(after.officeId(), out);
    }

    /** An appointment closed as SERVED or NO_SHOW, counted in the month of its date. */
    public static StatsDelta appointmentClosed(String officeId, LocalDate date, AppointmentStatus outcome) {
        Counter counter = switch (outcome) {
            case SERVED -> Counter.SERVED;
            case NO_SHOW -> Counter.NO_SHOW;
            default -> throw new IllegalArgumentException("Only SERVED and NO_SHOW are counted, not " + outcome);
        };
        Map<YearMonth, Map<Counter, Long>> out = new TreeMap<>();
        add(out, YearMonth.from(date), counter, 1);
        return new StatsDelta(officeId, out);
    }

    private static boolean decision(Status status) {
        return status == Status.APPROVED || status == Status.REJECTED;
    }

    /** The month in Hanoi of an API timestamp. */
    static YearMonth month(String iso) {
        return YearMonth.from(OffsetDateTime.parse(iso).atZoneSameInstant(WorkingCalendar.ZONE));
    }

    private static void add(Map<YearMonth, Map<Counter, Long>> out, YearMonth month, Counter counter, long amount) {
        out.computeIfAbsent(month, m -> new EnumMap<>(Counter.class)).merge(counter, amount, Long::sum);
    }
}
