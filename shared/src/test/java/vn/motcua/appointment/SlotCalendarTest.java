package vn.motcua.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Holiday;
import vn.motcua.catalogue.Office;
import vn.motcua.problem.ApiProblem;

class SlotCalendarTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../data"));
    static final Set<LocalDate> HOLIDAYS = DATA.holidays().stream().map(Holiday::localDate).collect(Collectors.toSet());
    static final Office HOAN_KIEM = office("hoan-kiem");   // 6 counters, Saturday morning, 15-min slots, 14 days
    static final Office HANG_TRONG = office("hang-trong"); // weekdays only, 20-min slots

    /** Monday 2026-03-09, 07:00 in Hanoi. */
    private final SlotCalendar calendar = at("2026-03-09T00:00:00Z");

    @Test
    void aWeekdayHasMorningAndAfternoonSlotsEndingBeforeClose() {
        List<LocalTime> slots = calendar.slots(HOAN_KIEM, LocalDate.parse("2026-03-10"), HOLIDAYS);
        assertThat(slots).hasSize(28).startsWith(t("08:00"), t("08:15")).endsWith(t("16:30"), t("16:45"))
                .contains(t("11:15"), t("13:30")).doesNotContain(t("11:30"), t("12:00"), t("13:15"), t("17:00"));
    }

    @Test
    void theLastMorningSlotEndsByElevenThirty() {
        LocalDate tuesday = LocalDate.parse("2026-03-10");
        assertThat(calendar.isSlotStart(HOAN_KIEM, tuesday, t("11:15"), HOLIDAYS)).isTrue();
        assertThat(calendar.isSlotStart(HOAN_KIEM, tuesday, t("11:30"), HOLIDAYS)).isFalse();
        // 20-minute slots: 11:00 ends at 11:20; 11:20 would end at 11:40.
        assertThat(calendar.isSlotStart(HANG_TRONG, tuesday, t("11:00"), HOLIDAYS)).isTrue();
        assertThat(calendar.isSlotStart(HANG_TRONG, tuesday, t("11:20"), HOLIDAYS)).isFalse();
        // A 25-minute slot starting at 11:20 would end at 11:45, past closing: the last is 10:55.
        Office odd = withSlotMinutes(HOAN_KIEM, 25);
        List<LocalTime> morning = calendar.slots(odd, tuesday, HOLIDAYS).stream().filter(x -> x.isBefore(t("12:00"))).toList();
        assertThat(morning).last().isEqualTo(t("10:55"));
        assertThat(calendar.isSlotStart(odd, tuesday, t("11:20"), HOLIDAYS)).isFalse();
    }

    @Test
    void aSlotMustStartOnTheGridFromOpening() {
        LocalDate tuesday = LocalDate.parse("2026-03-10");
        assertThat(calendar.isSlotStart(HOAN_KIEM, tuesday, t("08:10"), HOLIDAYS)).isFalse();
        assertThat(calendar.isSlotStart(HANG_TRONG, tuesday, t("08:15"), HOLIDAYS)).isFalse();
        assertThat(calendar.isSlotStart(HANG_TRONG, tuesday, t("13:50"), HOLIDAYS)).isTrue();
    }

    @Test
    void saturdayIsOpenInTheMorningOnlyWhereTheOfficeOpens() {
        LocalDate saturday = LocalDate.parse("2026-03-14");
        List<LocalTime> slots = calendar.slots(HOAN_KIEM, saturday, HOLIDAYS);
        assertThat(slots).hasSize(14).first().isEqualTo(t("08:00"));
        assertThat(slots).last().isEqualTo(t("11:15"));
        assertThat(calendar.isSlotStart(HOAN_KIEM, saturday, t("13:30"), HOLIDAYS)).isFalse();
        assertThat(calendar.slots(HANG_TRONG, saturday, HOLIDAYS)).isEmpty();
        assertThat(calendar.slots(HOAN_KIEM, LocalDate.parse("2026-03-15"), HOLIDAYS)).as("Sunday").isEmpty();
    }

    @Test
    void aPublicHolidayHasNoSlots() {
        LocalDate nationalDay = LocalDate.parse("2026-09-02"); // a Wednesday
        assertThat(calendar.isOpen(HOAN_KIEM, nationalDay, HOLIDAYS)).isFalse();
        assertThat(calendar.slots(HOAN_KIEM, nationalDay, HOLIDAYS)).isEmpty();
        assertThat(calendar.slots(HOAN_KIEM, nationalDay, Set.of())).as("without the holiday list").isNotEmpty();
    }

    @Test
    void tet2027ClosesEveryOfficeIncludingItsSaturday() {
        for (LocalDate day = LocalDate.parse("2027-02-04"); !day.isAfter(LocalDate.parse("2027-02-10")); day = day.plusDays(1)) {
            for (Office office : DATA.offices()) {
                assertThat(calendar.slots(office, day, HOLIDAYS)).as(office.officeId() + " " + day).isEmpty();
            }
        }
        assertThat(calendar.slots(HOAN_KIEM, LocalDate.parse("2027-02-03"), HOLIDAYS)).isNotEmpty();
        assertThat(calendar.slots(HOAN_KIEM, LocalDate.parse("2027-02-11"), HOLIDAYS)).isNotEmpty();
        assertThat(calendar.slots(HOAN_KIEM, LocalDate.parse("2027-02-13"), HOLIDAYS)).as("next Saturday").hasSize(14);
    }

    @Test
    void anOfficeClosedDateHasNoSlots() {
        assertThat(calendar.slots(HOAN_KIEM, LocalDate.parse("2026-12-31"), HOLIDAYS)).isEmpty();
        assertThat(calendar.slots(HANG_TRONG, LocalDate.parse("2026-12-31"), HOLIDAYS)).isNotEmpty();
    }

    @Test
    void at2330UtcItIsAlreadyTomorrowInHanoi() {
        SlotCalendar late = at("2026-03-09T23:30:00Z"); // Tuesday 2026-03-10 06:30 in Hanoi
        BookingWindow window = late.bookingWindow(HOAN_KIEM, HOLIDAYS);
        assertThat(window.today()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(window.firstSlot()).contains(LocalDateTime.parse("2026-03-10T08:00"));
        assertThat(window.lastDate()).isEqualTo(LocalDate.parse("2026-03-24"));
        assertThat(window.containsDate(LocalDate.parse("2026-03-09"))).as("yesterday in Hanoi, today in UTC").isFalse();
        assertThatThrownBy(() -> late.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-09"), t("16:45"), HOLIDAYS))
                .satisfies(e -> assertThat(((ApiProblem) e).type()).isEqualTo("slot-in-past"));
        late.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-10"), t("08:00"), HOLIDAYS);
    }

    @Test
    void theWindowStartsAtTheNextSlotAfterNowAndSkipsClosedDays() {
        // Saturday 2026-03-14 11:20 in Hanoi: the 11:15 slot has started, the office reopens Monday.
        SlotCalendar saturday = at("2026-03-14T04:20:00Z");
        BookingWindow window = saturday.bookingWindow(HOAN_KIEM, HOLIDAYS);
        assertThat(window.firstSlot()).contains(LocalDateTime.parse("2026-03-16T08:00"));
        assertThat(saturday.bookableSlots(HOAN_KIEM, LocalDate.parse("2026-03-14"), HOLIDAYS)).isEmpty();
        // Tuesday 10:00: today's list starts at 10:15.
        SlotCalendar tuesday = at("2026-03-10T03:00:00Z");
        assertThat(tuesday.bookableSlots(HOAN_KIEM, LocalDate.parse("2026-03-10"), HOLIDAYS)).first().isEqualTo(t("10:15"));
    }

    @Test
    void theWindowEndsAfterTheOfficesWindowDays() {
        assertThat(calendar.bookableSlots(HOAN_KIEM, LocalDate.parse("2026-03-23"), HOLIDAYS)).isNotEmpty();
        assertThat(refusal(() -> calendar.bookableSlots(HOAN_KIEM, LocalDate.parse("2026-03-24"), HOLIDAYS)))
                .isEqualTo("outside-booking-window");
        assertThat(refusal(() -> calendar.bookableSlots(HOAN_KIEM, LocalDate.parse("2026-03-08"), HOLIDAYS)))
                .isEqualTo("outside-booking-window");
    }

    @Test
    void requireBookableNamesEachRefusal() {
        assertThat(refusal(() -> calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-09"), t("06:45"), HOLIDAYS)))
                .as("earlier today").isEqualTo("slot-in-past");
        assertThat(refusal(() -> calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-04-01"), t("08:00"), HOLIDAYS)))
                .isEqualTo("outside-booking-window");
        assertThat(refusal(() -> calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-15"), t("08:00"), HOLIDAYS)))
                .as("Sunday").isEqualTo("office-closed");
        assertThat(refusal(() -> calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-10"), t("08:05"), HOLIDAYS)))
                .isEqualTo("not-a-slot-start");
        assertThat(refusal(() -> calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-14"), t("13:30"), HOLIDAYS)))
                .as("Saturday afternoon").isEqualTo("not-a-slot-start");
        calendar.requireBookable(HOAN_KIEM, LocalDate.parse("2026-03-09"), t("08:00"), HOLIDAYS);
    }

    @Test
    void availabilityIsCapacityMinusBookedAndNeverNegative() {
        DaySlots day = DaySlots.of(LocalDate.parse("2026-03-10"), List.of(t("08:00"), t("08:15"), t("08:30")), 6,
                Map.of(t("08:00"), 6, t("08:15"), 2, t("08:30"), 9));
        assertThat(day.slots()).extracting(SlotAvailability::available).containsExactly(0, 4, 0);
        assertThat(day.slots()).extracting(SlotAvailability::time).containsExactly("08:00", "08:15", "08:30");
    }

    @Test
    void datesAndTimesParseStrictly() {
        assertThat(SlotCalendar.parseDate("2026-03-10")).contains(LocalDate.parse("2026-03-10"));
        assertThat(SlotCalendar.parseDate("2026-02-30")).isEmpty();
        assertThat(SlotCalendar.parseDate("2026-3-10")).isEmpty();
        assertThat(SlotCalendar.parseDate("+2026-03-10")).isEmpty();
        assertThat(SlotCalendar.parseDate(null)).isEmpty();
        assertThat(SlotCalendar.parseTime("08:00")).contains(t("08:00"));
        assertThat(SlotCalendar.parseTime("8:00")).isEmpty();
        assertThat(SlotCalendar.parseTime("24:00")).isEmpty();
        assertThat(SlotCalendar.parseTime("08:00:00")).isEmpty();
        assertThat(SlotCalendar.parseTime("08:60")).isEmpty();
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            assertThat(problem.status()).isEqualTo(400);
            return problem.type();
        }
        throw new AssertionError("expected a refusal");
    }

    static SlotCalendar at(String instant) {
        return new SlotCalendar(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    static Office office(String id) {
        return DATA.offices().stream().filter(o -> o.officeId().equals(id)).findFirst().orElseThrow();
    }

    static Office withSlotMinutes(Office o, int minutes) {
        return new Office(o.officeId(), o.name(), o.district(), o.address(), o.counters(), o.procedures(),
                o.hours(), minutes, o.bookingWindowDays(), o.closedDates());
    }

}
