package vn.motcua.submission.function;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import vn.motcua.application.Dossiers;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.queue.SqsIntakeQueue;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.StatsRepository;

/**
 * The citizen's writes on a dossier: create (idempotent), submit, withdraw, rate (idempotent).
 * Glue only: the rules are in {@link Dossiers}.
 */
public final class SubmissionHandler extends HttpFunction {

    public static final String ACCESS_KEY = "X-Access-Key";

    private final Dossiers dossiers;
    private final Idempotency idempotency;

    public SubmissionHandler() {
        this(Config.fromEnvironment());
    }

    public SubmissionHandler(Config config) {
        this(wire(config, config.clock(), IdGenerator.secure()));
    }

    private SubmissionHandler(Parts parts) {
        this(parts.dossiers(), parts.idempotency());
    }

    /** For tests: the use cases over real or faulty collaborators. */
    public SubmissionHandler(Dossiers dossiers, Idempotency idempotency) {
        this.dossiers = dossiers;
        this.idempotency = idempotency;
        route("POST /applications", r -> idempotency.write(r, "POST /applications", claim -> create(r, claim)));
        route("POST /applications/{trackingCode}/submit",
                r -> Response.ok(dossiers.submit(r.pathParam("trackingCode"), r.header(ACCESS_KEY))));
        route("POST /applications/{trackingCode}/withdraw",
                r -> Response.ok(dossiers.withdraw(r.pathParam("trackingCode"), r.header(ACCESS_KEY))));
        route("POST /applications/{trackingCode}/rating",
                r -> idempotency.write(r, "POST /applications/{trackingCode}/rating", claim -> rate(r, claim)));
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        dossiers.prime();
    }

    /** The idempotency record, holding this very answer, is written with the draft: one transaction. */
    private Response create(Request request, Idempotency.Claim claim) {
        return created(dossiers.create(request.bodyAs(JsonNode.class), c -> claim.record(created(c))));
    }

    private static Response created(Dossiers.Created created) {
        return Response.created(created, "/applications/" + created.trackingCode());
    }

    private Response rate(Request request, Idempotency.Claim claim) {
        Dossiers.RatingRequest body = request.bodyAs(Dossiers.RatingRequest.class);
        return rated(dossiers.rate(request.pathParam("trackingCode"), request.header(ACCESS_KEY), body,
                result -> claim.record(rated(result))));
    }

    private static Response rated(Dossiers.RatingResult result) {
        return Response.json(201, result);
    }

    private record Parts(Dossiers dossiers, Idempotency idempotency) {
    }

    /** Clients are built once, here, and live as long as the container (and its snapshot). */
    private static Parts wire(Config config, Clock clock, IdGenerator ids) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        SqsClient sqs = clients.sqs();
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock,
                config.catalogueTtl());
        // Ratings are counted in the public KPIs in the same transaction as the rating write.
        Dossiers dossiers = new Dossiers(new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable(),
                        new StatsRepository(dynamoDb, config.statsTable())),
                catalogue, new SqsIntakeQueue(sqs, config.intakeQueueUrl()),
                new SqsNotifier(sqs, config.notificationsQueueUrl()), clock, ids);
        return new Parts(dossiers, new Idempotency(enhanced, config.idempotencyTable(), clock, ids));
    }
}
