package vn.motcua.catalogue.function;

import java.time.Clock;
import java.util.Map;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.ProcedureQuery;
import vn.motcua.config.Config;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.storage.CatalogueRepository;

/** The public catalogue: procedures with search, and offices. Reads only, served from the cache. */
public final class CatalogueHandler extends HttpFunction {

    private final Catalogue catalogue;

    public CatalogueHandler() {
        this(Config.fromEnvironment());
    }

    public CatalogueHandler(Config config) {
        this(catalogue(config));
    }

    public CatalogueHandler(Catalogue catalogue) {
        this.catalogue = catalogue;
        route("GET /procedures", this::search);
        route("GET /procedures/{code}", r -> Response.ok(catalogue.requireProcedure(r.pathParam("code"))));
        route("GET /offices", r -> Response.ok(Map.of("items", catalogue.offices())));
        route("GET /offices/{officeId}", r -> Response.ok(catalogue.requireOffice(r.pathParam("officeId"))));
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        catalogue.prime();
    }

    private static Catalogue catalogue(Config config) {
        AwsClients clients = new AwsClients(config);
        CatalogueRepository repository = new CatalogueRepository(
                clients.enhanced(clients.dynamoDb()), config.catalogueTable());
        return new Catalogue(repository, config.clock(), config.catalogueTtl());
    }

    private Response search(Request request) {
        ProcedureQuery query = ProcedureQuery.parse(request.query("q"), request.query("category"),
                request.query("level"), request.query("limit"), request.query("nextToken"));
        return Response.ok(catalogue.search(query)).header("cache-control", "public, max-age=60");
    }
}
