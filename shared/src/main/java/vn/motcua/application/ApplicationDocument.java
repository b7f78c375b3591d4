package vn.motcua.application;

/** A document attached to a dossier; {@code reason} says why it was REJECTED. */
public record ApplicationDocument(String documentId, String documentType, String fileName,
                                  DocumentStatus status, String reason) {
}
