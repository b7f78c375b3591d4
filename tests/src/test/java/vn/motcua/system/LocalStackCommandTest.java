package vn.motcua.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.json.Json;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Outbox;

/**
 * The README's first command, as a user runs it: {@code java -jar local/target/motcua-local.jar},
 * here with {@code --data-dir}. Its moto is a child that goes with it; the AWS CLI lists the
 * template's tables on the endpoint it prints; a booking's SMS reaches the outbox through moto's
 * SNS; and after a stop and a start, a dossier with a verified document is still there: its
 * status, its bytes and its place in the officer's queue.
 */
class LocalStackCommandTest {

    static final Path ROOT = LocalStack.projectRoot();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final byte[] PDF = DocumentsEndToEndTest.PDF;

    /** A running {@code motcua-local.jar} and what it printed. */
    record Stack(Process process, Map<String, String> printed, List<ProcessHandle> moto) {
        URI url(String path) {
            return URI.create(printed.get("url") + path);
        }
    }

    static Stack start(Path dataDir) throws Exception {
        Process process = new ProcessBuilder("java", "-jar", ROOT.resolve("local/target/motcua-local.jar").toString(),
                "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        try {
            return started(process);
        } catch (Exception | AssertionError e) {
            // Never leave a stack (and its moto) behind a failed start.
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            throw e;
        }
    }

    static Stack started(Process process) throws Exception {
        Map<String, String> printed = new LinkedHashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (String line; (line = out.readLine()) != null && System.nanoTime() < deadline; ) {
            seen.append(line).append('\n');
            capture(printed, "url", "ready on (http://\\S+)", line);
            capture(printed, "dynamodb", "^  DynamoDB: (http://\\S+)", line);
            capture(printed, "outbox", "notifications outbox: (\\S+)", line);
            if (line.startsWith("Press Ctrl-C")) {
                break;
            }
        }
        assertThat(printed).as("what the stack printed:\n%s", seen).containsKeys("url", "dynamodb", "outbox");
        // Keep reading, so the stack never blocks on a full pipe.
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "stack-output");
        drain.setDaemon(true);
        drain.start();
        List<ProcessHandle> moto = process.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("moto")).toList();
        assertThat(moto).as("moto runs as the stack's child").hasSize(1);
        return new Stack(process, printed, moto);
    }

    static void capture(Map<String, String> printed, String name, String regex, String line) {
        Matcher m = Pattern.compile(regex).matcher(line);
        if (m.find()) {
            printed.put(name, m.group(1));
        }
    }

    /** SIGTERM, as Ctrl-C or an init system sends: the stack and its moto are gone within 10 s. */
    static void stop(Stack stack) throws Exception {
        stack.process().destroy();
        if (!stack.process().waitFor(20, TimeUnit.SECONDS)) {
            Process jstack = new ProcessBuilder("jstack", Long.toString(stack.process().pid())).redirectErrorStream(true).start();
            String threads = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            stack.process().destroyForcibly();
            throw new AssertionError("the stack did not stop within 20 s of SIGTERM:\n" + threads);
        }
        for (ProcessHandle moto : stack.moto()) {
            moto.onExit().get(10, TimeUnit.SECONDS);
            assertThat(moto.isAlive()).isFalse();
        }
    }

    @Test
    void theReadmeCommandRunsOnMotoAndItsDataDirKeepsADossierWithItsDocumentAcrossARestart(@TempDir Path dataDir)
            throws Exception {
        Stack first = start(dataDir);
        String code;
        String accessKey;
        String documentId;
        try {
            // A dossier with a mandatory document, uploaded through the presigned PUT and verified.
            String id = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
            JsonNode created = json(post(first, "/applications", "{\"procedureCode\":\"HT-001\",\"officeId\":\"hang-trong\","
                    + "\"applicant\":{\"fullName\":\"Lê Văn Cường\",\"idNumber\":\"" + id + "\",\"phone\":\"0901234567\"},"
                    + "\"fields\":{\"childFullName\":\"Lê Minh Châu\",\"childDateOfBirth\":\"2026-11-01\","
                    + "\"childGender\":\"FEMALE\"}}", Map.of()), 201);
            code = created.get("trackingCode").asText();
            accessKey = created.get("accessKey").asText();
            JsonNode announced = json(post(first, "/applications/" + code + "/documents",
                    "{\"documentType\":\"BIRTH_CERTIFICATE_MEDICAL\",\"fileName\":\"giay-chung-sinh.pdf\","
                            + "\"contentType\":\"application/pdf\",\"sizeBytes\":" + PDF.length + "}",
                    Map.of("x-access-key", accessKey)), 201);
            documentId = announced.get("documentId").asText();
            assertThat(upload(announced.get("upload"), PDF)).isEqualTo(200);
            awaitDocument(first, code, accessKey, documentId, "UPLOADED");
            json(post(first, "/applications/" + code + "/submit", "", Map.of("x-access-key", accessKey)), 200);
            awaitStatus(first, code, "RECEIVED");

            bookingSmsReachesTheOutboxThroughMotosSns(first);
        } finally {
            stop(first);
        }
        assertThat(dataDir.resolve("dynamodb/ApplicationsTable.jsonl")).exists();

        Stack second = start(dataDir);
        try {
            JsonNode view = json(send(HttpRequest.newBuilder(second.url("/applications/" + code))
                    .header("x-access-key", accessKey).GET()), 200);
            assertThat(view.get("status").asText()).isEqualTo("RECEIVED");
            assertThat(view.get("documents")).singleElement().satisfies(d -> {
                assertThat(d.get("documentId").asText()).isEqualTo(documentId);
                assertThat(d.get("status").asText()).isEqualTo("UPLOADED");
            });
            // The verified bytes, through the citizen's download link.
            JsonNode link = json(send(HttpRequest.newBuilder(second.url("/applications/" + code + "/documents/" + documentId))
                    .header("x-access-key", accessKey).GET()), 200);
            HttpResponse<byte[]> bytes = HTTP.send(HttpRequest.newBuilder(URI.create(link.get("download").get("url").asText()))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.body()).isEqualTo(PDF);
            // Still in the officer's queue, and the document still UPLOADED once the restarted
            // stack has announced the objects it found to the verification function again.
            String token = officerToken("hang-trong");
            JsonNode queue = json(send(HttpRequest.newBuilder(second.url("/officer/applications?status=RECEIVED"))
                    .header("authorization", "Bearer " + token).GET()), 200);
            List<String> codes = new ArrayList<>();
            queue.get("items").forEach(i -> codes.add(i.get("trackingCode").asText()));
            assertThat(codes).contains(code);
            Thread.sleep(1_000);
            awaitDocument(second, code, accessKey, documentId, "UPLOADED");
        } finally {
            stop(second);
        }
    }

    /** The README shows {@code aws dynamodb list-tables --endpoint-url …}; run it as a user would. */
    @Test
    void theAwsCliListsEveryTableOfTheTemplateOnThePrintedEndpoint(@TempDir Path dataDir) throws Exception {
        Stack stack = start(dataDir);
        try {
            awsCliListsEveryTableOfTheTemplate(stack);
        } finally {
            stop(stack);
        }
    }

    static void awsCliListsEveryTableOfTheTemplate(Stack stack) throws Exception {
        Process cli;
        try {
            ProcessBuilder builder = new ProcessBuilder("aws", "dynamodb", "list-tables", "--output", "json",
                    "--endpoint-url", stack.printed().get("dynamodb")).redirectErrorStream(true);
            builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_DEFAULT_REGION", "ap-southeast-1"));
            cli = builder.start();
        } catch (IOException notInstalled) {
            // The AWS CLI is not a prerequisite of the README; .ci/run installs it, so CI always runs this.
            org.junit.jupiter.api.Assumptions.abort("the AWS CLI is not installed (apt-get install -y awscli)");
            return;
        }
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(output).isZero();
        List<String> tables = new ArrayList<>();
        Json.tree(output).get("TableNames").forEach(t -> tables.add(t.asText()));
        assertThat(tables).containsExactlyInAnyOrderElementsOf(
                vn.motcua.local.Template.load(ROOT.resolve("template.yaml")).resourcesOfType("AWS::DynamoDB::Table").keySet());
    }

    /** A booking's SMS goes to SNS with the number in E.164, and moto's SNS accepts it. */
    static void bookingSmsReachesTheOutboxThroughMotosSns(Stack stack) throws Exception {
        String[] slot = openSlot(stack, "hang-trong");
        String id = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        JsonNode booked = json(post(stack, "/appointments", "{\"officeId\":\"hang-trong\",\"date\":\"" + slot[0]
                + "\",\"time\":\"" + slot[1] + "\",\"citizen\":{\"fullName\":\"Nguyễn Văn An\",\"idNumber\":\"" + id
                + "\",\"phone\":\"0912 345 678\"},\"procedureCode\":\"HT-005\"}", Map.of()), 201);
        assertThat(booked.get("status").asText()).isEqualTo("BOOKED");
        Path outbox = Path.of(stack.printed().get("outbox"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Outbox.Sent> sms = List.of();
        while (System.nanoTime() < deadline) {
            sms = Outbox.read(outbox).stream()
                    .filter(s -> s.channel().equals("SMS") && s.body().contains(booked.get("appointmentId").asText()))
                    .toList();
            if (!sms.isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(sms).as("outbox %s", Files.readString(outbox)).singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo("+84912345678"));
    }

    static String[] openSlot(Stack stack, String office) throws Exception {
        LocalDate day = LocalDate.now(WorkingCalendar.ZONE);
        for (int i = 1; i <= 30; i++) {
            String date = day.plusDays(i).toString();
            JsonNode slots = json(send(HttpRequest.newBuilder(stack.url("/offices/" + office + "/slots?date=" + date)).GET()), 200);
            for (JsonNode slot : slots.get("slots")) {
                if (slot.get("available").asInt() > 0) {
                    return new String[] {date, slot.get("time").asText()};
                }
            }
        }
        throw new AssertionError("no open slot at " + office + " in the next 30 days");
    }

    static String officerToken(String office) throws Exception {
        Process token = new ProcessBuilder("java", "-jar", ROOT.resolve("local/target/motcua-local.jar").toString(),
                "token", "--office", office).start();
        String out = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(token.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static void awaitDocument(Stack stack, String code, String key, String documentId, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = send(HttpRequest.newBuilder(stack.url("/applications/" + code + "/documents"))
                    .header("x-access-key", key).GET());
            last = list.body();
            for (JsonNode doc : Json.tree(last).get("documents")) {
                if (doc.get("documentId").asText().equals(documentId) && doc.get("status").asText().equals(status)) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("document " + documentId + " never " + status + ": " + last);
    }

    static void awaitStatus(Stack stack, String code, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String last = "";
        while (System.nanoTime() < deadline) {
            last = send(HttpRequest.newBuilder(stack.url("/applications/" + code)).GET()).body();
            if (Json.tree(last).path("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(code + " never " + status + ": " + last);
    }

    static int upload(JsonNode upload, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length")) {
                request.header(h.getKey(), h.getValue().asText());
            }
        });
        return send(request).statusCode();
    }

    static HttpResponse<String> post(Stack stack, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.url(path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** Sends the request; the stack's answers (not S3's) must be what openapi.yaml documents. */
    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (built.uri().getPath().startsWith("/motcua-")) {
            return response; // a presigned S3 URL (path-style: /<bucket>/<key>)
        }
        if (!built.uri().getPath().equals("/openapi.yaml")) {
            Contract.check(built.method(), built.uri().getRawPath(), response);
        }
        return response;
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Json.tree(response.body());
    }
}
