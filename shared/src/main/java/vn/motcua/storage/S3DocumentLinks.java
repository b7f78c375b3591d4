package vn.motcua.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.document.DocumentKey;
import vn.motcua.document.DocumentLinks;

/**
 * {@link DocumentLinks}: uploads with the SDK's S3 presigner, downloads with
 * {@link S3DownloadSigner} (the same SigV4 query-string auth; one way for citizens and officers). Locally the presigner
 * has the S3Proxy endpoint and path-style addressing ({@link vn.motcua.aws.AwsClients#s3Presigner()}),
 * so the URL is one the client can reach.
 *
 * <p>The PUT signs Content-Type, Content-Length and {@code x-amz-tagging}: S3 answers 403
 * SignatureDoesNotMatch to a client that sends another type or another number of bytes. The
 * signature also binds the key, so the client cannot choose where the object goes.
 */
public final class S3DocumentLinks implements DocumentLinks {

    private final S3Presigner presigner;
    private final S3DownloadSigner downloads;
    private final String bucket;

    public S3DocumentLinks(S3Presigner presigner, S3DownloadSigner downloads, String bucket) {
        this.presigner = presigner;
        this.downloads = downloads;
        this.bucket = bucket;
    }

    @Override
    public Upload upload(DocumentKey key, String contentType, long sizeBytes) {
        PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key.value())
                .contentType(contentType).contentLength(sizeBytes).tagging(PENDING_TAG).build();
        PresignedPutObjectRequest presigned = presigner.presignPutObject(r -> r.signatureDuration(UPLOAD_VALIDITY)
                .putObjectRequest(put));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(canonical(name), String.join(",", values));
            }
        });
        return new Upload(presigned.url().toString(), "PUT", headers, WorkingCalendar.format(presigned.expiration()));
    }

    @Override
    public Download download(DocumentKey key, String fileName, String contentType) {
        return downloads.download(key, fileName, contentType);
    }

    /** RFC 6266: an ASCII fallback and the UTF-8 name (Vietnamese names keep their diacritics). */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_").replace("\\", "_");
        String utf8 = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
    }

    private static String canonical(String name) {
        for (String known : List.of("Content-Type", "Content-Length")) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
