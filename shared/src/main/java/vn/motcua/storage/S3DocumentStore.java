package vn.motcua.storage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import vn.motcua.document.DocumentStore;
import vn.motcua.log.Log;

/** {@link DocumentStore} over S3: HeadObject, a ranged GetObject, DeleteObject, PutObjectTagging. */
public final class S3DocumentStore implements DocumentStore {

    private static final Log LOG = Log.of(S3DocumentStore.class);
    static final Tag VERIFIED = Tag.builder().key("state").value("verified").build();

    private final S3Client s3;
    private final AtomicBoolean taggingUnsupportedLogged = new AtomicBoolean();

    public S3DocumentStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> firstBytes(String bucket, String key, int n) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range("bytes=0-" + (n - 1))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                return Optional.of(new byte[0]);
            }
            throw e;
        }
    }

    @Override
    public void delete(String bucket, String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    @Override
    public void markVerified(String bucket, String key) {
        try {
            s3.putObjectTagging(r -> r.bucket(bucket).key(key).tagging(t -> t.tagSet(VERIFIED)));
        } catch (S3Exception e) {
            // S3Proxy (the local stack) implements no object tagging: 501 NotImplemented. Locally
            // nothing expires objects, so the missing tag changes nothing there; S3 never answers 501.
            if (e.statusCode() != 501) {
                throw e;
            }
            if (taggingUnsupportedLogged.compareAndSet(false, true)) {
                LOG.warn("object storage does not support tagging; confirmed documents are not tagged", "bucket", bucket);
            }
        }
    }
}
