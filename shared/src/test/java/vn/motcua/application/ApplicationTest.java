package vn.motcua.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Holiday;
import vn.motcua.catalogue.Office;
import vn.motcua.catalogue.Procedure;
import vn.motcua.id.IdGenerator;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;

class ApplicationTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../data"));
    static final WorkingCalendar CALENDAR = new WorkingCalendar(
            DATA.holidays().stream().map(Holiday::localDate).collect(java.util.stream.Collectors.toSet()));

    static Procedure procedure(String code) {
        return DATA.procedures().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    static Office office(String id) {
        return DATA.offices().stream().filter(o -> o.officeId().equals(id)).findFirst().orElseThrow();
    }

    static Instant hanoi(String local) {
        return LocalDateTime.parse(local).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static Application draft(String procedureCode) {
        NewApplication form = new NewApplication(procedure(procedureCode), office("hang-trong"),
                new Applicant("Nguyễn Văn An", "001099012345", "+84912345678", "an@example.vn"),
                Map.of("eventType", "BIRTH"));
        return Application.draft(TrackingCode.generate(IdGenerator.seeded(1)), form, "hash", hanoi("2026-04-24T09:00"));
    }

    @Test
    void aDraftStartsItsHistoryWithItsCreation() {
        Application a = draft("HT-005");
        assertThat(a.status()).isEqualTo(Status.DRAFT);
        assertThat(a.history()).singleElement().satisfies(h -> {
            assertThat(h.from()).isNull();
            assertThat(h.to()).isEqualTo(Status.DRAFT);
            assertThat(h.by()).isEqualTo(Actor.CITIZEN);
            assertThat(h.at()).isEqualTo("2026-04-24T09:00:00+07:00");
        });
    }

    @Test
    void submittingSetsSubmittedAtAndMarksIntakePending() {
        Application a = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR);
        assertThat(a.status()).isEqualTo(Status.SUBMITTED);
        assertThat(a.submittedAt()).isEqualTo("2026-04-24T09:30:00+07:00");
        assertThat(a.intakePending()).isTrue();
        assertThat(a.lastChange().from()).isEqualTo(Status.DRAFT);
    }

    @Test
    void receivingSetsTheDueDateSkippingTheWeekendAndTheHoliday() {
        Application a = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR)
                .receive(hanoi("2026-04-24T09:31"), 1, CALENDAR, "Đã tiếp nhận");
        assertThat(a.status()).isEqualTo(Status.RECEIVED);
        assertThat(a.receivedAt()).isEqualTo("2026-04-24T09:31:00+07:00");
        assertThat(a.dueDate()).isEqualTo("2026-04-28T17:00:00+07:00");
        assertThat(a.intakePending()).isFalse();
        assertThat(a.history()).hasSize(3);
        assertThat(a.lastChange().by()).isEqualTo(Actor.SYSTEM);
    }

    @Test
    void mandatoryDocumentsMustBeUploaded() {
        Application a = draft("HT-001");
        assertThat(a.missingDocuments(procedure("HT-001"))).containsExactly("BIRTH_CERTIFICATE_MEDICAL");
        Application pending = a.withDocuments(List.of(new ApplicationDocument("d1", "BIRTH_CERTIFICATE_MEDICAL",
                "a.pdf", DocumentStatus.PENDING_UPLOAD, null)));
        assertThat(pending.missingDocuments(procedure("HT-001"))).containsExactly("BIRTH_CERTIFICATE_MEDICAL");
        Application uploaded = a.withDocuments(List.of(new ApplicationDocument("d1", "BIRTH_CERTIFICATE_MEDICAL",
                "a.pdf", DocumentStatus.UPLOADED, null)));
        assertThat(uploaded.missingDocuments(procedure("HT-001"))).isEmpty();
        assertThat(draft("HT-005").missingDocuments(procedure("HT-005"))).isEmpty();
    }

    @Test
    void resubmittingAfterASupplementRequestMovesTheDueDateByThePause() {
        Application received = draft("HT-005").submit(hanoi("2027-01-27T09:00"), CALENDAR)
                .receive(hanoi("2027-01-27T09:01"), 3, CALENDAR, null);
        assertThat(received.dueDate()).isEqualTo("2027-02-01T17:00:00+07:00");
        Application paused = received.act(Action.ACCEPT, "officer-1", null, hanoi("2027-01-27T10:00"))
                .act(Action.REQUEST_SUPPLEMENT, "officer-1", "Thiếu bản sao", hanoi("2027-01-28T10:00"));
        // Paused Thursday 28/01, resumed Thursday 11/02: 29/01, 01–03/02, 11/02 = 5 working days.
        Application resumed = paused.submit(hanoi("2027-02-11T08:00"), CALENDAR);
        assertThat(resumed.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(resumed.dueDate()).isEqualTo("2027-02-15T17:00:00+07:00");
        assertThat(resumed.intakePending()).isFalse();
    }

    @Test
    void aDossierIsOverdueOnlyWhileItsClockRuns() {
        Application received = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR)
                .receive(hanoi("2026-04-24T09:31"), 1, CALENDAR, null);
        assertThat(received.overdueAt(hanoi("2026-04-28T16:59"))).isFalse();
        assertThat(received.overdueAt(hanoi("2026-04-28T17:01"))).isTrue();
        Application decided = received.act(Action.REJECT, "officer-1", "Không đủ điều kiện", hanoi("2026-04-29T09:00"));
        assertThat(decided.overdueAt(hanoi("2026-05-29T09:00"))).isFalse();
        assertThat(decided.decidedAt()).isEqualTo("2026-04-29T09:00:00+07:00");
    }

    @Test
    void aRatingIsGivenOnceAndOnlyAfterADecision() {
        Application received = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR)
                .receive(hanoi("2026-04-24T09:31"), 1, CALENDAR, null);
        assertThatThrownBy(() -> received.rate(5, null, Instant.now()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.type()).isEqualTo("not-decided"));
        Application rated = received.act(Action.ACCEPT, "o", null, hanoi("2026-04-24T10:00"))
                .act(Action.APPROVE, "o", null, hanoi("2026-04-24T11:00"))
                .rate(4, "Nhanh", hanoi("2026-04-24T12:00"));
        assertThat(rated.rating().score()).isEqualTo(4);
        assertThatThrownBy(() -> rated.rate(5, null, Instant.now()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.type()).isEqualTo("already-rated");
                });
    }

    @Test
    void survivesAJsonRoundTrip() {
        Application a = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR).withVersion(7);
        assertThat(Json.readTrusted(Json.write(a), Application.class)).isEqualTo(a);
    }

    @Test
    void thePublicViewCarriesNoPersonalData() throws Exception {
        Application a = draft("HT-005").submit(hanoi("2026-04-24T09:30"), CALENDAR)
                .receive(hanoi("2026-04-24T09:31"), 1, CALENDAR, null)
                .act(Action.ACCEPT, "officer-42", "Đang xử lý", hanoi("2026-04-24T10:00"));
        JsonNode view = Json.tree(Json.write(ApplicationView.publicView(a, procedure("HT-005"), hanoi("2026-04-24T11:00"))));
        assertThat(view.has("applicant")).isFalse();
        assertThat(view.has("fields")).isFalse();
        assertThat(view.has("documents")).isFalse();
        String text = view.toString();
        assertThat(text).doesNotContain("Nguyễn", "001099012345", "912345678", "an@example.vn", "officer-42", "hash");
        assertThat(view.get("history").get(3).get("by").asText()).isEqualTo("officer");
        assertThat(view.get("overdue").asBoolean()).isFalse();
        assertThat(view.get("procedure").get("code").asText()).isEqualTo("HT-005");

        JsonNode full = Json.tree(Json.write(ApplicationView.fullView(a, procedure("HT-005"), Instant.now().plus(Duration.ofDays(400)))));
        assertThat(full.get("applicant").get("idNumber").asText()).isEqualTo("001099012345");
        assertThat(full.get("fields").get("eventType").asText()).isEqualTo("BIRTH");
        assertThat(full.get("documents").isArray()).isTrue();
        assertThat(full.toString()).doesNotContain("officer-42", "accessKeyHash");
    }

    @Test
    void theSweeperMarksALateDossierOnceAndTheMarkShowsUntilTheDecision() {
        Application received = draft("HT-005").submit(hanoi("2026-04-21T08:00"), CALENDAR)
                .receive(hanoi("2026-04-21T09:00"), 1, CALENDAR, null); // due 2026-04-22T17:00
        assertThat(received.markOverdue(hanoi("2026-04-22T16:59"))).isSameAs(received);
        Application marked = received.markOverdue(hanoi("2026-04-22T17:05"));
        assertThat(marked.overdueSince()).isEqualTo("2026-04-22T17:05:00+07:00");
        assertThat(marked.overdue()).isTrue();
        assertThat(marked.markOverdue(hanoi("2026-04-23T17:05"))).as("marked once").isSameAs(marked);
        Application paused = marked.act(Action.ACCEPT, "o1", null, hanoi("2026-04-23T08:00"))
                .act(Action.REQUEST_SUPPLEMENT, "o1", "Thiếu bản sao", hanoi("2026-04-23T09:00"));
        assertThat(paused.overdue()).as("still late while waiting for the citizen").isTrue();
        Application resumed = paused.submit(hanoi("2026-04-27T09:00"), CALENDAR);
        assertThat(resumed.overdue()).isTrue();
        assertThat(resumed.act(Action.APPROVE, "o1", null, hanoi("2026-04-27T10:00")).overdue())
                .as("a decision ends it").isFalse();
        assertThat(ApplicationView.publicView(marked, null, hanoi("2026-04-22T17:06")).overdue()).isTrue();
    }

    @Test
    void aWalkInIsReceivedAtTheCounterByTheOfficer() {
        NewApplication form = new NewApplication(procedure("HT-005"), office("hang-trong"),
                new Applicant("Nguyễn Văn An", "001099012345", "+84912345678", null), Map.of("eventType", "BIRTH"));
        Application a = Application.atCounter(TrackingCode.generate(IdGenerator.seeded(3)), form, "hash", "officer-7",
                hanoi("2026-04-21T09:00"), CALENDAR, "tại quầy");
        assertThat(a.status()).isEqualTo(Status.RECEIVED);
        assertThat(a.channel()).isEqualTo(Channel.COUNTER);
        assertThat(a.dueDate()).isEqualTo("2026-04-22T17:00:00+07:00");
        assertThat(a.history()).singleElement().satisfies(h -> {
            assertThat(h.by()).isEqualTo(Actor.OFFICER);
            assertThat(h.actorId()).isEqualTo("officer-7");
        });
    }
}
