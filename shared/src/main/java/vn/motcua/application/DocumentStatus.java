package vn.motcua.application;

/** A document's state: announced (upload URL given), confirmed by the upload check, or refused. */
public enum DocumentStatus {
    PENDING_UPLOAD, UPLOADED, REJECTED
}
