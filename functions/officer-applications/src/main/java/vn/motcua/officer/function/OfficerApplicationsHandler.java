package vn.motcua.officer.function;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.DocumentStatus;
import vn.motcua.application.DownloadLinks;
import vn.motcua.application.OfficerDesk;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.document.DocumentKey;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.notification.SqsNotifier;
import vn.motcua.officer.Officer;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.S3DownloadSigner;
import vn.motcua.storage.StatsRepository;

/**
 * The officer's dossier routes, all behind the API's JWT authorizer: the office's work queue,
 * one dossier in full, the actions of the status machine and walk-in registration. The office
 * and the role come from the verified claims only ({@link Officer#from}); the rules are in
 * {@link OfficerDesk}.
 */
public final class OfficerApplicationsHandler extends HttpFunction {

    private final OfficerDesk desk;

    public OfficerApplicationsHandler() {
        this(Config.fromEnvironment());
    }

    public OfficerApplicationsHandler(Config config) {
        this(config, config.clock(), IdGenerator.secure());
    }

    public OfficerApplicationsHandler(Config config, Clock clock, IdGenerator ids) {
        this(config, new AwsClients(config), clock, ids);
    }

    private OfficerApplicationsHandler(Config config, AwsClients clients, Clock clock, IdGenerator ids) {
        this(clients, clients.dynamoDb(), config, clock, ids);
    }

    private OfficerApplicationsHandler(AwsClients clients, DynamoDbClient dynamoDb, Config config, Clock clock,
                                       IdGenerator ids) {
        this(desk(clients, dynamoDb, clients.enhanced(dynamoDb), config, clock, ids),
                new Idempotency(clients.enhanced(dynamoDb), config.idempotencyTable(), clock, ids));
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        desk.prime();
    }

    /** For tests: the use case over real or faulty collaborators. */
    public OfficerApplicationsHandler(OfficerDesk desk, Idempotency idempotency) {
        this.desk = desk;
        route("GET /officer/applications", r -> Response.ok(desk.queue(officer(r), r.query("status"),
                r.query("overdue"), r.query("limit"), r.query("nextToken"))).header("cache-control", "no-store"));
        route("GET /officer/applications/{trackingCode}", r -> Response.ok(desk.view(officer(r),
                r.pathParam("trackingCode"))).header("cache-control", "no-store"));
        route("POST /officer/applications/{trackingCode}/actions", r -> {
            Officer officer = officer(r);
            return Response.ok(desk.act(officer, r.pathParam("trackingCode"), r.bodyAs(OfficerDesk.ActionRequest.class)));
        });
        route("POST /officer/applications", r -> {
            Officer officer = officer(r);
            // Scoped per officer: two officers who happen to use the same key never see each other's
            // dossier. The idempotency record, holding this very answer, is written with the
            // dossier: one transaction.
            return idempotency.write(r, "POST /officer/applications#" + officer.subject(),
                    claim -> registered(desk.register(officer, r.bodyAs(JsonNode.class),
                            registered -> claim.record(registered(registered)))));
        });
    }

    private static Response registered(OfficerDesk.Registered registered) {
        return Response.created(registered, "/officer/applications/" + registered.trackingCode());
    }

    /** Identity before anything else: a request without an officer's claims reads and writes nothing. */
    private static Officer officer(Request request) {
        return Officer.from(request::claim);
    }

    private static OfficerDesk desk(AwsClients clients, DynamoDbClient dynamoDb, DynamoDbEnhancedClient enhanced,
                                    Config config, Clock clock, IdGenerator ids) {
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock,
                config.catalogueTtl());
        ApplicationRepository applications = new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable(),
                new StatsRepository(dynamoDb, config.statsTable()));
        return new OfficerDesk(applications, catalogue, new SqsNotifier(clients.sqs(), config.notificationsQueueUrl()),
                clock, ids, officerLinks(clients.s3DownloadSigner(config.documentsBucket(), clock)));
    }

    /** The citizen's download (a 5-minute presigned GET) for each confirmed upload in the officer's view. */
    static DownloadLinks officerLinks(S3DownloadSigner signer) {
        return (application, document) -> document.status() != DocumentStatus.UPLOADED ? Optional.empty()
                : Optional.of(signer.download(new DocumentKey(application.trackingCode(), document.documentId()),
                        document.fileName(), document.contentType()))
                        .map(d -> new DownloadLinks.Link(d.url(), d.method(), d.expiresAt()));
    }
}
