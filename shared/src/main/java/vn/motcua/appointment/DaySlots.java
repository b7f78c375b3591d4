package vn.motcua.appointment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** The body of GET /offices/{officeId}/slots. */
public record DaySlots(String date, List<SlotAvailability> slots) {

    public DaySlots {
        slots = List.copyOf(slots);
    }

    /**
     * Each slot has one place per counter; {@code booked} is what the slot counters hold (a slot
     * nobody booked has no counter item). Never negative, even if the office lost a counter after
     * the slot filled up.
     */
    public static DaySlots of(LocalDate date, List<LocalTime> starts, int capacity, Map<LocalTime, Integer> booked) {
        return new DaySlots(date.toString(), starts.stream()
                .map(t -> new SlotAvailability(SlotCalendar.format(t), capacity,
                        Math.max(0, capacity - booked.getOrDefault(t, 0))))
                .toList());
    }
}
