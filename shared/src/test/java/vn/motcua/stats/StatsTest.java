package vn.motcua.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.motcua.application.Action;
import vn.motcua.application.Applicant;
import vn.motcua.application.Application;
import vn.motcua.application.NewApplication;
import vn.motcua.application.TrackingCode;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.id.IdGenerator;
import vn.motcua.problem.ApiProblem;

class StatsTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../data"));
    static final WorkingCalendar CALENDAR = new WorkingCalendar(Set.of());

    static Instant hanoi(String local) {
        return LocalDateTime.parse(local).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static Application received(String at) {
        NewApplication form = new NewApplication(
                DATA.procedures().stream().filter(p -> p.code().equals("HT-005")).findFirst().orElseThrow(),
                DATA.offices().stream().filter(o -> o.officeId().equals("hang-trong")).findFirst().orElseThrow(),
                new Applicant("Nguyễn Văn An", "001099012345", "+84912345678", null), Map.of("eventType", "BIRTH"));
        Application draft = Application.draft(TrackingCode.generate(IdGenerator.seeded(7)), form, "h", hanoi(at).minusSeconds(600));
        Application submitted = draft.submit(hanoi(at).minusSeconds(300), CALENDAR);
        return submitted.receive(hanoi(at), 1, CALENDAR, null);
    }

    @Test
    void aReceiptCountsOnceInTheMonthOfReceiptWithItsChannel() {
        Application r = received("2026-04-30T23:30");
        StatsDelta delta = StatsDelta.between(r.withVersion(0), r);
        assertThat(delta.isEmpty()).isTrue();
        Application before = received("2026-04-30T23:30");
        // From SUBMITTED (a fresh copy) to RECEIVED: counted in April, Hanoi time, online.
        Application submitted = new Application(before.trackingCode(), before.procedureCode(), before.officeId(),
                before.channel(), vn.motcua.application.Status.SUBMITTED, before.applicant(), before.fields(),
                before.documents(), before.accessKeyHash(), before.createdAt(), before.submittedAt(), null, null, null,
                true, before.history().subList(0, 2), null, 3, null);
        StatsDelta counted = StatsDelta.between(submitted, before);
        assertThat(counted.officeId()).isEqualTo("hang-trong");
        assertThat(counted.byMonth()).containsOnlyKeys(YearMonth.of(2026, 4));
        assertThat(counted.byMonth().get(YearMonth.of(2026, 4)))
                .containsEntry(Counter.RECEIVED, 1L).containsEntry(Counter.RECEIVED_ONLINE, 1L)
                .doesNotContainKey(Counter.RECEIVED_COUNTER);
    }

    @Test
    void aDecisionByTheDueDateCountsOnTimeWithItsProcessingTime() {
        Application r = received("2026-04-21T09:00"); // due 2026-04-22T17:00
        Application accepted = r.act(Action.ACCEPT, "o1", null, hanoi("2026-04-21T10:00"));
        Application approved = accepted.act(Action.APPROVE, "o1", null, hanoi("2026-04-22T09:00"));
        Map<Counter, Long> april = StatsDelta.between(accepted, approved).byMonth().get(YearMonth.of(2026, 4));
        assertThat(april).containsEntry(Counter.DECIDED, 1L).containsEntry(Counter.DECIDED_ON_TIME, 1L)
                .containsEntry(Counter.PROCESSING_SECONDS, 24L * 3600);
        assertThat(StatsDelta.between(accepted, accepted.act(Action.APPROVE, "o1", null,
                hanoi("2026-04-23T09:00"))).byMonth().get(YearMonth.of(2026, 4)))
                .as("decided after the due date").doesNotContainKey(Counter.DECIDED_ON_TIME);
        assertThat(StatsDelta.between(approved, approved.act(Action.COMPLETE, "o1", null, hanoi("2026-04-24T09:00")))
                .isEmpty()).as("handing over the result is not a second decision").isTrue();
    }

    @Test
    void aRatingCountsOnceWithItsScore() {
        Application r = received("2026-04-21T09:00");
        Application rejected = r.act(Action.REJECT, "o1", "Không đủ điều kiện", hanoi("2026-04-21T11:00"));
        Application rated = rejected.rate(4, null, hanoi("2026-05-02T08:00"));
        assertThat(StatsDelta.between(rejected, rated).byMonth())
                .containsExactly(Map.entry(YearMonth.of(2026, 5), Map.of(Counter.RATINGS, 1L, Counter.RATING_SUM, 4L)));
        assertThat(StatsDelta.between(rated, rated).isEmpty()).isTrue();
    }

    @Test
    void anAppointmentOutcomeCountsInItsMonth() {
        assertThat(StatsDelta.appointmentClosed("hoan-kiem", LocalDate.of(2026, 12, 1), AppointmentStatus.NO_SHOW).byMonth())
                .containsExactly(Map.entry(YearMonth.of(2026, 12), Map.of(Counter.NO_SHOW, 1L)));
    }

    @Test
    void kpisAreRatiosOfTheSummedMonthsAndNullWithNothingToDivide() {
        StatsRange range = new StatsRange(YearMonth.of(2026, 1), YearMonth.of(2026, 2));
        Kpis kpis = Kpis.of("ALL", range, List.of(
                Map.of(Counter.RECEIVED, 3L, Counter.RECEIVED_ONLINE, 2L, Counter.RECEIVED_COUNTER, 1L,
                        Counter.DECIDED, 2L, Counter.DECIDED_ON_TIME, 1L, Counter.PROCESSING_SECONDS, 3L * 86_400),
                Map.of(Counter.RATINGS, 2L, Counter.RATING_SUM, 9L, Counter.SERVED, 3L, Counter.NO_SHOW, 1L)));
        assertThat(kpis.received()).isEqualTo(3);
        assertThat(kpis.decided()).isEqualTo(2);
        assertThat(kpis.onTimeRate()).isEqualTo(0.5);
        assertThat(kpis.averageProcessingDays()).isEqualTo(1.5);
        assertThat(kpis.onlineShare()).isEqualTo(0.667);
        assertThat(kpis.satisfaction()).isEqualTo(new Kpis.Satisfaction(2, 4.5));
        assertThat(kpis.noShowRate()).isEqualTo(0.25);
        Kpis empty = Kpis.of("hoan-kiem", range, List.of());
        assertThat(empty.onTimeRate()).isNull();
        assertThat(empty.satisfaction().average()).isNull();
        assertThat(empty.received()).isZero();
    }

    @Test
    void theRangeIsMonthsDefaultingToTheLastTwelveInHanoi() {
        Clock clock = Clock.fixed(hanoi("2026-01-01T01:00"), WorkingCalendar.ZONE);
        assertThat(StatsRange.parse(Optional.empty(), Optional.empty(), clock))
                .as("already January in Hanoi while still December in UTC")
                .isEqualTo(new StatsRange(YearMonth.of(2025, 2), YearMonth.of(2026, 1)));
        assertThat(StatsRange.parse(Optional.of("2026-03"), Optional.of("2026-03"), clock))
                .isEqualTo(new StatsRange(YearMonth.of(2026, 3), YearMonth.of(2026, 3)));
    }

    @Test
    void aMalformedOrReversedOrHugeRangeIs400() {
        Clock clock = Clock.systemUTC();
        for (String[] bad : new String[][] {{"2026-13", "2026-12"}, {"2026-1", null}, {"2026-01-15", null},
                {"2026-05", "2026-04"}, {"2001-01", "2026-01"}, {"1999-12", "2000-01"}, {null, "abcd-ef"}}) {
            assertThatThrownBy(() -> StatsRange.parse(Optional.ofNullable(bad[0]), Optional.ofNullable(bad[1]), clock))
                    .as(String.join(",", String.valueOf(bad[0]), String.valueOf(bad[1])))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
        }
    }
}
