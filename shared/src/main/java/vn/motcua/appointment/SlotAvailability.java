package vn.motcua.appointment;

/** One slot in GET /offices/{officeId}/slots: a start time and how many counters are still free. */
public record SlotAvailability(String time, int capacity, int available) {
}
