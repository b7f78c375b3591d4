package vn.motcua.status.function;

import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.application.StatusQuery;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Response;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;

/** GET /applications/{trackingCode}: the public view, or the full view with X-Access-Key. */
public final class StatusHandler extends HttpFunction {

    public static final String ACCESS_KEY = "X-Access-Key";

    private final StatusQuery query;

    public StatusHandler() {
        this(Config.fromEnvironment());
    }

    public StatusHandler(Config config) {
        this(query(config, config.clock()));
    }

    public StatusHandler(StatusQuery query) {
        this.query = query;
        // Personal data with the key, and a status that changes: no cache may keep either.
        route("GET /applications/{trackingCode}", r -> Response.ok(query.view(r.pathParam("trackingCode"),
                r.header(ACCESS_KEY))).header("cache-control", "no-store"));
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        query.prime();
    }

    private static StatusQuery query(Config config, Clock clock) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock,
                config.catalogueTtl());
        return new StatusQuery(new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable()), catalogue, clock);
    }
}
