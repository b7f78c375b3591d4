package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Holiday;

class WorkingCalendarTest {

    /** The real reference data, so a wrong holidays.json fails here too. */
    static final Set<LocalDate> HOLIDAYS = CatalogueFiles.read(Path.of("../data")).holidays().stream()
            .map(Holiday::localDate).collect(Collectors.toSet());

    final WorkingCalendar calendar = new WorkingCalendar(HOLIDAYS);

    static Instant hanoi(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static String due(WorkingCalendar calendar, String receivedLocal, int days) {
        return WorkingCalendar.format(calendar.dueDate(hanoi(receivedLocal), days));
    }

    @Test
    void aFridayMorningReceiptWithOneDayIsDueMondayAtFive() {
        assertThat(due(calendar, "2026-11-27T10:00", 1)).isEqualTo("2026-11-30T17:00:00+07:00");
    }

    @Test
    void aReceiptAfterFiveCountsFromTheNextWorkingDay() {
        assertThat(due(calendar, "2026-11-27T16:59:59", 1)).isEqualTo("2026-11-30T17:00:00+07:00");
        assertThat(due(calendar, "2026-11-27T17:00", 1)).isEqualTo("2026-12-01T17:00:00+07:00");
    }

    @Test
    void aWeekendReceiptCountsAsReceivedOnMonday() {
        assertThat(due(calendar, "2026-11-28T09:00", 1)).isEqualTo("2026-12-01T17:00:00+07:00");
        assertThat(due(calendar, "2026-11-29T23:59", 2)).isEqualTo("2026-12-02T17:00:00+07:00");
    }

    @Test
    void theDayIsTakenInHanoiTimeNotUtc() {
        // 20:00 UTC on Thursday is 03:00 on Friday in Hanoi.
        assertThat(WorkingCalendar.format(calendar.dueDate(Instant.parse("2026-11-26T20:00:00Z"), 1)))
                .isEqualTo("2026-11-30T17:00:00+07:00");
        // 10:30 UTC on Friday is 17:30 in Hanoi: after close.
        assertThat(WorkingCalendar.format(calendar.dueDate(Instant.parse("2026-11-27T10:30:00Z"), 1)))
                .isEqualTo("2026-12-01T17:00:00+07:00");
    }

    @Test
    void aWeekendFollowedByAHolidayIsSkipped() {
        // Friday 24/04/2026; Monday 27/04 is the compensatory day for Hùng Kings' Day.
        assertThat(due(calendar, "2026-04-24T10:00", 1)).isEqualTo("2026-04-28T17:00:00+07:00");
        // 30/04 and 01/05 (Thu, Fri) then the weekend.
        assertThat(due(calendar, "2026-04-29T10:00", 1)).isEqualTo("2026-05-04T17:00:00+07:00");
    }

    @Test
    void newYearAfterAnOrdinaryDayIsSkipped() {
        assertThat(due(calendar, "2026-12-31T10:00", 1)).isEqualTo("2027-01-04T17:00:00+07:00");
    }

    @Test
    void tet2027IsSkippedWhole() {
        // Tết Đinh Mùi: Thursday 04/02 to Wednesday 10/02/2027.
        assertThat(due(calendar, "2027-02-03T10:00", 1)).isEqualTo("2027-02-11T17:00:00+07:00");
        assertThat(due(calendar, "2027-02-02T09:00", 3)).isEqualTo("2027-02-12T17:00:00+07:00");
        assertThat(due(calendar, "2027-02-03T17:30", 1)).isEqualTo("2027-02-12T17:00:00+07:00");
    }

    @Test
    void aReceiptDuringTetCountsFromTheFirstDayBack() {
        assertThat(calendar.effectiveReceiptDay(hanoi("2027-02-08T10:00"))).isEqualTo(LocalDate.of(2027, 2, 11));
        assertThat(due(calendar, "2027-02-08T10:00", 1)).isEqualTo("2027-02-12T17:00:00+07:00");
    }

    @Test
    void fifteenWorkingDaysAcrossTet2027() {
        // 26–29/01 (4), 01–03/02 (7), Tết, 11–12/02 (9), 15–19/02 (14), 22/02 (15).
        assertThat(due(calendar, "2027-01-25T10:00", 15)).isEqualTo("2027-02-22T17:00:00+07:00");
    }

    @Test
    void weekendsAndHolidaysAreNotWorkingDays() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 3))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 4))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2027, 2, 4))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 28))).isFalse();
        assertThat(calendar.isHoliday(LocalDate.of(2026, 11, 28))).isFalse();
        assertThat(calendar.nextWorkingDay(LocalDate.of(2027, 2, 3))).isEqualTo(LocalDate.of(2027, 2, 11));
    }

    @Test
    void workingDaysBetweenCountsTheHalfOpenInterval() {
        assertThat(calendar.workingDaysBetween(LocalDate.of(2027, 2, 3), LocalDate.of(2027, 2, 11))).isEqualTo(1);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 27))).isZero();
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 4))).isEqualTo(5);
    }

    @Test
    void aPauseMovesTheDueDateByTheWorkingDaysItCovered() {
        OffsetDateTime due = OffsetDateTime.parse("2027-02-03T17:00:00+07:00");
        // Paused Monday 01/02, resumed Friday 12/02: 2, 3, 11, 12 = 4 working days.
        OffsetDateTime moved = calendar.extendByPause(due, hanoi("2027-02-01T09:00"), hanoi("2027-02-12T09:00"));
        assertThat(WorkingCalendar.format(moved)).isEqualTo("2027-02-16T17:00:00+07:00");
    }

    @Test
    void formatIsFixedWidthHanoiTime() {
        assertThat(WorkingCalendar.format(Instant.parse("2026-01-05T01:02:03.456Z"))).isEqualTo("2026-01-05T08:02:03+07:00");
        assertThat(WorkingCalendar.parse("2026-01-05T08:02:03+07:00")).isEqualTo(Instant.parse("2026-01-05T01:02:03Z"));
    }

    @Test
    void processingDaysMustBePositive() {
        assertThatThrownBy(() -> calendar.dueDate(Instant.now(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
