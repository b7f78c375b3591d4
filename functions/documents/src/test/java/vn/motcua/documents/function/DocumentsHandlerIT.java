package vn.motcua.documents.function;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.documents.function.Fixture.*;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import vn.motcua.application.Application;
import vn.motcua.application.DocumentStatus;
import vn.motcua.application.Status;
import vn.motcua.document.DocumentLinks;
import vn.motcua.document.Documents;
import vn.motcua.document.Verification;
import vn.motcua.problem.ApiProblem;

/** The documents function in-process against the embedded stack: real table, real bucket, real signatures. */
class DocumentsHandlerIT {

    static final DocumentsHandler HANDLER = new DocumentsHandler(CONFIG);
    static final String MEDICAL = "BIRTH_CERTIFICATE_MEDICAL";

    static APIGatewayV2HTTPResponse announce(Dossier d, String body, Map<String, String> headers) {
        String path = "/applications/" + d.trackingCode() + "/documents";
        return HANDLER.handleEvent(request("POST", path, "POST /applications/{trackingCode}/documents",
                Map.of("trackingCode", d.trackingCode()), headers, body), null);
    }

    static APIGatewayV2HTTPResponse announce(Dossier d, String body) {
        return announce(d, body, Map.of("x-access-key", d.accessKey()));
    }

    static String body(String type, String fileName, String contentType, long size) {
        return "{\"documentType\":\"" + type + "\",\"fileName\":" + vn.motcua.json.Json.write(fileName)
                + ",\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size + "}";
    }

    static APIGatewayV2HTTPResponse list(Dossier d, String accessKey) {
        String path = "/applications/" + d.trackingCode() + "/documents";
        return HANDLER.handleEvent(request("GET", path, "GET /applications/{trackingCode}/documents",
                Map.of("trackingCode", d.trackingCode()), accessKey == null ? Map.of() : Map.of("x-access-key", accessKey),
                null), null);
    }

    static APIGatewayV2HTTPResponse download(Dossier d, String documentId, String accessKey) {
        String path = "/applications/" + d.trackingCode() + "/documents/" + documentId;
        return HANDLER.handleEvent(request("GET", path, "GET /applications/{trackingCode}/documents/{documentId}",
                Map.of("trackingCode", d.trackingCode(), "documentId", documentId),
                accessKey == null ? Map.of() : Map.of("x-access-key", accessKey), null), null);
    }

    static DocumentLinks.Upload upload(JsonNode announced) {
        JsonNode u = announced.get("upload");
        Map<String, String> headers = new java.util.TreeMap<>();
        u.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new DocumentLinks.Upload(u.get("url").asText(), u.get("method").asText(), headers, u.get("expiresAt").asText());
    }

    @Test
    void announcingAnswers201WithAPresignedPutForAKeyTheServerChose() {
        Dossier d = draft("HT-001");
        APIGatewayV2HTTPResponse response = announce(d, body(MEDICAL, "giấy chứng sinh.pdf", "application/pdf", PDF.length));

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode json = tree(response.getBody());
        String documentId = json.get("documentId").asText();
        assertThat(documentId).matches("[0-9a-f]{32}");
        assertThat(response.getHeaders()).containsEntry("location",
                "/applications/" + d.trackingCode() + "/documents/" + documentId);
        DocumentLinks.Upload upload = upload(json);
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(URI.create(upload.url()).getPath()).endsWith("/" + key(d, documentId));
        assertThat(upload.url()).contains("X-Amz-Expires=900").contains("X-Amz-Signature=");
        assertThat(upload.headers()).containsEntry("Content-Type", "application/pdf")
                .containsEntry("Content-Length", String.valueOf(PDF.length))
                .containsEntry("x-amz-tagging", "state=pending");
        assertThat(Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(upload.expiresAt())))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));

        assertThat(document(d, documentId).status()).isEqualTo(DocumentStatus.PENDING_UPLOAD);
        assertThat(document(d, documentId).fileName()).isEqualTo("giấy chứng sinh.pdf");
    }

    @Test
    void theStorageTakesExactlyTheSignedUploadFromJavaHttpAndFromTheSdkAndRefusesAnyOther() throws Exception {
        Dossier d = draft("HT-001");
        JsonNode announced = tree(announce(d, body(MEDICAL, "a.pdf", "application/pdf", PDF.length)).getBody());
        DocumentLinks.Upload upload = upload(announced);
        String key = key(d, announced.get("documentId").asText());

        byte[] longer = java.util.Arrays.copyOf(PDF, PDF.length + 1);
        assertThat(put(upload, longer)).as("another Content-Length than signed").isEqualTo(403);
        assertThat(put(upload, PDF, Map.of("Content-Type", "image/png"))).as("another Content-Type").isEqualTo(403);
        assertThat(put(upload, PDF, Map.of("x-amz-tagging", "state=verified"))).as("another tag").isEqualTo(403);
        assertThat(exists(key)).isFalse();

        assertThat(put(upload, PDF)).isEqualTo(200);
        assertThat(exists(key)).isTrue();

        // The same URL and headers through the SDK's own HTTP client.
        SdkHttpFullRequest.Builder sdkRequest = SdkHttpFullRequest.builder().uri(URI.create(upload.url()))
                .method(SdkHttpMethod.PUT);
        upload.headers().forEach(sdkRequest::putHeader);
        try (var client = UrlConnectionHttpClient.create()) {
            var executed = client.prepareRequest(HttpExecuteRequest.builder().request(sdkRequest.build())
                    .contentStreamProvider(() -> new ByteArrayInputStream(PDF)).build()).call();
            executed.responseBody().ifPresent(AbortableInputStream::abort);
            assertThat(executed.httpResponse().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pathTricksAndControlCharactersInTheFileNameReachNeitherTheKeyNorTheStoredName() {
        Dossier d = draft("HT-001");
        for (String name : new String[] {"../../etc/passwd", "..\\..\\boot.ini", "evil\r\nX-Header: 1\u0000\u202Egpj.pdf"}) {
            JsonNode announced = tree(announce(d, body(MEDICAL, name, "application/pdf", PDF.length)).getBody());
            String documentId = announced.get("documentId").asText();
            assertThat(URI.create(announced.at("/upload/url").asText()).getPath()).endsWith("/" + key(d, documentId));
            assertThat(put(upload(announced), PDF)).isEqualTo(200);
            assertThat(exists(key(d, documentId))).isTrue();
            String stored = document(d, documentId).fileName();
            assertThat(stored).doesNotContain("/", "\\", "\r", "\n", "\u0000", "\u202E", "..");
        }
        assertThat(stored(d).documents()).extracting(x -> x.fileName())
                .containsExactly("passwd", "boot.ini", "evilX-Header: 1gpj.pdf");
        assertThat(STACK.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("applications/" + d.trackingCode())).contents())
                .allSatisfy(o -> assertThat(o.key()).matches("applications/" + d.trackingCode() + "/[0-9a-f]{32}"));
    }

    @Test
    void everyRefusalAnswersItsProblemAndWritesNothing() {
        Dossier d = draft("HT-001");
        Application before = stored(d);
        Map<String, String> key = Map.of("x-access-key", d.accessKey());
        record Case(String why, APIGatewayV2HTTPResponse response, int status, String type) {
        }
        var cases = java.util.List.of(
                new Case("20 MiB", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 20L * 1024 * 1024)), 413, "document-too-large"),
                new Case("exe", announce(d, body(MEDICAL, "a.exe", "application/x-msdownload", 100)), 415, "unsupported-document-type"),
                new Case("png for a pdf-only document", announce(d, body("AUTHORIZATION_LETTER", "a.png", "image/png", 100)), 415, "unsupported-document-type"),
                new Case("unknown type", announce(d, body("PASSPORT", "a.pdf", "application/pdf", 100)), 400, "unknown-document-type"),
                new Case("zero bytes", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 0)), 400, "validation"),
                new Case("missing fields", announce(d, "{\"documentType\":\"" + MEDICAL + "\"}"), 400, "validation"),
                new Case("unknown field", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 10).replace("}", ",\"key\":\"x\"}")), 400, "validation"),
                new Case("size as a string", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 10).replace(":10}", ":\"10\"}")), 400, "validation"),
                new Case("size beyond a long", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 10).replace(":10}", ":1e400}")), 400, "validation"),
                new Case("malformed JSON", announce(d, "{\"documentType\":"), 400, "malformed-json"),
                new Case("form body", announce(d, "documentType=x", Map.of("x-access-key", d.accessKey(), "content-type", "application/x-www-form-urlencoded")), 415, "unsupported-media-type"),
                new Case("no access key", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 10), Map.of()), 404, "not-found"),
                new Case("wrong access key", announce(d, body(MEDICAL, "a.pdf", "application/pdf", 10), Map.of("x-access-key", "nope")), 404, "not-found"),
                new Case("unknown dossier", announce(new Dossier("HN-0000-0000-0000-0000", d.accessKey()), body(MEDICAL, "a.pdf", "application/pdf", 10)), 404, "not-found"));
        for (Case c : cases) {
            assertThat(c.response().getStatusCode()).as(c.why()).isEqualTo(c.status());
            assertThat(c.response().getHeaders().get("content-type")).as(c.why()).isEqualTo("application/problem+json");
            assertThat(tree(c.response().getBody()).get("type").asText()).as(c.why()).isEqualTo(ApiProblem.TYPE_BASE + c.type());
        }
        Application after = stored(d);
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.documents()).isEmpty();
        assertThat(STACK.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("applications/" + d.trackingCode())).contents()).isEmpty();
        assertThat(key).isNotEmpty();
    }

    @Test
    void aSubmittedDossierTakesNoMoreDocuments() {
        Dossier d = draft("HT-005");
        DOSSIERS.submit(d.trackingCode(), Optional.of(d.accessKey()));
        Application before = stored(d);
        APIGatewayV2HTTPResponse response = announce(d, body("AUTHORIZATION_LETTER", "a.pdf", "application/pdf", 10));
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(tree(response.getBody()).get("type").asText()).endsWith("/documents-closed");
        assertThat(stored(d).version()).isEqualTo(before.version());
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheSameDocumentAndAnotherBodyIs422() {
        Dossier d = draft("HT-001");
        Map<String, String> headers = Map.of("x-access-key", d.accessKey(), "idempotency-key", UUID.randomUUID().toString());
        String body = body(MEDICAL, "a.pdf", "application/pdf", PDF.length);
        APIGatewayV2HTTPResponse first = announce(d, body, headers);
        APIGatewayV2HTTPResponse retry = announce(d, body, headers);
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(stored(d).documents()).hasSize(1);

        APIGatewayV2HTTPResponse other = announce(d, body(MEDICAL, "b.pdf", "application/pdf", PDF.length), headers);
        assertThat(other.getStatusCode()).isEqualTo(422);
        assertThat(tree(other.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(stored(d).documents()).hasSize(1);
    }

    @Test
    void aRetryAfterTheDossierWasSubmittedStillReplaysTheAnnouncementAndAnotherBodyIsStill422() {
        Dossier d = draft("HT-005");
        Map<String, String> headers = Map.of("x-access-key", d.accessKey(), "idempotency-key", UUID.randomUUID().toString());
        String body = body("AUTHORIZATION_LETTER", "a.pdf", "application/pdf", 10);
        APIGatewayV2HTTPResponse first = announce(d, body, headers);
        assertThat(first.getStatusCode()).isEqualTo(201);
        DOSSIERS.submit(d.trackingCode(), Optional.of(d.accessKey()));

        // The dossier now refuses documents (409), but this request already succeeded: it replays.
        APIGatewayV2HTTPResponse retry = announce(d, body, headers);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders()).containsEntry("idempotent-replayed", "true");
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        APIGatewayV2HTTPResponse other = announce(d, body("AUTHORIZATION_LETTER", "b.pdf", "application/pdf", 10), headers);
        assertThat(other.getStatusCode()).isEqualTo(422);
        assertThat(tree(other.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(stored(d).documents()).hasSize(1);
    }

    @Test
    void aRefusedAnnouncementWritesNothingToEitherTable() {
        Dossier open = draft("HT-005");
        Dossier submitted = draft("HT-005");
        DOSSIERS.submit(submitted.trackingCode(), Optional.of(submitted.accessKey()));
        long openVersion = stored(open).version();
        long submittedVersion = stored(submitted).version();
        long records = STACK.itemCount("IdempotencyTable");
        String body = body("AUTHORIZATION_LETTER", "a.pdf", "application/pdf", 10);
        Map<Dossier, Map<String, String>> refused = Map.of(
                open, Map.of("x-access-key", "wrong", "idempotency-key", UUID.randomUUID().toString()),
                new Dossier("HN-7K3F-9QXA-M2P5-R8TK", "q3v0nN6y8mKq2xS1dE4rTw"),
                Map.of("x-access-key", "q3v0nN6y8mKq2xS1dE4rTw", "idempotency-key", UUID.randomUUID().toString()),
                submitted, Map.of("x-access-key", submitted.accessKey(), "idempotency-key", UUID.randomUUID().toString()));
        refused.forEach((d, headers) -> assertThat(announce(d, body, headers).getStatusCode()).isIn(404, 409));
        assertThat(stored(open).version()).isEqualTo(openVersion);
        assertThat(stored(submitted).version()).isEqualTo(submittedVersion);
        assertThat(STACK.itemCount("IdempotencyTable")).isEqualTo(records);
    }

    @Test
    void listingShowsEveryDocumentWithItsStatusAndWhatSubmitStillNeeds() {
        Dossier d = draft("HT-001");
        JsonNode empty = tree(list(d, d.accessKey()).getBody());
        assertThat(empty.get("documents")).isEmpty();
        assertThat(empty.get("missingDocuments")).extracting(JsonNode::asText).containsExactly(MEDICAL);

        Documents.Announced announced = Fixture.announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        JsonNode pending = tree(list(d, d.accessKey()).getBody());
        assertThat(pending.at("/documents/0/status").asText()).isEqualTo("PENDING_UPLOAD");
        assertThat(pending.at("/documents/0/documentId").asText()).isEqualTo(announced.documentId());

        assertThat(list(d, null).getStatusCode()).isEqualTo(404);
        assertThat(list(d, "wrong").getStatusCode()).isEqualTo(404);
    }

    @Test
    void theOwnerDownloadsAConfirmedDocumentThroughAFiveMinuteLink() {
        Dossier d = draft("HT-001");
        Documents.Announced announced = Fixture.announce(d, MEDICAL, "Giấy chứng sinh.pdf", "application/pdf", PDF.length);
        String id = announced.documentId();
        assertThat(download(d, id, d.accessKey()).getStatusCode()).as("not uploaded yet").isEqualTo(409);
        assertThat(tree(download(d, id, d.accessKey()).getBody()).get("type").asText()).endsWith("/document-not-uploaded");

        assertThat(put(announced.upload(), PDF)).isEqualTo(200);
        assertThat(VERIFICATION.verify(BUCKET, key(d, id))).isEqualTo(Verification.Outcome.UPLOADED);

        APIGatewayV2HTTPResponse response = download(d, id, d.accessKey());
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode json = tree(response.getBody());
        assertThat(json.get("fileName").asText()).isEqualTo("Giấy chứng sinh.pdf");
        assertThat(json.at("/download/url").asText()).contains("X-Amz-Expires=300");
        var fetched = get(json.at("/download/url").asText());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(PDF);

        assertThat(download(d, id, "wrong").getStatusCode()).isEqualTo(404);
        assertThat(download(d, id, null).getStatusCode()).isEqualTo(404);
        assertThat(download(d, "0".repeat(32), d.accessKey()).getStatusCode()).isEqualTo(404);
    }

    @Test
    void replacingADocumentSupersedesTheOldOneAndDeletesItsObject() {
        Dossier d = draft("HT-001");
        Documents.Announced first = Fixture.announce(d, MEDICAL, "old.pdf", "application/pdf", PDF.length);
        put(first.upload(), PDF);
        VERIFICATION.verify(BUCKET, key(d, first.documentId()));
        assertThat(document(d, first.documentId()).status()).isEqualTo(DocumentStatus.UPLOADED);

        Documents.Announced second = Fixture.announce(d, MEDICAL, "new.pdf", "application/pdf", PDF.length);
        assertThat(document(d, first.documentId()).status()).isEqualTo(DocumentStatus.SUPERSEDED);
        assertThat(exists(key(d, first.documentId()))).isFalse();
        assertThat(stored(d).missingDocuments(procedureHt001())).containsExactly(MEDICAL);

        put(second.upload(), PDF);
        VERIFICATION.verify(BUCKET, key(d, second.documentId()));
        assertThat(stored(d).missingDocuments(procedureHt001())).isEmpty();
        // A late upload through the old URL lands on a superseded document: the check deletes it.
        put(first.upload(), PDF);
        assertThat(VERIFICATION.verify(BUCKET, key(d, first.documentId()))).isEqualTo(Verification.Outcome.DISCARDED);
        assertThat(exists(key(d, first.documentId()))).isFalse();
        assertThat(document(d, first.documentId()).status()).isEqualTo(DocumentStatus.SUPERSEDED);
    }

    @Test
    void submitIsRefusedUntilTheMandatoryDocumentIsReallyUploaded() {
        Dossier d = draft("HT-001");
        try {
            DOSSIERS.submit(d.trackingCode(), Optional.of(d.accessKey()));
            throw new AssertionError("submitted without documents");
        } catch (ApiProblem p) {
            assertThat(p.status()).isEqualTo(422);
            assertThat(p.type()).isEqualTo("missing-documents");
            assertThat(p.errors()).extracting(e -> e.field()).containsExactly("documents." + MEDICAL);
        }
        Documents.Announced announced = Fixture.announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length);
        put(announced.upload(), PDF);
        try {
            DOSSIERS.submit(d.trackingCode(), Optional.of(d.accessKey()));
            throw new AssertionError("submitted before the upload was checked");
        } catch (ApiProblem p) {
            assertThat(p.type()).isEqualTo("missing-documents");
        }
        VERIFICATION.verify(BUCKET, key(d, announced.documentId()));
        assertThat(DOSSIERS.submit(d.trackingCode(), Optional.of(d.accessKey())).status()).isEqualTo(Status.SUBMITTED);
    }

    static vn.motcua.catalogue.Procedure procedureHt001() {
        return vn.motcua.catalogue.CatalogueFiles.read(LOCAL_ROOT.resolve("data")).procedures().stream()
                .filter(p -> p.code().equals("HT-001")).findFirst().orElseThrow();
    }

    static final java.nio.file.Path LOCAL_ROOT = vn.motcua.local.LocalStack.projectRoot();
}
