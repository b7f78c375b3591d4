package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.system.CatalogueEndToEndTest.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import vn.motcua.application.Application;
import vn.motcua.application.HistoryEntry;
import vn.motcua.application.Status;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.Booking;
import vn.motcua.appointment.Citizen;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Holiday;
import vn.motcua.id.IdGenerator;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.AppointmentRepository;

/**
 * The officer's side over real HTTP, through the local stack's API Gateway front and its JWT
 * authorizer (dev tokens from LocalAuth), with every function running from its deployment jar.
 */
class OfficerEndToEndTest {

    static final LocalStack STACK = SystemStack.get();
    static final String OFFICER_A = token("officer-a", "hang-trong", List.of("officer"));
    static final String SUPERVISOR_A = token("supervisor-a", "hang-trong", List.of("officer", "supervisor"));
    static final String OFFICER_B = token("officer-b", "hoan-kiem", List.of("officer"));
    static final WorkingCalendar CALENDAR = new WorkingCalendar(CatalogueFiles.read(STACK.template().root().resolve("data"))
            .holidays().stream().map(Holiday::localDate).collect(Collectors.toSet()));

    static String token(String subject, String office, List<String> groups) {
        return STACK.auth().token(subject, office, groups, Duration.ofMinutes(30));
    }

    static HttpResponse<String> send(String method, String path, String bearer, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(SystemStack.url(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return SystemStack.send(request);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.tree(response.body());
    }

    static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    static JsonNode act(String bearer, String code, String action, String note) throws Exception {
        String body = note == null ? "{\"action\":\"" + action + "\"}"
                : "{\"action\":\"" + action + "\",\"note\":\"" + note + "\"}";
        return ok(send("POST", "/officer/applications/" + code + "/actions", bearer, body), 200);
    }

    static JsonNode stats(String query) throws Exception {
        return ok(send("GET", "/stats?" + query, null, null), 200);
    }

    /** The citizen files HT-005 (no mandatory document) at hang-trong, submits, and intake receives it. */
    static String[] receivedOnline() throws Exception {
        JsonNode created = ok(send("POST", "/applications", null, """
                {"procedureCode":"HT-005","officeId":"hang-trong",
                 "applicant":{"fullName":"Nguyễn Thị Lan","idNumber":"001190001111","phone":"0912000111"},
                 "fields":{"eventType":"BIRTH","copies":2}}"""), 201);
        String code = created.get("trackingCode").asText();
        String key = created.get("accessKey").asText();
        ok(send("POST", "/applications/" + code + "/submit", null, null, "x-access-key", key), 200);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (json(send("GET", "/applications/" + code, null, null)).get("status").asText().equals("RECEIVED")) {
                return new String[] {code, key};
            }
            Thread.sleep(200);
        }
        throw new AssertionError("intake never received " + code);
    }

    @Test
    void officerRoutesNeedAnOfficersTokenOfAnOffice() throws Exception {
        assertProblem(send("GET", "/officer/applications", null, null), 401, "unauthorized");
        assertProblem(send("GET", "/officer/applications", "not.a.jwt", null), 401, "unauthorized");
        assertProblem(send("GET", "/officer/appointments", null, null), 401, "unauthorized");
        String citizenShaped = token("citizen-1", null, List.of());
        assertProblem(send("GET", "/officer/applications", citizenShaped, null), 403, "forbidden");
        assertProblem(send("GET", "/officer/applications", token("x", "hang-trong", List.of("auditor")), null), 403, "forbidden");
        assertProblem(send("GET", "/officer/applications", token("x", null, List.of("officer")), null), 403, "forbidden");
        assertProblem(send("POST", "/officer/applications/HN-7K3F-9QXA-M2P5-R8TK/actions", citizenShaped,
                "{\"action\":\"APPROVE\"}"), 403, "forbidden");
        assertThat(send("GET", "/officer/applications", SUPERVISOR_A, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/stats", null, null).statusCode()).as("citizen routes stay public").isEqualTo(200);
    }

    @Test
    void aDossierGoesFromSubmissionToCompletionWithTheSupplementPauseMovingTheDueDateAndShowsInTheStats() throws Exception {
        // This month and the next: each count lands in the Hanoi month of its own step, and a run
        // may cross midnight on the 1st.
        YearMonth thisMonth = YearMonth.now(Clock.system(WorkingCalendar.ZONE));
        String months = "from=" + thisMonth + "&to=" + thisMonth.plusMonths(1);
        JsonNode officeBefore = stats("officeId=hang-trong&" + months);
        JsonNode cityBefore = stats(months);

        String[] dossier = receivedOnline();
        String code = dossier[0];
        String key = dossier[1];

        // Office isolation: officer B sees none of it, in the list or directly.
        JsonNode theirQueue = ok(send("GET", "/officer/applications?limit=100", OFFICER_B, null), 200);
        assertThat(theirQueue.get("items").findValuesAsText("trackingCode")).doesNotContain(code);
        assertProblem(send("GET", "/officer/applications/" + code, OFFICER_B, null), 404, "not-found");
        assertProblem(send("POST", "/officer/applications/" + code + "/actions", OFFICER_B, "{\"action\":\"ACCEPT\"}"),
                404, "not-found");
        JsonNode ourQueue = ok(send("GET", "/officer/applications?status=RECEIVED&limit=100", OFFICER_A, null), 200);
        assertThat(ourQueue.get("items").findValuesAsText("trackingCode")).contains(code);

        act(OFFICER_A, code, "ACCEPT", null);
        JsonNode paused = act(OFFICER_A, code, "REQUEST_SUPPLEMENT", "Bổ sung bản sao giấy tờ tùy thân của người yêu cầu");
        assertThat(paused.get("status").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
        String dueBefore = paused.get("dueDate").asText();

        // The citizen takes two weeks to answer: the pause is backdated, since the test cannot wait.
        // (Two weeks, not one: the week before a day after Tết holds no working day at all, and
        // every 14 days of data/holidays.json hold at least 5.)
        Instant pausedAt = backdateLastChange(code, Duration.ofDays(14));
        JsonNode resumed = ok(send("POST", "/applications/" + code + "/submit", null, null, "x-access-key", key), 200);
        assertThat(resumed.get("status").asText()).isEqualTo("IN_PROGRESS");
        int pausedDays = CALENDAR.workingDaysBetween(LocalDate.ofInstant(pausedAt, WorkingCalendar.ZONE),
                LocalDate.now(WorkingCalendar.ZONE));
        assertThat(pausedDays).isGreaterThanOrEqualTo(4);
        LocalDate expectedDue = CALENDAR.addWorkingDays(OffsetDateTime.parse(dueBefore).atZoneSameInstant(WorkingCalendar.ZONE)
                .toLocalDate(), pausedDays);
        assertThat(resumed.get("dueDate").asText()).isEqualTo(expectedDue + "T17:00:00+07:00");

        act(OFFICER_A, code, "APPROVE", null);
        JsonNode completed = act(SUPERVISOR_A, code, "COMPLETE", null);
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");

        // Every step, with who and when; the citizen's view names roles only.
        List<String> steps = new ArrayList<>();
        completed.get("history").forEach(h -> steps.add(h.get("to").asText() + "/" + h.get("by").asText() + "/"
                + (h.hasNonNull("actorId") ? h.get("actorId").asText() : "-")));
        assertThat(steps).containsExactly("DRAFT/citizen/-", "SUBMITTED/citizen/-", "RECEIVED/system/-",
                "IN_PROGRESS/officer/officer-a", "SUPPLEMENT_REQUESTED/officer/officer-a", "IN_PROGRESS/citizen/-",
                "APPROVED/officer/officer-a", "COMPLETED/officer/supervisor-a");
        completed.get("history").forEach(h -> assertThat(OffsetDateTime.parse(h.get("at").asText())).isNotNull());
        assertThat(completed.get("history").get(4).get("note").asText()).startsWith("Bổ sung bản sao");
        String publicView = send("GET", "/applications/" + code, null, null).body();
        assertThat(publicView).doesNotContain("officer-a").doesNotContain("supervisor-a").doesNotContain("actorId")
                .contains("\"by\":\"officer\"");

        // Every illegal transition now is a 409.
        for (String action : List.of("ACCEPT", "REQUEST_SUPPLEMENT", "APPROVE", "REJECT", "COMPLETE")) {
            String note = action.equals("REJECT") || action.equals("REQUEST_SUPPLEMENT") ? ",\"note\":\"x\"" : "";
            assertProblem(send("POST", "/officer/applications/" + code + "/actions", OFFICER_A,
                    "{\"action\":\"" + action + "\"" + note + "}"), 409, "invalid-transition");
        }

        ok(send("POST", "/applications/" + code + "/rating", null, "{\"score\":5,\"comment\":\"Nhanh và chu đáo\"}",
                "x-access-key", key), 201);

        JsonNode office = stats("officeId=hang-trong&" + months);
        assertThat(office.get("received").asLong()).isEqualTo(officeBefore.get("received").asLong() + 1);
        assertThat(office.get("decided").asLong()).isEqualTo(officeBefore.get("decided").asLong() + 1);
        assertThat(office.get("counts").get("decidedOnTime").asLong())
                .isEqualTo(officeBefore.get("counts").get("decidedOnTime").asLong() + 1);
        assertThat(office.get("counts").get("receivedOnline").asLong())
                .isEqualTo(officeBefore.get("counts").get("receivedOnline").asLong() + 1);
        assertThat(office.get("satisfaction").get("count").asLong())
                .isEqualTo(officeBefore.get("satisfaction").get("count").asLong() + 1);
        assertThat(office.get("counts").get("ratingSum").asLong())
                .isEqualTo(officeBefore.get("counts").get("ratingSum").asLong() + 5);
        assertThat(office.get("onTimeRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(office.get("onlineShare").asDouble()).isBetween(0.0, 1.0);
        JsonNode city = stats(months);
        assertThat(city.get("officeId").asText()).isEqualTo("ALL");
        assertThat(city.get("decided").asLong()).isEqualTo(cityBefore.get("decided").asLong() + 1);
    }

    @Test
    void statsRefuseMalformedRangesAndUnknownOffices() throws Exception {
        assertProblem(send("GET", "/stats?from=2026-13", null, null), 400, "validation");
        assertProblem(send("GET", "/stats?from=2026-05&to=2026-04", null, null), 400, "validation");
        assertProblem(send("GET", "/stats?from=2026-04-01", null, null), 400, "validation");
        assertProblem(send("GET", "/stats?officeId=atlantis", null, null), 400, "validation");
        JsonNode empty = stats("officeId=so-tu-phap&from=2001-01&to=2001-12");
        assertThat(empty.get("received").asLong()).isZero();
        assertThat(empty.get("onTimeRate").isNull()).as("present, and null").isTrue();
        assertThat(empty.get("satisfaction").get("average").isNull()).isTrue();
    }

    @Test
    void anOfficerWorksTheOfficesAppointmentsOfTheDayAndNoOtherOffices() throws Exception {
        LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
        AppointmentRepository repository = new AppointmentRepository(STACK.dynamoDb(),
                STACK.tableName("AppointmentsTable"), Clock.systemUTC(), IdGenerator.secure());
        Appointment late = book(repository, today, LocalTime.of(10, 30), "001066000001");
        Appointment early = book(repository, today, LocalTime.of(8, 15), "001066000002");
        String month = YearMonth.from(today).toString();
        JsonNode before = stats("officeId=hang-trong&from=" + month + "&to=" + month);

        JsonNode day = ok(send("GET", "/officer/appointments?date=" + today, OFFICER_A, null), 200);
        List<String> ids = day.get("items").findValuesAsText("appointmentId");
        assertThat(ids).contains(early.appointmentId(), late.appointmentId());
        assertThat(ids.indexOf(early.appointmentId())).isLessThan(ids.indexOf(late.appointmentId()));
        assertThat(day.get("items").findValuesAsText("time")).isSorted();
        assertThat(ok(send("GET", "/officer/appointments?date=" + today, OFFICER_B, null), 200)
                .get("items").findValuesAsText("appointmentId")).doesNotContain(early.appointmentId());
        assertProblem(send("GET", "/officer/appointments?date=2026-02-30", OFFICER_A, null), 400, "validation");

        String path = "/officer/appointments/" + early.appointmentId() + "/actions";
        assertProblem(send("POST", path, OFFICER_B, "{\"action\":\"SERVED\"}"), 404, "not-found");
        assertProblem(send("POST", path, OFFICER_A, "{\"action\":\"CANCELLED\"}"), 400, "validation");
        JsonNode served = ok(send("POST", path, OFFICER_A, "{\"action\":\"SERVED\"}"), 200);
        assertThat(served.get("status").asText()).isEqualTo("SERVED");
        assertProblem(send("POST", path, OFFICER_A, "{\"action\":\"NO_SHOW\"}"), 409, "appointment-not-booked");
        ok(send("POST", "/officer/appointments/" + late.appointmentId() + "/actions", OFFICER_A,
                "{\"action\":\"NO_SHOW\"}"), 200);

        JsonNode after = stats("officeId=hang-trong&from=" + month + "&to=" + month);
        assertThat(after.get("counts").get("served").asLong()).isEqualTo(before.get("counts").get("served").asLong() + 1);
        assertThat(after.get("counts").get("noShow").asLong()).isEqualTo(before.get("counts").get("noShow").asLong() + 1);
        assertThat(after.get("noShowRate").asDouble()).isGreaterThan(0.0);

        Appointment future = book(repository, today.plusDays(3), LocalTime.of(9, 0), "001066000003");
        assertProblem(send("POST", "/officer/appointments/" + future.appointmentId() + "/actions", OFFICER_A,
                "{\"action\":\"NO_SHOW\"}"), 409, "appointment-not-due");
    }

    /** A booking written straight to the table, so the test can use today whatever the office's hours. */
    static Appointment book(AppointmentRepository repository, LocalDate date, LocalTime time, String idNumber) {
        Appointment a = Appointment.book(new Booking("hang-trong", date, time,
                new Citizen("Hoàng Văn Nam", idNumber, "+84912555000"), null, null), IdGenerator.secure().id(), "hash",
                Instant.now());
        repository.bookIfAvailable(a, 2);
        return a;
    }

    /** Moves the dossier's last history entry (the supplement request) {@code by} into the past. */
    static Instant backdateLastChange(String code, Duration by) {
        ApplicationRepository repository = new ApplicationRepository(STACK.dynamoDb(),
                DynamoDbEnhancedClient.builder().dynamoDbClient(STACK.dynamoDb()).build(),
                STACK.tableName("ApplicationsTable"));
        Application a = repository.find(code).orElseThrow();
        List<HistoryEntry> history = new ArrayList<>(a.history());
        HistoryEntry last = history.remove(history.size() - 1);
        Instant at = WorkingCalendar.parse(last.at()).minus(by);
        history.add(new HistoryEntry(last.from(), last.to(), WorkingCalendar.format(at), last.by(), last.actorId(), last.note()));
        Application backdated = new Application(a.trackingCode(), a.procedureCode(), a.officeId(), a.channel(), a.status(),
                a.applicant(), a.fields(), a.documents(), a.accessKeyHash(), a.createdAt(), a.submittedAt(),
                a.receivedAt(), a.dueDate(), a.decidedAt(), a.intakePending(), history, a.rating(), a.version(),
                a.overdueSince());
        assertThat(repository.transitionIf(backdated, Status.SUPPLEMENT_REQUESTED, a.version())).isPresent();
        return at;
    }
}
