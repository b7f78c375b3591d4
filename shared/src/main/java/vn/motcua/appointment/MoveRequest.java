package vn.motcua.appointment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/** The body of PUT /appointments/{appointmentId}: the new date and slot start. */
public record MoveRequest(String date, String time) {

    /** A checked move target. */
    public record Target(LocalDate date, LocalTime time) {
    }

    public Target validate() {
        List<FieldError> errors = new ArrayList<>();
        Optional<LocalDate> day = date(date, errors);
        Optional<LocalTime> at = time(time, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new Target(day.orElseThrow(), at.orElseThrow());
    }

    static Optional<LocalDate> date(String value, List<FieldError> errors) {
        Optional<LocalDate> parsed = SlotCalendar.parseDate(value);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("date", value == null ? "is required" : "must be a date YYYY-MM-DD"));
        }
        return parsed;
    }

    static Optional<LocalTime> time(String value, List<FieldError> errors) {
        Optional<LocalTime> parsed = SlotCalendar.parseTime(value);
        if (parsed.isEmpty()) {
            errors.add(new FieldError("time", value == null ? "is required" : "must be a slot start HH:mm"));
        }
        return parsed;
    }
}
