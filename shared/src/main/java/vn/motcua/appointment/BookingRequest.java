package vn.motcua.appointment;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import vn.motcua.notification.PhoneNumbers;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/**
 * The body of POST /appointments, as the client sent it. {@link #validate()} reports every bad
 * field at once (400 "validation") and returns the typed {@link Booking}.
 */
public record BookingRequest(String officeId, String date, String time, Citizen citizen,
                             String procedureCode, String trackingCode) {

    static final Pattern OFFICE_ID = Pattern.compile("[a-z0-9-]{1,64}");
    static final Pattern PROCEDURE_CODE = Pattern.compile("[A-Z]{2,4}-[0-9]{3}");
    static final Pattern TRACKING_CODE = Pattern.compile("[A-Za-z0-9-]{6,32}");
    /** Letters of any script (Vietnamese included, precomposed or with combining marks), spaces, . ' - */
    static final Pattern FULL_NAME = Pattern.compile("\\p{L}[\\p{L}\\p{M} .'-]*");
    static final Pattern ID_NUMBER = Pattern.compile("[0-9]{12}");

    public Booking validate() {
        List<FieldError> errors = new ArrayList<>();
        if (officeId == null || !OFFICE_ID.matcher(officeId).matches()) {
            errors.add(new FieldError("officeId", "must be an office id such as hoan-kiem"));
        }
        Optional<LocalDate> day = MoveRequest.date(date, errors);
        Optional<LocalTime> at = MoveRequest.time(time, errors);
        Citizen checked = citizen(citizen, errors);
        if (procedureCode != null && !PROCEDURE_CODE.matcher(procedureCode).matches()) {
            errors.add(new FieldError("procedureCode", "must be a procedure code such as HT-001"));
        }
        if (trackingCode != null && !TRACKING_CODE.matcher(trackingCode).matches()) {
            errors.add(new FieldError("trackingCode", "must be a tracking code of 6 to 32 letters and digits"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new Booking(officeId, day.orElseThrow(), at.orElseThrow(), checked, procedureCode,
                trackingCode == null ? null : trackingCode.toUpperCase(java.util.Locale.ROOT));
    }

    private static Citizen citizen(Citizen citizen, List<FieldError> errors) {
        if (citizen == null) {
            errors.add(new FieldError("citizen", "is required"));
            return null;
        }
        String name = citizen.fullName() == null ? null
                : Normalizer.normalize(citizen.fullName().strip().replaceAll(" {2,}", " "), Normalizer.Form.NFC);
        if (name == null || name.codePointCount(0, name.length()) < 2 || name.codePointCount(0, name.length()) > 100
                || !FULL_NAME.matcher(name).matches()) {
            errors.add(new FieldError("citizen.fullName", "must be 2 to 100 letters, spaces, dots, apostrophes or hyphens"));
        }
        if (citizen.idNumber() == null || !ID_NUMBER.matcher(citizen.idNumber()).matches()) {
            errors.add(new FieldError("citizen.idNumber", "must be the 12-digit citizen ID number"));
        }
        // Stored in E.164, as dossier phones are: the booking's SMS goes to SNS as it is stored.
        String phone = PhoneNumbers.e164(citizen.phone()).orElse(null);
        if (phone == null) {
            errors.add(new FieldError("citizen.phone", "must be a Vietnamese mobile number such as 0912345678 or +84912345678"));
        }
        return new Citizen(name, citizen.idNumber(), phone);
    }
}
