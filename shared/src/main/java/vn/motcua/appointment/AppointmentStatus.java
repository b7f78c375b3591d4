package vn.motcua.appointment;

/**
 * BOOKED holds a place at the counter; the other three are final. A citizen cancels; the officer
 * marks SERVED or NO_SHOW on the day. Only BOOKED counts towards the citizen's active bookings.
 */
public enum AppointmentStatus {
    BOOKED, CANCELLED, SERVED, NO_SHOW
}
