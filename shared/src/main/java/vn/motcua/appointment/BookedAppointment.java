package vn.motcua.appointment;

/** The 201 body of POST /appointments: the only time the cancel token is ever shown. */
public record BookedAppointment(String appointmentId, String cancelToken, String officeId, String date,
                                String time, AppointmentStatus status, String procedureCode,
                                String trackingCode) {

    public static BookedAppointment of(Appointment appointment, String cancelToken) {
        AppointmentView view = appointment.view();
        return new BookedAppointment(view.appointmentId(), cancelToken, view.officeId(), view.date(),
                view.time(), view.status(), view.procedureCode(), view.trackingCode());
    }
}
