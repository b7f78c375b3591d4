package vn.motcua.verification.function;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.documents.function.Fixture.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import vn.motcua.application.Application;
import vn.motcua.application.ApplicationDocument;
import vn.motcua.application.DocumentStatus;
import vn.motcua.document.Documents;

/** The upload check in-process against the embedded stack, fed S3 ObjectCreated events as S3 shapes them. */
class VerificationHandlerIT {

    static final VerificationHandler HANDLER = new VerificationHandler(STACK.configFor("VerificationFunction"));
    static final String MEDICAL = "BIRTH_CERTIFICATE_MEDICAL";
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};

    static void event(String key) {
        HANDLER.handleEvent(objectCreated(BUCKET, key), null);
    }

    @Test
    void aRealPdfBecomesUploadedAndDuplicateEventsChangeNothing() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        assertThat(put(announced.upload(), PDF)).isEqualTo(200);
        String key = key(d, announced.documentId());

        event(key);
        ApplicationDocument confirmed = document(d, announced.documentId());
        assertThat(confirmed.status()).isEqualTo(DocumentStatus.UPLOADED);
        assertThat(confirmed.reason()).isNull();
        assertThat(confirmed.etag()).isNotBlank();
        long version = stored(d).version();

        event(key);
        event(key);
        assertThat(stored(d).version()).as("a duplicate event writes nothing").isEqualTo(version);
        assertThat(exists(key)).isTrue();
    }

    @Test
    void aJpegDeclaredAsJpegIsUploaded() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "photo.jpg", "image/jpeg", JPEG.length);
        put(announced.upload(), JPEG);
        event(key(d, announced.documentId()));
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.UPLOADED);
    }

    @Test
    void aPngDeclaredAsPdfIsRejectedWithAReasonAndItsObjectIsGone() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "scan.pdf", "application/pdf", PNG.length);
        assertThat(put(announced.upload(), PNG)).as("the storage cannot see what the bytes are").isEqualTo(200);
        String key = key(d, announced.documentId());

        event(key);
        ApplicationDocument rejected = document(d, announced.documentId());
        assertThat(rejected.status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(rejected.reason()).contains("application/pdf").contains("image/png");
        assertThat(exists(key)).isFalse();

        long version = stored(d).version();
        event(key);
        assertThat(stored(d).version()).as("the duplicate finds the object gone").isEqualTo(version);
        assertThat(stored(d).missingDocuments(procedure())).containsExactly(MEDICAL);
    }

    @Test
    void anObjectOfAnotherSizeThanDeclaredIsRejected() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        String key = key(d, announced.documentId());
        // Bypassing the presigned URL (which would refuse it): only an admin can do this.
        byte[] shorter = Arrays.copyOf(PDF, PDF.length - 3);
        STACK.s3().putObject(b -> b.bucket(BUCKET).key(key).contentType("application/pdf"), RequestBody.fromBytes(shorter));

        event(key);
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(document(d, announced.documentId()).reason()).startsWith("size");
        assertThat(exists(key)).isFalse();
    }

    @Test
    void anOverwriteOfAConfirmedDocumentIsCheckedAgain() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        put(announced.upload(), PDF);
        String key = key(d, announced.documentId());
        event(key);
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.UPLOADED);

        // The same URL is valid for 15 minutes: same size, other bytes.
        byte[] disguised = Arrays.copyOf(PNG, PDF.length);
        assertThat(put(announced.upload(), disguised)).isEqualTo(200);
        event(key);
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(exists(key)).isFalse();
    }

    @Test
    void eventsThatCanNeverSucceedAreIgnoredWithoutAnExceptionAndWriteNothing() throws Exception {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        Application before = stored(d);
        String unknownDocument = key(d, "0".repeat(32));
        STACK.s3().putObject(b -> b.bucket(BUCKET).key(unknownDocument), RequestBody.fromBytes(PDF));

        event("not/our/layout.pdf");
        event("applications/" + d.trackingCode() + "/../../etc/passwd");
        event("applications/HN-0000-0000-0000-0000/" + announced.documentId());
        event(unknownDocument);
        event(key(d, announced.documentId()));  // announced, but nothing uploaded yet
        HANDLER.handleEvent(objectCreated(BUCKET, "%E0%A4%A"), null);  // not even URL-decodable
        HANDLER.handleEvent(new com.amazonaws.services.lambda.runtime.events.S3Event(java.util.List.of()), null);
        for (String odd : java.util.List.of("{}", "{\"Records\":[]}", "{\"Records\":[{\"eventName\":\"ObjectRemoved:Delete\"}]}")) {
            // Through Lambda's entry point, as bytes.
            HANDLER.handleRequest(new java.io.ByteArrayInputStream(odd.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    java.io.OutputStream.nullOutputStream(), null);
        }

        Application after = stored(d);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.PENDING_UPLOAD);
    }

    @Test
    void anObjectReappearingUnderARejectedDocumentIsDeletedAndTheDocumentStaysRejected() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = announce(d, MEDICAL, "a.pdf", "application/pdf", PNG.length);
        put(announced.upload(), PNG);
        String key = key(d, announced.documentId());
        event(key);
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.REJECTED);
        long version = stored(d).version();

        // Within the URL's 15 minutes the client uploads again; the document is closed.
        byte[] pdfOfThatSize = Arrays.copyOf(PDF, PNG.length);
        put(announced.upload(), pdfOfThatSize);
        event(key);
        assertThat(exists(key)).isFalse();
        assertThat(document(d, announced.documentId()).status()).isEqualTo(DocumentStatus.REJECTED);
        assertThat(stored(d).version()).isEqualTo(version);
    }

    static vn.motcua.catalogue.Procedure procedure() {
        return vn.motcua.catalogue.CatalogueFiles.read(vn.motcua.local.LocalStack.projectRoot().resolve("data"))
                .procedures().stream().filter(p -> p.code().equals("HT-001")).findFirst().orElseThrow();
    }
}
