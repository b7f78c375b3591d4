package vn.motcua.document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationDocument;
import vn.motcua.application.DocumentStatus;
import vn.motcua.application.Status;
import vn.motcua.application.StatusQuery;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.id.IdGenerator;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.Guard;

/**
 * The citizen's documents on a dossier: announce an upload (and get a presigned PUT), list them,
 * get a presigned GET for a confirmed one. Every call is O(1) DynamoDB operations; the document
 * list lives in the dossier item and changes by a conditional write on the version read.
 *
 * <p>Replacing: announcing a document of a type that already has a PENDING_UPLOAD or UPLOADED
 * document supersedes those at once (SUPERSEDED, no longer counted by submit, objects deleted).
 * The newest announcement is the one that counts, so a late upload to an old URL can never win.
 */
public final class Documents {

    private static final Log LOG = Log.of(Documents.class);
    private static final int WRITE_ATTEMPTS = 3;
    /** Documents can be added while the citizen holds the dossier. */
    static final Set<Status> OPEN = EnumSet.of(Status.DRAFT, Status.SUPPLEMENT_REQUESTED);
    /** Document records per dossier, rejected and superseded ones included: bounds the item size. */
    public static final int MAX_DOCUMENTS = 50;

    /** The 201 of POST /applications/{trackingCode}/documents. */
    public record Announced(String documentId, DocumentLinks.Upload upload) {
    }

    /** GET /applications/{trackingCode}/documents: every document with its status, and what submit still needs. */
    public record DocumentList(String trackingCode, List<ApplicationDocument> documents, List<String> missingDocuments) {
    }

    private final ApplicationRepository repository;
    private final Catalogue catalogue;
    private final DocumentLinks links;
    private final DocumentStore store;
    private final String bucket;
    private final Clock clock;
    private final IdGenerator ids;
    private final StatusQuery query;

    public Documents(ApplicationRepository repository, Catalogue catalogue, DocumentLinks links, DocumentStore store,
                     String bucket, Clock clock, IdGenerator ids) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.links = links;
        this.store = store;
        this.bucket = bucket;
        this.clock = clock;
        this.ids = ids;
        this.query = new StatusQuery(repository, catalogue, clock);
    }

    /** SnapStart priming: the catalogue the document types are checked against, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
    }

    /**
     * Records a PENDING_UPLOAD document and answers the presigned PUT for its key. 400 malformed or
     * unknown type, 404 dossier/key, 409 not DRAFT/SUPPLEMENT_REQUESTED, 413, 415; nothing is
     * written for any refusal.
     */
    public Announced announce(String code, Optional<String> accessKey, UploadRequest body) {
        return announce(code, accessKey, body, announced -> null);
    }

    /**
     * {@link #announce(String, Optional, UploadRequest)}, writing {@code guard}'s item for the
     * answer (e.g. the idempotency record holding it) in the same transaction as the document.
     * The answer is complete before the write: the presigned URL is computed, not fetched.
     */
    public Announced announce(String code, Optional<String> accessKey, UploadRequest body,
                              Function<Announced, Guard> guard) {
        UploadRules.checkShape(body);
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Application current = StatusQuery.authorise(query.find(code), accessKey);
            if (!OPEN.contains(current.status())) {
                throw ApiProblem.conflict("documents-closed", "Documents can be added to a dossier in DRAFT or "
                        + "SUPPLEMENT_REQUESTED; this one is " + current.status());
            }
            UploadRules.Upload upload = UploadRules.check(catalogue.requireProcedure(current.procedureCode()), body);
            if (current.documents().size() >= MAX_DOCUMENTS) {
                throw ApiProblem.conflict("too-many-documents", "A dossier holds at most " + MAX_DOCUMENTS + " documents");
            }
            String documentId = ids.id();
            List<ApplicationDocument> superseded = new ArrayList<>();
            List<ApplicationDocument> next = new ArrayList<>();
            for (ApplicationDocument d : current.documents()) {
                boolean replaced = d.documentType().equals(upload.document().type())
                        && (d.status() == DocumentStatus.PENDING_UPLOAD || d.status() == DocumentStatus.UPLOADED);
                if (replaced) {
                    superseded.add(d);
                    next.add(d.withStatus(DocumentStatus.SUPERSEDED, "replaced by " + documentId, d.etag()));
                } else {
                    next.add(d);
                }
            }
            next.add(new ApplicationDocument(documentId, upload.document().type(), upload.fileName(),
                    DocumentStatus.PENDING_UPLOAD, null, upload.contentType(), upload.sizeBytes(),
                    WorkingCalendar.format(clock.instant()), null));
            DocumentKey key = new DocumentKey(current.trackingCode(), documentId);
            Announced announced = new Announced(documentId, links.upload(key, upload.contentType(), upload.sizeBytes()));
            if (repository.transitionIf(current, current.withDocuments(next), guard.apply(announced)).isPresent()) {
                LOG.info("document announced", "trackingCode", current.trackingCode(), "documentId", documentId,
                        "documentType", upload.document().type(), "sizeBytes", upload.sizeBytes(),
                        "superseded", superseded.size());
                superseded.forEach(d -> deleteQuietly(new DocumentKey(current.trackingCode(), d.documentId())));
                return announced;
            }
            // Somebody wrote in between (verification, a second tab, an officer): decide again.
        }
        throw ApiProblem.conflict("concurrent-update", "The dossier is changing right now; retry in a moment");
    }

    public DocumentList list(String code, Optional<String> accessKey) {
        Application a = StatusQuery.authorise(query.find(code), accessKey);
        List<String> missing = catalogue.procedure(a.procedureCode()).map(a::missingDocuments).orElse(List.of());
        return new DocumentList(a.trackingCode(), a.documents(), missing);
    }

    /** A presigned GET for a confirmed document of the key holder's dossier. */
    public DocumentLinks.DocumentDownload download(String code, Optional<String> accessKey, String documentId) {
        return links.downloadOf(StatusQuery.authorise(query.find(code), accessKey), documentId);
    }

    /** The superseded object is garbage either way: the lifecycle or the upload check removes what this misses. */
    private void deleteQuietly(DocumentKey key) {
        try {
            store.delete(bucket, key.value());
        } catch (RuntimeException e) {
            LOG.warn("could not delete a superseded document", "key", key.value(), "error", e.toString());
        }
    }
}
