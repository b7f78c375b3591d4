package vn.motcua.application;

import java.util.Optional;

/**
 * SEAM(documents): presigned GET links for an officer to read a dossier's uploaded documents.
 * The documents work (presigned upload/download) provides the S3 implementation; until it is
 * merged, {@link #NONE} lists the documents without links. Wire the real one in
 * OfficerApplicationsHandler's constructor; nothing else changes.
 */
@FunctionalInterface
public interface DownloadLinks {

    /** A link and until when it works (ISO-8601 with +07:00). */
    record Link(String url, String method, String expiresAt) {
    }

    /** The link for {@code document} of {@code application}, if it can be downloaded (UPLOADED). */
    Optional<Link> download(Application application, ApplicationDocument document);

    DownloadLinks NONE = (application, document) -> Optional.empty();
}
