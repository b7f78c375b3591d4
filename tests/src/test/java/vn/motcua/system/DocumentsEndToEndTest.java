package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import vn.motcua.json.Json;

/**
 * Documents end to end over HTTP against the local stack: the functions run from their jars, the
 * upload goes to S3Proxy through the presigned URL, and the stack's S3 event source hands the new
 * object to the verification function, as S3 would.
 */
class DocumentsEndToEndTest {

    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final String MEDICAL = "BIRTH_CERTIFICATE_MEDICAL";

    record Dossier(String code, String accessKey) {
    }

    static Dossier createBirthRegistration() throws Exception {
        String id = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        String body = "{\"procedureCode\":\"HT-001\",\"officeId\":\"hang-trong\",\"applicant\":{\"fullName\":\"Lê Văn Cường\","
                + "\"idNumber\":\"" + id + "\",\"phone\":\"0901234567\"},\"fields\":{\"childFullName\":\"Lê Minh Châu\","
                + "\"childDateOfBirth\":\"2026-11-01\",\"childGender\":\"FEMALE\"}}";
        HttpResponse<String> created = post("/applications", body, Map.of());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode json = Json.tree(created.body());
        return new Dossier(json.get("trackingCode").asText(), json.get("accessKey").asText());
    }

    static HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(SystemStack.url(path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return SystemStack.send(request);
    }

    static HttpResponse<String> announce(Dossier d, String type, String fileName, String contentType, long size) {
        return post("/applications/" + d.code() + "/documents", "{\"documentType\":\"" + type + "\",\"fileName\":"
                + Json.write(fileName) + ",\"contentType\":\"" + contentType + "\",\"sizeBytes\":" + size + "}",
                Map.of("x-access-key", d.accessKey()));
    }

    /** The PUT a browser or curl sends: the signed headers as given, the body's own Content-Length. */
    static int put(JsonNode upload, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                request.header(h.getKey(), h.getValue().asText());
            }
        });
        return SystemStack.send(request).statusCode();
    }

    static JsonNode documentWhenChecked(Dossier d, String documentId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            HttpResponse<String> list = SystemStack.send(HttpRequest.newBuilder(
                    SystemStack.url("/applications/" + d.code() + "/documents")).header("x-access-key", d.accessKey()).GET());
            for (JsonNode doc : Json.tree(list.body()).get("documents")) {
                if (doc.get("documentId").asText().equals(documentId) && !doc.get("status").asText().equals("PENDING_UPLOAD")) {
                    return doc;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("document " + documentId + " still PENDING_UPLOAD: " + list.body());
            }
            Thread.sleep(100);
        }
    }

    static boolean stored(Dossier d, String documentId) {
        String bucket = SystemStack.get().bucketName("DocumentsBucket");
        String key = "applications/" + d.code() + "/" + documentId;
        return SystemStack.get().s3().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    @Test
    void aRealPdfBecomesUploadedWithinSecondsAndTheDossierCanThenBeSubmitted() throws Exception {
        Dossier d = createBirthRegistration();
        HttpResponse<String> refused = post("/applications/" + d.code() + "/submit", "", Map.of("x-access-key", d.accessKey()));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Json.tree(refused.body()).get("type").asText()).endsWith("/missing-documents");

        HttpResponse<String> announced = announce(d, MEDICAL, "giấy chứng sinh.pdf", "application/pdf", PDF.length);
        assertThat(announced.statusCode()).isEqualTo(201);
        JsonNode json = Json.tree(announced.body());
        assertThat(put(json.get("upload"), PDF)).isEqualTo(200);

        long start = System.nanoTime();
        JsonNode checked = documentWhenChecked(d, json.get("documentId").asText());
        assertThat(checked.get("status").asText()).isEqualTo("UPLOADED");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        HttpResponse<String> submitted = post("/applications/" + d.code() + "/submit", "", Map.of("x-access-key", d.accessKey()));
        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(Json.tree(submitted.body()).get("status").asText()).isEqualTo("SUBMITTED");

        // The citizen's link and the officer's link both fetch the very bytes uploaded.
        String documentId = json.get("documentId").asText();
        HttpResponse<String> citizenLink = SystemStack.send(java.net.http.HttpRequest.newBuilder(
                SystemStack.url("/applications/" + d.code() + "/documents/" + documentId))
                .header("x-access-key", d.accessKey()).GET());
        assertThat(citizenLink.statusCode()).as(citizenLink.body()).isEqualTo(200);
        assertThat(fetch(Json.tree(citizenLink.body()).get("download").get("url").asText())).isEqualTo(PDF);

        String token = SystemStack.get().auth().token("officer-docs", "hang-trong", java.util.List.of("officer"),
                Duration.ofMinutes(10));
        HttpResponse<String> officerView = SystemStack.send(java.net.http.HttpRequest.newBuilder(
                SystemStack.url("/officer/applications/" + d.code())).header("authorization", "Bearer " + token).GET());
        assertThat(officerView.statusCode()).as(officerView.body()).isEqualTo(200);
        JsonNode officerDocument = null;
        for (JsonNode doc : Json.tree(officerView.body()).get("documents")) {
            if (doc.get("documentId").asText().equals(documentId)) {
                officerDocument = doc;
            }
        }
        assertThat(officerDocument).isNotNull();
        assertThat(fetch(officerDocument.get("download").get("url").asText())).isEqualTo(PDF);
        // Taken in before the next test: its intake would otherwise count in another test's stats.
        DossierEndToEndTest.awaitStatus(d.code(), "RECEIVED", Duration.ofSeconds(20));
    }

    static byte[] fetch(String url) throws Exception {
        HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    @Test
    void aPngDeclaredAsPdfBecomesRejectedAndItsObjectIsGone() throws Exception {
        Dossier d = createBirthRegistration();
        JsonNode json = Json.tree(announce(d, MEDICAL, "scan.pdf", "application/pdf", PNG.length).body());
        String documentId = json.get("documentId").asText();
        assertThat(put(json.get("upload"), PNG)).isEqualTo(200);

        JsonNode checked = documentWhenChecked(d, documentId);
        assertThat(checked.get("status").asText()).isEqualTo("REJECTED");
        assertThat(checked.get("reason").asText()).contains("image/png");
        // Verification writes REJECTED first, then deletes the object (docs/documents.md): the
        // object must be gone within a few seconds of the status, not necessarily before it is read.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stored(d, documentId) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stored(d, documentId)).as("rejected object deleted within 5 s").isFalse();
    }

    @Test
    void oversizedAndExecutableDeclarationsAreRefusedAndAnotherLengthIsRefusedByTheStorage() throws Exception {
        Dossier d = createBirthRegistration();
        HttpResponse<String> tooLarge = announce(d, MEDICAL, "big.pdf", "application/pdf", 20L * 1024 * 1024);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Json.tree(tooLarge.body()).get("type").asText()).endsWith("/document-too-large");
        HttpResponse<String> exe = announce(d, MEDICAL, "setup.exe", "application/x-msdownload", 1000);
        assertThat(exe.statusCode()).isEqualTo(415);
        assertThat(exe.headers().firstValue("content-type")).contains("application/problem+json");

        JsonNode json = Json.tree(announce(d, MEDICAL, "a.pdf", "application/pdf", PDF.length).body());
        assertThat(put(json.get("upload"), Arrays.copyOf(PDF, PDF.length + 100))).isEqualTo(403);
        assertThat(stored(d, json.get("documentId").asText())).isFalse();
    }

    @Test
    void aPathInTheFileNameChangesNothingInTheKey() throws Exception {
        Dossier d = createBirthRegistration();
        JsonNode json = Json.tree(announce(d, MEDICAL, "../../etc/passwd\u0000\r\n", "application/pdf", PDF.length).body());
        String documentId = json.get("documentId").asText();
        assertThat(URI.create(json.at("/upload/url").asText()).getPath())
                .endsWith("/applications/" + d.code() + "/" + documentId);
        assertThat(put(json.get("upload"), PDF)).isEqualTo(200);
        JsonNode checked = documentWhenChecked(d, documentId);
        assertThat(checked.get("fileName").asText()).isEqualTo("passwd");
        assertThat(checked.get("status").asText()).isEqualTo("UPLOADED");
    }
}
