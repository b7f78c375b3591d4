package vn.motcua.appointment.function;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.appointment.Appointment;
import vn.motcua.appointment.BookedAppointment;
import vn.motcua.appointment.Booking;
import vn.motcua.appointment.BookingRequest;
import vn.motcua.appointment.DaySlots;
import vn.motcua.appointment.MoveRequest;
import vn.motcua.appointment.SlotCalendar;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.Office;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.CatalogueRepository;

/** Counter appointments: a day's free slots, booking, and cancel or move with the cancel token. */
public final class AppointmentsHandler extends HttpFunction {

    private static final Log LOG = Log.of(AppointmentsHandler.class);
    private static final Pattern APPOINTMENT_ID = Pattern.compile("[0-9a-f]{32}");

    private final Catalogue catalogue;
    private final AppointmentRepository appointments;
    private final Notifier notifier;
    private final SlotCalendar calendar;
    private final Clock clock;
    private final IdGenerator ids;
    private final Idempotency idempotency;

    public AppointmentsHandler() {
        this(Config.fromEnvironment());
    }

    public AppointmentsHandler(Config config) {
        this(config, config.clock(), IdGenerator.secure());
    }

    public AppointmentsHandler(Config config, Clock clock, IdGenerator ids) {
        this(config, new AwsClients(config), clock, ids);
    }

    private AppointmentsHandler(Config config, AwsClients clients, Clock clock, IdGenerator ids) {
        this(config, clients, clients.dynamoDb(), clock, ids);
    }

    private AppointmentsHandler(Config config, AwsClients clients, DynamoDbClient dynamo, Clock clock, IdGenerator ids) {
        this(new Catalogue(new CatalogueRepository(clients.enhanced(dynamo), config.catalogueTable()), clock,
                        config.catalogueTtl()),
                new AppointmentRepository(dynamo, config.appointmentsTable(), clock, ids),
                new SqsNotifier(clients.sqs(), config.notificationsQueueUrl()), clock, ids,
                new Idempotency(clients.enhanced(dynamo), config.idempotencyTable(), clock, ids));
    }

    public AppointmentsHandler(Catalogue catalogue, AppointmentRepository appointments, Notifier notifier,
                               Clock clock, IdGenerator ids, Idempotency idempotency) {
        this.catalogue = catalogue;
        this.appointments = appointments;
        this.notifier = notifier;
        this.calendar = new SlotCalendar(clock);
        this.clock = clock;
        this.ids = ids;
        this.idempotency = idempotency;
        route("GET /offices/{officeId}/slots", this::slots);
        route("POST /appointments", this::create);
        route("GET /appointments/{appointmentId}", r -> Response.ok(authorised(r).view()));
        route("DELETE /appointments/{appointmentId}", this::cancel);
        route("PUT /appointments/{appointmentId}", this::move);
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        catalogue.prime();
    }

    private Response slots(Request request) {
        Office office = catalogue.requireOffice(request.pathParam("officeId"));
        LocalDate date = request.query("date").flatMap(SlotCalendar::parseDate)
                .orElseThrow(() -> ApiProblem.invalid("date", "must be a date YYYY-MM-DD"));
        List<LocalTime> starts = calendar.bookableSlots(office, date, catalogue.holidays());
        // One Query for the whole day's counters, and none at all on a closed day.
        Map<LocalTime, Integer> booked = starts.isEmpty() ? Map.of() : appointments.bookedCounts(office.officeId(), date);
        return Response.ok(DaySlots.of(date, starts, office.counters(), booked)).header("cache-control", "no-store");
    }

    private Response create(Request request) {
        return idempotency.write(request, "POST /appointments", claim -> book(request, claim));
    }

    /** The idempotency record, holding this very answer, is written in the booking's transaction. */
    private Response book(Request request, Idempotency.Claim claim) {
        Booking booking = request.bodyAs(BookingRequest.class).validate();
        Office office = catalogue.requireOffice(booking.officeId());
        if (booking.procedureCode() != null && !office.receives(catalogue.requireProcedure(booking.procedureCode()).code())) {
            throw ApiProblem.invalid("procedureCode", "is not received at " + office.officeId());
        }
        calendar.requireBookable(office, booking.date(), booking.time(), catalogue.holidays());
        String cancelToken = ids.secret();
        Appointment appointment = Appointment.book(booking, ids.id(), Secrets.hash(cancelToken), clock.instant());
        Response created = Response.created(BookedAppointment.of(appointment, cancelToken),
                "/appointments/" + appointment.appointmentId());
        appointments.bookIfAvailable(appointment, office.counters(), claim.record(created));
        notify(appointment, "APPOINTMENT_BOOKED");
        return created;
    }

    private Response cancel(Request request) {
        Appointment current = authorised(request);
        Appointment cancelled = appointments.cancelIfBooked(current);
        if (current.isBooked()) {
            notify(cancelled, "APPOINTMENT_CANCELLED");
        }
        return Response.noContent();
    }

    private Response move(Request request) {
        Appointment current = authorised(request);
        MoveRequest.Target target = request.bodyAs(MoveRequest.class).validate();
        Office office = catalogue.requireOffice(current.officeId());
        calendar.requireBookable(office, target.date(), target.time(), catalogue.holidays());
        Appointment moved = appointments.moveIfAvailable(current, target.date(), target.time(), office.counters());
        if (moved != current) {
            notify(moved, "APPOINTMENT_MOVED");
        }
        return Response.ok(moved.view());
    }

    /** The appointment the cancel token opens; a wrong or missing token is the same 404 as no such id. */
    private Appointment authorised(Request request) {
        String id = request.pathParam("appointmentId");
        Optional<String> token = request.header("X-Cancel-Token");
        Optional<Appointment> found = APPOINTMENT_ID.matcher(id).matches() && token.isPresent()
                ? appointments.find(id).filter(a -> Secrets.matches(token.get(), a.cancelTokenHash()))
                : Optional.empty();
        return found.orElseThrow(() -> ApiProblem.notFound("No appointment with this id and cancel token"));
    }

    /**
     * The change is already committed: a queue that refuses the message must not turn it into an
     * error the client would retry. The loss is logged for the alarm on error lines.
     */
    private void notify(Appointment appointment, String kind) {
        try {
            notifier.send(appointment.notification(kind));
        } catch (RuntimeException e) {
            LOG.error("notification not queued", e, "appointmentId", appointment.appointmentId(), "kind", kind);
        }
    }
}
