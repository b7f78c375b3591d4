package vn.motcua.appointment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.motcua.catalogue.Office;
import vn.motcua.catalogue.Session;
import vn.motcua.problem.ApiProblem;

/**
 * An office's counter slots: pure calendar rules, all in Asia/Ho_Chi_Minh, with time from the
 * injected clock.
 *
 * <p>A slot starts at a session's opening and every {@code slotMinutes} after it, and must end by
 * the session's close: with 15-minute slots, 08:00–11:30 gives 08:00 … 11:15. A day has no slots
 * when it is a public holiday, one of the office's closed dates, or a weekday it does not open.
 */
public final class SlotCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}");

    private final Clock clock;

    public SlotCalendar(Clock clock) {
        this.clock = clock;
    }

    public LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZONE);
    }

    public boolean isOpen(Office office, LocalDate date, Set<LocalDate> holidays) {
        return !holidays.contains(date) && !office.closedOn(date) && !office.sessions(date.getDayOfWeek()).isEmpty();
    }

    /** Every slot start of the day, in order; empty on a closed day. */
    public List<LocalTime> slots(Office office, LocalDate date, Set<LocalDate> holidays) {
        if (!isOpen(office, date, holidays) || office.slotMinutes() <= 0) {
            return List.of();
        }
        List<LocalTime> starts = new ArrayList<>();
        for (Session session : office.sessions(date.getDayOfWeek())) {
            LocalDateTime close = date.atTime(session.closeTime());
            LocalDateTime start = date.atTime(session.openTime());
            // Compared as date-times so a session closing at midnight cannot wrap around.
            while (!start.plusMinutes(office.slotMinutes()).isAfter(close)) {
                starts.add(start.toLocalTime());
                start = start.plusMinutes(office.slotMinutes());
            }
        }
        starts.sort(null);
        return List.copyOf(starts);
    }

    public boolean isSlotStart(Office office, LocalDate date, LocalTime time, Set<LocalDate> holidays) {
        return slots(office, date, holidays).contains(time);
    }

    /** From the next slot start after now to today plus the office's window in days. */
    public BookingWindow bookingWindow(Office office, Set<LocalDate> holidays) {
        LocalDateTime now = now();
        LocalDate last = now.toLocalDate().plusDays(office.bookingWindowDays());
        Optional<LocalDateTime> first = Optional.empty();
        for (LocalDate day = now.toLocalDate(); !day.isAfter(last) && first.isEmpty(); day = day.plusDays(1)) {
            LocalDate d = day;
            first = slots(office, day, holidays).stream().map(d::atTime).filter(now::isBefore).findFirst();
        }
        return new BookingWindow(now, first, last);
    }

    /** The slots still open for booking on {@code date}: 400 when the day is outside the window. */
    public List<LocalTime> bookableSlots(Office office, LocalDate date, Set<LocalDate> holidays) {
        BookingWindow window = bookingWindow(office, holidays);
        if (!window.containsDate(date)) {
            throw outsideWindow(office, window);
        }
        return slots(office, date, holidays).stream().filter(t -> !window.isPast(date.atTime(t))).toList();
    }

    /**
     * Refuses, with a 400 naming the reason, a place that cannot be booked now: a slot already
     * started, beyond the window, on a closed day, or a time that is not a slot start.
     */
    public void requireBookable(Office office, LocalDate date, LocalTime time, Set<LocalDate> holidays) {
        BookingWindow window = bookingWindow(office, holidays);
        if (window.isPast(date.atTime(time))) {
            throw ApiProblem.badRequest("slot-in-past",
                    "The slot " + date + " " + format(time) + " has already started in Hanoi time");
        }
        if (!window.containsDate(date)) {
            throw outsideWindow(office, window);
        }
        if (!isOpen(office, date, holidays)) {
            throw ApiProblem.badRequest("office-closed", "The office " + office.officeId() + " is closed on " + date);
        }
        if (!isSlotStart(office, date, time, holidays)) {
            throw ApiProblem.badRequest("not-a-slot-start", format(time) + " is not a slot start at "
                    + office.officeId() + "; slots are every " + office.slotMinutes() + " minutes from the opening");
        }
    }

    private static ApiProblem outsideWindow(Office office, BookingWindow window) {
        return ApiProblem.badRequest("outside-booking-window", "The office " + office.officeId()
                + " takes bookings from " + window.today() + " to " + window.lastDate());
    }

    /** A YYYY-MM-DD calendar date, or empty when it is malformed or impossible (2026-02-30). */
    public static Optional<LocalDate> parseDate(String value) {
        if (value == null || !DATE.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An HH:mm time of day, or empty when malformed (8:00, 24:00, 08:00:00). */
    public static Optional<LocalTime> parseTime(String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(value, HH_MM));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(LocalTime time) {
        return time.format(HH_MM);
    }
}
