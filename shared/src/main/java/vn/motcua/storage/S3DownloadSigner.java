package vn.motcua.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.document.DocumentKey;
import vn.motcua.document.DocumentLinks;

/**
 * Presigned GETs to the documents bucket with the SDK's own SigV4 signer (query-string auth,
 * unsigned payload), which is what S3's presigner does for a GET. It needs only the SDK core that
 * every function already carries, not the 3.4 MB S3 module, so a function that only hands out
 * download links (the officer's) stays under the 15 MB package budget.
 */
public final class S3DownloadSigner {

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final AwsCredentialsProvider credentials;
    private final String region;
    private final URI bucketUrl;
    private final Clock clock;

    /** {@code bucketUrl}: virtual-hosted in AWS, {@code endpoint/bucket} (path style) locally. */
    public S3DownloadSigner(AwsCredentialsProvider credentials, String region, URI bucketUrl, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.bucketUrl = bucketUrl;
        this.clock = clock;
    }

    public DocumentLinks.Download download(DocumentKey key, String fileName, String contentType) {
        Duration validity = DocumentLinks.DOWNLOAD_VALIDITY;
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET)
                .uri(URI.create(bucketUrl + "/" + key.value()))
                .putRawQueryParameter("response-content-type", contentType)
                .putRawQueryParameter("response-content-disposition", S3DocumentLinks.attachment(fileName))
                .build();
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, validity)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                // S3 signs the path as it is sent: no double encoding, no normalisation.
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        return new DocumentLinks.Download(signed.request().getUri().toString(), "GET",
                WorkingCalendar.format(clock.instant().plus(validity)));
    }
}
