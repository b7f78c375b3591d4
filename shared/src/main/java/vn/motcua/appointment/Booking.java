package vn.motcua.appointment;

import java.time.LocalDate;
import java.time.LocalTime;

/** A checked booking request: well-formed fields, not yet checked against the office's calendar. */
public record Booking(String officeId, LocalDate date, LocalTime time, Citizen citizen,
                      String procedureCode, String trackingCode) {
}
