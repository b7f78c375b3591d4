package vn.motcua.appointment;

/** The Appointment JSON of DESIGN.md §3; {@code cancelToken} only in the 201 that creates it. */
public record AppointmentView(String appointmentId, String officeId, String date, String time,
                              AppointmentStatus status, String procedureCode, String trackingCode) {
}
