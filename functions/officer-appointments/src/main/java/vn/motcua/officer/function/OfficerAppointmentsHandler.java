package vn.motcua.officer.function;

import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.appointment.OfficerAppointments;
import vn.motcua.aws.AwsClients;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.officer.Officer;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.StatsRepository;

/** The office's day of appointments and their outcome, behind the API's JWT authorizer. */
public final class OfficerAppointmentsHandler extends HttpFunction {

    public OfficerAppointmentsHandler() {
        this(Config.fromEnvironment());
    }

    public OfficerAppointmentsHandler(Config config) {
        this(config, config.clock());
    }

    public OfficerAppointmentsHandler(Config config, Clock clock) {
        this(config, new AwsClients(config).dynamoDb(), clock);
    }

    private OfficerAppointmentsHandler(Config config, DynamoDbClient dynamoDb, Clock clock) {
        this(new OfficerAppointments(new AppointmentRepository(dynamoDb, config.appointmentsTable(), clock,
                IdGenerator.secure()), new StatsRepository(dynamoDb, config.statsTable()), clock));
    }

    public OfficerAppointmentsHandler(OfficerAppointments appointments) {
        route("GET /officer/appointments", r -> Response.ok(appointments.day(officer(r), r.query("date")))
                .header("cache-control", "no-store"));
        route("POST /officer/appointments/{appointmentId}/actions", r -> {
            Officer officer = officer(r);
            return Response.ok(appointments.close(officer, r.pathParam("appointmentId"),
                    r.bodyAs(OfficerAppointments.ActionRequest.class)));
        });
    }

    private static Officer officer(Request request) {
        return Officer.from(request::claim);
    }
}
