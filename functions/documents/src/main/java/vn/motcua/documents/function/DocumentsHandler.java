package vn.motcua.documents.function;

import java.time.Clock;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.config.Config;
import vn.motcua.document.Documents;
import vn.motcua.document.UploadRequest;
import vn.motcua.http.HttpFunction;
import vn.motcua.http.Request;
import vn.motcua.http.Response;
import vn.motcua.id.IdGenerator;
import vn.motcua.idempotency.Idempotency;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.CatalogueRepository;
import vn.motcua.storage.S3DocumentLinks;
import vn.motcua.storage.S3DocumentStore;

/**
 * A citizen's documents: announce an upload (presigned PUT, idempotent), list them, download one
 * (presigned GET). Every route needs the dossier's {@code X-Access-Key}. Glue only: the rules are
 * in {@link Documents}.
 */
public final class DocumentsHandler extends HttpFunction {

    public static final String ACCESS_KEY = "X-Access-Key";
    static final String ANNOUNCE = "POST /applications/{trackingCode}/documents";

    private final Documents documents;

    public DocumentsHandler() {
        this(Config.fromEnvironment());
    }

    public DocumentsHandler(Config config) {
        this(wire(config, config.clock(), IdGenerator.secure()));
    }

    private DocumentsHandler(Parts parts) {
        this(parts.documents(), parts.idempotency());
    }

    /** For tests: the use case over real or fake collaborators. */
    public DocumentsHandler(Documents documents, Idempotency idempotency) {
        this.documents = documents;
        route(ANNOUNCE, r -> idempotency.write(r, ANNOUNCE, claim -> announce(r, claim)));
        route("GET /applications/{trackingCode}/documents",
                r -> Response.ok(documents.list(r.pathParam("trackingCode"), r.header(ACCESS_KEY))));
        route("GET /applications/{trackingCode}/documents/{documentId}",
                r -> Response.ok(documents.download(r.pathParam("trackingCode"), r.header(ACCESS_KEY),
                        r.pathParam("documentId"))));
    }

    /** Before a SnapStart snapshot: the catalogue loaded once (reads only, best effort). */
    @Override
    public void prime() {
        documents.prime();
    }

    /** The idempotency record, holding this very answer, is written with the document: one transaction. */
    private Response announce(Request request, Idempotency.Claim claim) {
        UploadRequest body = request.bodyAs(UploadRequest.class);
        String code = request.pathParam("trackingCode");
        return announced(request, documents.announce(code, request.header(ACCESS_KEY), body,
                a -> claim.record(announced(request, a))));
    }

    private static Response announced(Request request, Documents.Announced announced) {
        return Response.created(announced, request.path() + "/" + announced.documentId())
                .header("cache-control", "no-store");
    }

    private record Parts(Documents documents, Idempotency idempotency) {
    }

    /** Clients are built once, here, and live as long as the container (and its snapshot). */
    private static Parts wire(Config config, Clock clock, IdGenerator ids) {
        AwsClients clients = new AwsClients(config);
        DynamoDbClient dynamoDb = clients.dynamoDb();
        DynamoDbEnhancedClient enhanced = clients.enhanced(dynamoDb);
        Catalogue catalogue = new Catalogue(new CatalogueRepository(enhanced, config.catalogueTable()), clock,
                config.catalogueTtl());
        String bucket = config.documentsBucket();
        Documents documents = new Documents(new ApplicationRepository(dynamoDb, enhanced, config.applicationsTable()),
                catalogue, new S3DocumentLinks(clients.s3Presigner(), clients.s3DownloadSigner(bucket, clock), bucket), new S3DocumentStore(clients.s3()),
                bucket, clock, ids);
        return new Parts(documents, new Idempotency(enhanced, config.idempotencyTable(), clock, ids));
    }
}
