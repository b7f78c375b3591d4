package vn.motcua.stats.function;

import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.problem.ApiProblem;
import vn.motcua.stats.Kpis;
import vn.motcua.stats.StatsRange;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.StatsRepository;

/**
 * GET /stats?officeId=&from=YYYY-MM&to=YYYY-MM: the public KPIs of one office, or of the city
 * without officeId. One Query over the months' counter items; no dossier is read.
 */
public final class StatsHandler extends HttpFunction {

    private final StatsRepository stats;
    private final Catalogue catalogue;
    private final Clock clock;

    public StatsHandler() {
        this(Config.fromEnvironment());
    }

    public StatsHandler(Config config) {
        this(config, new AwsClients(config), config.clock());
    }

    private StatsHandler(Config config, AwsClients clients, Clock clock) {
        this(config, clients, clients.dynamoDb(), clock);
    }

    private StatsHandler(Config config, AwsClients clients, DynamoDbClient dynamoDb, Clock clock) {
        this(new StatsRepository(dynamoDb, config.statsTable()),
                new Catalogue(new CatalogueRepository(clients.enhanced(dynamoDb), config.catalogueTable()),
                        clock, config.catalogueTtl()), clock);
    }

    public StatsHandler(StatsRepository stats, Catalogue catalogue, Clock clock) {
        this.stats = stats;
        this.catalogue = catalogue;
        this.clock = clock;
        route("GET /stats", this::stats);
    }

    /** Before a SnapStart snapshot: the catalogue (office names) loaded once (reads only, best effort). */
    @Override
    public void prime() {
        catalogue.prime();
    }

    private Response stats(Request request) {
        StatsRange range = StatsRange.parse(request.query("from"), request.query("to"), clock);
        String scope = request.query("officeId").map(id -> catalogue.office(id)
                        .orElseThrow(() -> ApiProblem.invalid("officeId", "no such office")).officeId())
                .orElse(StatsRepository.ALL);
        Kpis kpis = Kpis.of(scope, range, stats.months(scope, range.from(), range.to()));
        // Public and slow-moving: a short shared cache spares the table from crawlers.
        return Response.ok(kpis).header("cache-control", "public, max-age=60");
    }
}
