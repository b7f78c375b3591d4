package vn.motcua.application;

/**
 * A document attached to a dossier; {@code reason} says why it was REJECTED.
 *
 * <p>The declared {@code contentType} and {@code sizeBytes} are what the upload check compares
 * the stored object with; {@code etag} is the object it confirmed, so a duplicate S3 event is
 * recognised and an overwrite is checked again. The object's key is derived, never stored:
 * {@code applications/{trackingCode}/{documentId}} ({@link vn.motcua.document.DocumentKey}).
 */
public record ApplicationDocument(String documentId, String documentType, String fileName,
                                  DocumentStatus status, String reason, String contentType, Long sizeBytes,
                                  String createdAt, String etag) {

    public ApplicationDocument(String documentId, String documentType, String fileName, DocumentStatus status,
                               String reason) {
        this(documentId, documentType, fileName, status, reason, null, null, null, null);
    }

    public ApplicationDocument withStatus(DocumentStatus newStatus, String newReason, String newEtag) {
        return new ApplicationDocument(documentId, documentType, fileName, newStatus, newReason, contentType,
                sizeBytes, createdAt, newEtag);
    }
}
