package vn.motcua.application;

/**
 * A document's state: announced (upload URL given), confirmed by the upload check, refused, or
 * replaced by a later document of the same type (no longer counted, its object deleted).
 */
public enum DocumentStatus {
    PENDING_UPLOAD, UPLOADED, REJECTED, SUPERSEDED
}
