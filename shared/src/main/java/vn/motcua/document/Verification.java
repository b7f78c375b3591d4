package vn.motcua.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationDocument;
import vn.motcua.application.DocumentStatus;
import vn.motcua.log.Log;
import vn.motcua.storage.ApplicationRepository;

/**
 * The upload check, run on every S3 ObjectCreated event: HeadObject and a ranged GET of the first
 * bytes. The document becomes UPLOADED when the object has exactly the declared size and content
 * type and its magic bytes are those of that type; otherwise REJECTED with a reason, and the
 * object is deleted.
 *
 * <p>Idempotent, because S3 delivers events at least once: a document already confirmed for the
 * same object (ETag) is left alone; an object under a REJECTED or SUPERSEDED document is deleted
 * and nothing else changes; an overwrite of a confirmed document (same URL, new ETag) is checked
 * again. A key outside the layout, an unknown dossier or document, or an object already gone is
 * logged and ignored: no retry can change those.
 *
 * <p>Order matters where a crash can fall between two steps: the object is tagged verified
 * before the document says UPLOADED (else the lifecycle could expire a confirmed document), and
 * a refusal is written before the object is deleted (a retry then finds REJECTED and deletes).
 */
public final class Verification {

    private static final Log LOG = Log.of(Verification.class);
    private static final int WRITE_ATTEMPTS = 3;

    public enum Outcome { UPLOADED, REJECTED, DISCARDED, DUPLICATE, IGNORED }

    private final ApplicationRepository repository;
    private final DocumentStore store;

    public Verification(ApplicationRepository repository, DocumentStore store) {
        this.repository = repository;
        this.store = store;
    }

    public Outcome verify(String bucket, String key) {
        Optional<DocumentKey> parsed = DocumentKey.parse(key);
        if (parsed.isEmpty()) {
            return ignored("key outside the documents layout", key);
        }
        DocumentKey documentKey = parsed.get();
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Optional<Application> found = repository.find(documentKey.trackingCode());
            if (found.isEmpty()) {
                return ignored("no such dossier", key);
            }
            Application current = found.get();
            Optional<ApplicationDocument> document = current.documents().stream()
                    .filter(d -> d.documentId().equals(documentKey.documentId())).findFirst();
            if (document.isEmpty()) {
                return ignored("no such document", key);
            }
            Optional<DocumentStore.StoredObject> object = store.head(bucket, key);
            if (object.isEmpty()) {
                return ignored("object already gone", key);
            }
            ApplicationDocument d = document.get();
            switch (d.status()) {
                case REJECTED, SUPERSEDED -> {
                    store.delete(bucket, key);
                    LOG.info("object of a closed document deleted", "key", key, "status", d.status());
                    return Outcome.DISCARDED;
                }
                case UPLOADED -> {
                    if (object.get().etag().equals(d.etag())) {
                        LOG.info("document already confirmed", "key", key);
                        return Outcome.DUPLICATE;
                    }
                }
                case PENDING_UPLOAD -> { }
            }
            Optional<String> refusal = declaredMismatch(d, object.get());
            if (refusal.isEmpty()) {
                Optional<byte[]> first = store.firstBytes(bucket, key, FileSignature.PREFIX_BYTES);
                if (first.isEmpty()) {
                    return ignored("object already gone", key);
                }
                refusal = wrongContent(d, first.get());
            }
            if (refusal.isEmpty()) {
                store.markVerified(bucket, key);
            }
            ApplicationDocument checked = refusal.isEmpty()
                    ? d.withStatus(DocumentStatus.UPLOADED, null, object.get().etag())
                    : d.withStatus(DocumentStatus.REJECTED, refusal.get(), null);
            if (repository.transitionIf(replace(current, checked), current.status(), current.version()).isPresent()) {
                LOG.info("document checked", "key", key, "status", checked.status(), "reason", checked.reason());
                if (refusal.isPresent()) {
                    store.delete(bucket, key);
                    return Outcome.REJECTED;
                }
                return Outcome.UPLOADED;
            }
            // The dossier changed meanwhile (a new announcement may have superseded this one): decide again.
        }
        throw new IllegalStateException("The dossier kept changing while checking " + key + "; S3 will retry the event");
    }

    /** The signed PUT makes these impossible in AWS; checked anyway, as the bucket is the last word. */
    static Optional<String> declaredMismatch(ApplicationDocument d, DocumentStore.StoredObject object) {
        if (d.sizeBytes() == null || object.size() != d.sizeBytes()) {
            return Optional.of("size: " + object.size() + " bytes stored, " + d.sizeBytes() + " declared");
        }
        if (object.contentType() != null && !object.contentType().split(";", 2)[0].trim().equalsIgnoreCase(d.contentType())) {
            return Optional.of("content type: " + object.contentType() + " stored, " + d.contentType() + " declared");
        }
        return Optional.empty();
    }

    static Optional<String> wrongContent(ApplicationDocument d, byte[] first) {
        FileSignature expected = FileSignature.of(d.contentType()).orElse(null);
        if (expected == null || !expected.opens(first)) {
            return Optional.of("content: not a " + d.contentType() + " file"
                    + FileSignature.detect(first).map(s -> " (it looks like " + s.contentType() + ")").orElse(""));
        }
        return Optional.empty();
    }

    private static Application replace(Application a, ApplicationDocument checked) {
        List<ApplicationDocument> next = new ArrayList<>();
        for (ApplicationDocument d : a.documents()) {
            next.add(d.documentId().equals(checked.documentId()) ? checked : d);
        }
        return a.withDocuments(next);
    }

    private static Outcome ignored(String why, String key) {
        LOG.warn("S3 event ignored: " + why, "key", key.length() > 300 ? key.substring(0, 300) : key);
        return Outcome.IGNORED;
    }
}
