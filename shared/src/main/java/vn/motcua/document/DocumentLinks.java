package vn.motcua.document;

import java.util.Map;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationDocument;
import vn.motcua.application.DocumentStatus;
import vn.motcua.problem.ApiProblem;

/**
 * Presigned URLs to the documents bucket: the only way a client reaches an object. The citizen's
 * routes use it, and so can the officer's: {@link #downloadOf(Application, String)} does the
 * checks (404 unknown document, 409 not confirmed) and signs a GET.
 */
public interface DocumentLinks {

    /** How long an upload URL is valid. */
    java.time.Duration UPLOAD_VALIDITY = java.time.Duration.ofMinutes(15);
    /** How long a download URL is valid. */
    java.time.Duration DOWNLOAD_VALIDITY = java.time.Duration.ofMinutes(5);
    /** The tag a presigned PUT makes the client send: the lifecycle expires such objects after a day. */
    String PENDING_TAG = "state=pending";

    /** The PUT a client sends: {@code headers} must be sent as they are (they are signed). */
    record Upload(String url, String method, Map<String, String> headers, String expiresAt) {
    }

    record Download(String url, String method, String expiresAt) {
    }

    /** What GET /…/documents/{documentId} answers: the document and a short-lived link to it. */
    record DocumentDownload(String documentId, String documentType, String fileName, String contentType,
                            Long sizeBytes, Download download) {
    }

    /** A PUT for exactly this content type and length, tagged pending, valid {@link #UPLOAD_VALIDITY}. */
    Upload upload(DocumentKey key, String contentType, long sizeBytes);

    /** A GET valid {@link #DOWNLOAD_VALIDITY} that names the file for the browser. */
    Download download(DocumentKey key, String fileName, String contentType);

    /** A confirmed document of {@code application} with a download link; 404 / 409 otherwise. */
    default DocumentDownload downloadOf(Application application, String documentId) {
        ApplicationDocument d = application.documents().stream()
                .filter(x -> x.documentId().equals(documentId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("No document " + documentId.replaceAll("[^0-9a-zA-Z_-]", "?")
                        + " in this application"));
        if (d.status() != DocumentStatus.UPLOADED) {
            throw ApiProblem.conflict("document-not-uploaded", "The document is " + d.status()
                    + "; only a confirmed upload can be downloaded");
        }
        return new DocumentDownload(d.documentId(), d.documentType(), d.fileName(), d.contentType(), d.sizeBytes(),
                download(new DocumentKey(application.trackingCode(), d.documentId()), d.fileName(), d.contentType()));
    }
}
