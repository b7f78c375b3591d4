package vn.motcua.document;

/** The body of POST /applications/{trackingCode}/documents: what the citizen is about to upload. */
public record UploadRequest(String documentType, String fileName, String contentType, Long sizeBytes) {
}
