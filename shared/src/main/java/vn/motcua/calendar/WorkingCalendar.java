package vn.motcua.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Working days of Hanoi's public offices: Monday to Friday, minus the public holidays in
 * data/holidays.json. All dates are in {@link #ZONE}.
 *
 * <p>Due-date rule (DESIGN.md §2, "received time plus processing days, counted in working
 * days"): a dossier received on a working day before {@link #CLOSE_OF_BUSINESS} counts from the
 * next working day; one received later, or on a day off, counts as received on the next working
 * day. Processing day N is the N-th working day after that, and the result is due at
 * {@link #CLOSE_OF_BUSINESS} local time on that day.
 *
 * <p>Saturday is not a working day here even where an office opens on Saturday morning for
 * receipt: the statutory processing time runs on the civil-service week.
 */
public final class WorkingCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final LocalTime CLOSE_OF_BUSINESS = LocalTime.of(17, 0);

    /** Fixed width, so that strings sort in time order (GSI sort keys depend on it). */
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final Set<LocalDate> holidays;

    /** {@code holidays} as {@code Catalogue.holidays()} returns them. */
    public WorkingCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The first working day strictly after {@code date}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /** The {@code days}-th working day strictly after {@code date}; {@code date} itself for 0. */
    public LocalDate addWorkingDays(LocalDate date, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        LocalDate result = date;
        for (int i = 0; i < days; i++) {
            result = nextWorkingDay(result);
        }
        return result;
    }

    /** Working days in the interval (from, to]: how far a due date moves for a pause. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        int count = 0;
        for (LocalDate d = fromExclusive.plusDays(1); !d.isAfter(toInclusive); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The day a receipt at {@code at} counts as: today before close on a working day, else the next. */
    public LocalDate effectiveReceiptDay(Instant at) {
        ZonedDateTime local = at.atZone(ZONE);
        LocalDate day = local.toLocalDate();
        if (isWorkingDay(day) && local.toLocalTime().isBefore(CLOSE_OF_BUSINESS)) {
            return day;
        }
        return nextWorkingDay(day);
    }

    /** When a dossier received at {@code receivedAt} with {@code processingDays} is due. */
    public OffsetDateTime dueDate(Instant receivedAt, int processingDays) {
        if (processingDays < 1) {
            throw new IllegalArgumentException("processingDays must be at least 1: " + processingDays);
        }
        LocalDate last = addWorkingDays(effectiveReceiptDay(receivedAt), processingDays);
        return last.atTime(CLOSE_OF_BUSINESS).atZone(ZONE).toOffsetDateTime();
    }

    /** A due date moved by the working days a pause covered ({@code pausedAt} to {@code resumedAt}). */
    public OffsetDateTime extendByPause(OffsetDateTime dueDate, Instant pausedAt, Instant resumedAt) {
        int paused = workingDaysBetween(pausedAt.atZone(ZONE).toLocalDate(), resumedAt.atZone(ZONE).toLocalDate());
        LocalDate moved = addWorkingDays(dueDate.atZoneSameInstant(ZONE).toLocalDate(), paused);
        return moved.atTime(dueDate.atZoneSameInstant(ZONE).toLocalTime()).atZone(ZONE).toOffsetDateTime();
    }

    /** An instant as the API writes it: ISO-8601 in Hanoi time, to the second, with "+07:00". */
    public static String format(Instant instant) {
        return ISO_SECONDS.format(instant.atZone(ZONE));
    }

    public static String format(OffsetDateTime time) {
        return format(time.toInstant());
    }

    public static Instant parse(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }
}
