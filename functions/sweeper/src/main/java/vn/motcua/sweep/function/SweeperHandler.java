package vn.motcua.sweep.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.json.Json;
import vn.motcua.id.IdGenerator;
import vn.motcua.log.Log;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.snapstart.Primed;
import vn.motcua.snapstart.SnapStart;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.AppointmentRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.StatsRepository;
import vn.motcua.sweep.DailySweep;

/**
 * Daily at 17:05 Hanoi time (EventBridge Scheduler, just after close of business, when every due
 * date of the day has passed): overdue marks, tomorrow's reminders, yesterday's no-shows. The time
 * comes from the clock, not the event, so a late or repeated run does the same thing.
 */
public final class SweeperHandler implements RequestStreamHandler, Primed {

    private final DailySweep sweep;

    public SweeperHandler() {
        this(Config.fromEnvironment());
    }

    public SweeperHandler(Config config) {
        this(config, config.clock());
    }

    public SweeperHandler(Config config, Clock clock) {
        this(config, new AwsClients(config), clock);
    }

    private SweeperHandler(Config config, AwsClients clients, Clock clock) {
        this(sweep(config, clients, clients.dynamoDb(), clock));
    }

    public SweeperHandler(DailySweep sweep) {
        this.sweep = sweep;
        SnapStart.register(this);
    }

    /** Before a SnapStart snapshot: the catalogue (offices and holidays) loaded once. */
    @Override
    public void prime() {
        sweep.prime();
    }

    /** What Lambda calls: the schedule's event is not read (nothing in it is used); the summary out. */
    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        Json.MAPPER.writeValue(out, handleEvent(null, context));
    }

    /** The same run in-process (tests). */
    public Map<String, Object> handleEvent(ScheduledEvent event, Context context) {
        Log.bindRequest(context == null ? null : context.getAwsRequestId());
        try {
            DailySweep.Result result = sweep.run();
            if (result.failedOffices() > 0) {
                // Fail the invocation so the Lambda error metric (and the scheduler's retry) sees it;
                // the offices that succeeded are not repeated in effect: every step is idempotent.
                throw new IllegalStateException(result.failedOffices() + " offices failed in the daily sweep");
            }
            return Map.of("marked", result.marked(), "reminders", result.reminders(), "noShows", result.noShows());
        } finally {
            Log.unbindRequest();
        }
    }

    private static DailySweep sweep(Config config, AwsClients clients, DynamoDbClient dynamoDb, Clock clock) {
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        StatsRepository stats = new StatsRepository(dynamoDb, config.statsTable());
        return new DailySweep(
                new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock, config.catalogueTtl()),
                new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable(), stats),
                new AppointmentRepository(dynamoDb, config.appointmentsTable(), clock, IdGenerator.secure()),
                stats, new SqsNotifier(clients.sqs(), config.notificationsQueueUrl()), clock);
    }
}
