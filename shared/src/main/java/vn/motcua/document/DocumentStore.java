package vn.motcua.document;

import java.util.Optional;

/** The documents bucket as the upload check needs it (S3 in AWS, S3Proxy locally). */
public interface DocumentStore {

    /** What is stored under a key (HeadObject), or empty if nothing is. */
    Optional<StoredObject> head(String bucket, String key);

    /** The object's first {@code n} bytes (a ranged GET), or empty if it is gone. */
    Optional<byte[]> firstBytes(String bucket, String key, int n);

    /** Deletes the object; deleting what is not there is fine. */
    void delete(String bucket, String key);

    /**
     * Marks a confirmed object so the bucket's lifecycle keeps it (tag {@code state=verified};
     * unconfirmed uploads carry {@code state=pending} and expire after a day).
     */
    void markVerified(String bucket, String key);

    record StoredObject(long size, String contentType, String etag) {
    }
}
