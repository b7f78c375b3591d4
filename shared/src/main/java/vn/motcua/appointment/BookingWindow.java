package vn.motcua.appointment;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * When an office takes bookings, seen from one instant: a slot that starts strictly after
 * {@code now} and on or before {@code lastDate} (today plus the office's window in days).
 *
 * @param now       the current local time in Asia/Ho_Chi_Minh
 * @param firstSlot the next slot start after {@code now} within the window, if the office opens at all
 * @param lastDate  the last bookable day, inclusive
 */
public record BookingWindow(LocalDateTime now, Optional<LocalDateTime> firstSlot, LocalDate lastDate) {

    public LocalDate today() {
        return now.toLocalDate();
    }

    /** A day the slot list may be asked for: today up to the last date. */
    public boolean containsDate(LocalDate date) {
        return !date.isBefore(today()) && !date.isAfter(lastDate);
    }

    public boolean isPast(LocalDateTime slotStart) {
        return !slotStart.isAfter(now);
    }
}
