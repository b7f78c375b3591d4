package vn.motcua.sweep.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.Applicant;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationView;
import vn.motcua.application.NewApplication;
import vn.motcua.application.TrackingCode;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.AppointmentStatus;
import vn.motcua.appointment.Booking;
import vn.motcua.appointment.Citizen;
import vn.motcua.aws.AwsClients;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.config.Config;
import vn.motcua.id.IdGenerator;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.stats.Counter;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.StatsRepository;

/** The daily sweep against the embedded stack, run twice at the same moment. */
class SweeperHandlerIT {

    static final LocalStack STACK = LocalStack.shared();
    static final Config CONFIG = STACK.configFor("SweeperFunction");
    static final DynamoDbClient DYNAMO = new AwsClients(CONFIG).dynamoDb();
    static final ApplicationRepository APPLICATIONS = new ApplicationRepository(DYNAMO,
            new AwsClients(CONFIG).enhanced(DYNAMO), CONFIG.applicationsTable());
    static final StatsRepository STATS = new StatsRepository(DYNAMO, CONFIG.statsTable());
    static final CatalogueData DATA = CatalogueFiles.read(LocalStack.projectRoot().resolve("data"));
    static final IdGenerator IDS = IdGenerator.secure();

    static Instant hanoi(String local) {
        return LocalDateTime.parse(local).atZone(WorkingCalendar.ZONE).toInstant();
    }

    static Application receivedAt(String officeId, String local) {
        NewApplication form = new NewApplication(
                DATA.procedures().stream().filter(p -> p.code().equals("HT-005")).findFirst().orElseThrow(),
                DATA.offices().stream().filter(o -> o.officeId().equals(officeId)).findFirst().orElseThrow(),
                new Applicant("Đỗ Thị Hoa", "001199005678", "+84901234567", null), Map.of("eventType", "BIRTH", "copies", 1));
        Application a = Application.atCounter(TrackingCode.generate(IDS), form, "hash", "officer-1", hanoi(local),
                new WorkingCalendar(Set.of()), null);
        assertThat(APPLICATIONS.createIfAbsent(a)).isTrue();
        return APPLICATIONS.find(a.trackingCode()).orElseThrow();
    }

    static Appointment booked(String officeId, LocalDate date, String idNumber) {
        AppointmentRepository repository = new AppointmentRepository(DYNAMO, CONFIG.appointmentsTable(),
                Clock.systemUTC(), IDS);
        Appointment a = Appointment.book(new Booking(officeId, date, LocalTime.of(8, 0),
                new Citizen("Vũ Minh Khang", idNumber, "+84912340000"), null, null), IDS.id(), "hash", Instant.now());
        repository.bookIfAvailable(a, 6);
        return a;
    }

    static Map<String, Object> sweepAt(String local) {
        Clock clock = Clock.fixed(hanoi(local), WorkingCalendar.ZONE);
        ScheduledEvent event = new ScheduledEvent();
        event.setDetailType("Scheduled Event");
        return new SweeperHandler(CONFIG, clock).handleEvent(event, null);
    }

    static List<JsonNode> notifications() throws Exception {
        String queue = STACK.queueUrl("NotificationsQueue");
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            var messages = STACK.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return out;
            }
            for (var m : messages) {
                out.add(Json.tree(m.body()));
                STACK.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void runningTheSweepTwiceMarksALateDossierOnceAndLeavesTheOthersAlone() throws Exception {
        Application late = receivedAt("hang-trong", "2026-11-23T09:00");     // due 2026-11-24T17:00
        Application notYet = receivedAt("hang-trong", "2026-11-24T09:00");   // due 2026-11-25T17:00
        Application otherOffice = receivedAt("hoan-kiem", "2026-11-23T09:00");

        Map<String, Object> first = sweepAt("2026-11-24T17:05");
        Application marked = APPLICATIONS.find(late.trackingCode()).orElseThrow();
        Map<String, Object> second = sweepAt("2026-11-24T17:35");

        assertThat((Integer) first.get("marked")).isGreaterThanOrEqualTo(2);
        assertThat(second.get("marked")).as("nothing left to mark").isEqualTo(0);
        Application after = APPLICATIONS.find(late.trackingCode()).orElseThrow();
        assertThat(after.overdueSince()).isEqualTo("2026-11-24T17:05:00+07:00");
        assertThat(after.version()).as("the second run wrote nothing").isEqualTo(marked.version());
        assertThat(after.version()).isEqualTo(late.version() + 1);
        assertThat(after.history()).isEqualTo(late.history());
        assertThat(ApplicationView.publicView(after, null, Instant.now()).overdue()).isTrue();
        assertThat(APPLICATIONS.find(notYet.trackingCode()).orElseThrow().overdue()).isFalse();
        assertThat(APPLICATIONS.find(otherOffice.trackingCode()).orElseThrow().overdue()).isTrue();
    }

    @Test
    void tomorrowsBookingsGetOneReminderKeyAndYesterdaysLeftoversBecomeNoShowsCountedOnce() throws Exception {
        Appointment tomorrow = booked("hoan-kiem", LocalDate.of(2026, 12, 3), "001077000001");
        Appointment yesterday = booked("hoan-kiem", LocalDate.of(2026, 12, 1), "001077000002");
        notifications();
        long noShows = noShows();

        sweepAt("2026-12-02T17:05");
        sweepAt("2026-12-02T17:06");

        List<JsonNode> reminders = notifications().stream()
                .filter(n -> n.get("kind").asText().equals("APPOINTMENT_REMINDER"))
                .filter(n -> n.get("appointmentId").asText().equals(tomorrow.appointmentId())).toList();
        assertThat(reminders).hasSize(2);
        assertThat(reminders.get(0).get("dedupKey").asText()).isEqualTo(reminders.get(1).get("dedupKey").asText());
        assertThat(reminders.get(0).get("details").get("date").asText()).isEqualTo("2026-12-03");
        AppointmentRepository repository = new AppointmentRepository(DYNAMO, CONFIG.appointmentsTable(), Clock.systemUTC(), IDS);
        assertThat(repository.find(yesterday.appointmentId()).orElseThrow().status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(repository.find(tomorrow.appointmentId()).orElseThrow().status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(noShows()).isEqualTo(noShows + 1);
    }

    static long noShows() {
        return STATS.months("hoan-kiem", YearMonth.of(2026, 12), YearMonth.of(2026, 12)).stream()
                .mapToLong(m -> m.getOrDefault(Counter.NO_SHOW, 0L)).sum();
    }
}
