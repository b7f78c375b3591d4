package vn.motcua.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

class BookingRequestTest {

    static final Citizen LAN = new Citizen("Nguyễn Thị Lan", "001190012345", "0912345678");

    @Test
    void aWellFormedRequestBecomesABooking() {
        Booking booking = new BookingRequest("hoan-kiem", "2026-03-10", "08:15",
                new Citizen("  Trần   Văn An ", "001190012345", "+84912345678"), "KD-001", "ab12cd34ef").validate();
        assertThat(booking.date()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(booking.time()).isEqualTo(LocalTime.parse("08:15"));
        assertThat(booking.citizen().fullName()).isEqualTo("Trần Văn An");
        assertThat(booking.trackingCode()).isEqualTo("AB12CD34EF");
    }

    @Test
    void aNameInDecomposedUnicodeIsStoredPrecomposed() {
        String decomposed = java.text.Normalizer.normalize("Lê Thị Hồng", java.text.Normalizer.Form.NFD);
        Booking booking = new BookingRequest("hoan-kiem", "2026-03-10", "08:15",
                new Citizen(decomposed, "001190012345", "0912345678"), null, null).validate();
        assertThat(booking.citizen().fullName()).isEqualTo("Lê Thị Hồng");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> new BookingRequest("Hoan Kiem", "2026-02-30", "8:00",
                new Citizen("A1", "12345", "0212345678"), "birth", "x").validate());
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("validation");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("officeId", "date", "time",
                "citizen.fullName", "citizen.idNumber", "citizen.phone", "procedureCode", "trackingCode");
    }

    @Test
    void namesRefuseControlCharactersDigitsAndExtremeLengths() {
        for (String name : new String[] {"A", "Lan\u0000", "Lan\nAn", "Nguyễn 3", "x".repeat(101), "<script>", " "}) {
            ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                    () -> new BookingRequest("hoan-kiem", "2026-03-10", "08:00",
                            new Citizen(name, LAN.idNumber(), LAN.phone()), null, null).validate());
            assertThat(problem).as(name).isNotNull();
            assertThat(problem.errors()).extracting(FieldError::field).containsExactly("citizen.fullName");
        }
    }

    @Test
    void aMissingCitizenOrDateIsRequired() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class,
                () -> new BookingRequest("hoan-kiem", null, "08:00", null, null, null).validate());
        assertThat(problem.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("date", "citizen");
    }

    @Test
    void aMoveNeedsAValidDateAndTime() {
        assertThat(new MoveRequest("2026-03-10", "13:30").validate())
                .isEqualTo(new MoveRequest.Target(LocalDate.parse("2026-03-10"), LocalTime.parse("13:30")));
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> new MoveRequest("10/03/2026", null).validate());
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("date", "time");
    }
}
