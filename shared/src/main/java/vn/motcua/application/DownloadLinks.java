package vn.motcua.application;

import java.util.Optional;

/**
 * Presigned GET links for an officer to read a dossier's uploaded documents, in the officer's
 * full view. The officer function adapts {@code vn.motcua.document.DocumentLinks} (the same
 * rule and 5-minute GET the citizen gets); {@link #NONE} lists documents without links (tests).
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
