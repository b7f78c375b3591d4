package vn.motcua.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmulatorsTest {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Emulators.ACCESS_KEY_ID, Emulators.SECRET_ACCESS_KEY));
    private static final Region REGION = Region.of(Emulators.REGION);

    private static Emulators emulators;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEmulators() {
        emulators = Emulators.start(null);
        System.out.println("Emulators (in memory) started in " + emulators.startupTime().toMillis() + " ms: " + emulators);
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators != null) {
            long t0 = System.nanoTime();
            emulators.close();
            System.out.println("Emulators closed in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    @Test
    void endpointsAndIdentity() {
        assertThat(emulators.region()).isEqualTo("ap-southeast-1");
        assertThat(emulators.accessKeyId()).isEqualTo("test");
        assertThat(emulators.secretAccessKey()).isEqualTo("test");
        for (URI uri : List.of(emulators.dynamoDbEndpoint(), emulators.s3Endpoint(), emulators.sqsEndpoint())) {
            assertThat(uri.getScheme()).isEqualTo("http");
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isPositive();
        }
        assertThat(emulators.clientEnvironment())
                .containsEntry("AWS_ENDPOINT_URL_S3", emulators.s3Endpoint().toString())
                .containsEntry("AWS_REGION", "ap-southeast-1");
    }

    @Test
    void dynamoDbCreateTablePutGet() {
        try (DynamoDbClient ddb = dynamo(emulators)) {
            createTable(ddb, "Applications");
            ddb.putItem(r -> r.tableName("Applications").item(Map.of(
                    "pk", AttributeValue.fromS("APP#HN-0001"),
                    "status", AttributeValue.fromS("SUBMITTED"),
                    "name", AttributeValue.fromS("Nguyễn Văn A"))));
            Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("Applications")
                    .key(Map.of("pk", AttributeValue.fromS("APP#HN-0001"))).consistentRead(true)).item();
            assertThat(item).containsEntry("status", AttributeValue.fromS("SUBMITTED"))
                    .containsEntry("name", AttributeValue.fromS("Nguyễn Văn A"));
        }
    }

    @Test
    void s3PresignedPutIsVerified() throws Exception {
        String bucket = "documents";
        byte[] body = "%PDF-1.4 fake".getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = s3(emulators); S3Presigner presigner = presigner(emulators)) {
            s3.createBucket(r -> r.bucket(bucket));

            // Plain SDK round trip (V4 header auth, the SDK's default flexible checksums).
            s3.putObject(r -> r.bucket(bucket).key("sdk.txt").contentType("text/plain"), RequestBody.fromString("xin chào"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("sdk.txt")).asUtf8String()).isEqualTo("xin chào");

            PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                    .signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key("app/1/id-card.pdf")
                            .contentType("application/pdf").contentLength((long) body.length).build()));
            assertThat(presigned.signedHeaders()).containsKeys("host", "content-type", "content-length");
            assertThat(presigned.url().getPort()).isEqualTo(emulators.s3Endpoint().getPort());
            assertThat(presigned.url().getPath()).startsWith("/" + bucket + "/"); // path-style
            URI url = presigned.url().toURI();

            // Wrong Content-Type than signed -> refused.
            HttpResponse<String> wrongType = put(url, "image/png", body);
            assertThat(wrongType.statusCode()).as("PUT with another Content-Type: %s", wrongType.body()).isEqualTo(403);
            assertThat(wrongType.body()).contains("SignatureDoesNotMatch");

            // Missing Content-Type (signed but not sent) -> refused.
            HttpResponse<String> noType = put(url, null, body);
            assertThat(noType.statusCode()).as("PUT without Content-Type: %s", noType.body()).isEqualTo(403);

            // Another body length (HttpClient sends the real Content-Length) -> refused.
            byte[] longer = "%PDF-1.4 fake, but longer than signed".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> wrongLength = put(url, "application/pdf", longer);
            assertThat(wrongLength.statusCode()).as("PUT with another Content-Length: %s", wrongLength.body()).isEqualTo(403);
            assertThat(wrongLength.body()).contains("SignatureDoesNotMatch");

            // Tampered signature -> refused.
            URI tampered = URI.create(url.toString().replaceAll("X-Amz-Signature=[0-9a-f]", "X-Amz-Signature=z"));
            assertThat(put(tampered, "application/pdf", body).statusCode()).isEqualTo(403);

            assertThatThrownBy(() -> s3.headObject(r -> r.bucket(bucket).key("app/1/id-card.pdf")))
                    .isInstanceOf(NoSuchKeyException.class);

            // Exactly as signed -> accepted.
            HttpResponse<String> ok = put(url, "application/pdf", body);
            assertThat(ok.statusCode()).as("presigned PUT: %s", ok.body()).isEqualTo(200);

            ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(r -> r.bucket(bucket).key("app/1/id-card.pdf"));
            assertThat(stored.asByteArray()).isEqualTo(body);
            assertThat(stored.response().contentType()).isEqualTo("application/pdf");
            assertThat(stored.response().contentLength()).isEqualTo(body.length);

            // Unsigned requests are refused too (authentication is on).
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
                    URI.create(emulators.s3Endpoint() + "/" + bucket + "/sdk.txt")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void s3CorsPreflightIsAllowed() throws Exception {
        try (S3Client s3 = s3(emulators)) {
            s3.createBucket(r -> r.bucket("cors-bucket"));
        }
        HttpRequest preflight = HttpRequest.newBuilder(URI.create(emulators.s3Endpoint() + "/cors-bucket/x.pdf"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type")
                .build();
        HttpResponse<String> response = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void sqsQueueWithRedrivePolicy() {
        try (SqsClient sqs = sqs(emulators)) {
            String dlqUrl = sqs.createQueue(r -> r.queueName("intake-dlq")).queueUrl();
            assertThat(URI.create(dlqUrl).getPort()).as(dlqUrl).isEqualTo(emulators.sqsEndpoint().getPort());
            assertThat(URI.create(dlqUrl).getHost()).isEqualTo("127.0.0.1");
            String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertThat(dlqArn).isEqualTo("arn:aws:sqs:ap-southeast-1:000000000000:intake-dlq");

            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}";
            String queueUrl = sqs.createQueue(r -> r.queueName("intake")
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes().get(QueueAttributeName.REDRIVE_POLICY)).contains(dlqArn);

            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("{\"trackingCode\":\"HN-0001\"}"));
            // Received twice without being deleted (visibility 0), the third receive moves it to the DLQ.
            for (int i = 0; i < 2; i++) {
                List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(0)
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                assertThat(got).extracting(Message::body).containsExactly("{\"trackingCode\":\"HN-0001\"}");
            }
            assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).visibilityTimeout(0).waitTimeSeconds(1)).messages())
                    .isEmpty();
            List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)).messages();
            assertThat(dead).extracting(Message::body).containsExactly("{\"trackingCode\":\"HN-0001\"}");
            sqs.deleteMessage(r -> r.queueUrl(dlqUrl).receiptHandle(dead.get(0).receiptHandle()));
        }
    }

    @Test
    void everyEmulatorListensOnLoopbackOnly() throws Exception {
        List<URI> endpoints = List.of(emulators.dynamoDbEndpoint(), emulators.s3Endpoint(), emulators.sqsEndpoint());
        assertThat(emulators.clientEnvironment()).containsEntry("AWS_ENDPOINT_URL_SES", emulators.dynamoDbEndpoint().toString())
                .containsEntry("AWS_ENDPOINT_URL_SNS", emulators.dynamoDbEndpoint().toString());
        for (URI endpoint : endpoints) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 2000);
            }
        }
        // 1. The kernel's listening sockets for those ports are bound to 127.0.0.1, not to a wildcard.
        List<String> listeners = linuxListeners();
        if (!listeners.isEmpty()) {
            for (URI endpoint : endpoints) {
                String port = String.format(Locale.ROOT, ":%04X", endpoint.getPort());
                List<String> mine = listeners.stream().filter(l -> l.endsWith(port)).toList();
                assertThat(mine).as("listening sockets for %s", endpoint).isNotEmpty()
                        .allSatisfy(l -> assertThat(l).isIn(
                                "0100007F" + port, "0000000000000000FFFF00000100007F" + port));
            }
        }
        // 2. Connecting through a non-loopback address of this machine fails.
        List<InetAddress> external = nonLoopbackAddresses();
        for (InetAddress address : external) {
            for (URI endpoint : endpoints) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(address, endpoint.getPort()), 1000))
                            .as("%s reachable through %s", endpoint, address)
                            .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class, SocketException.class);
                }
            }
        }
        System.out.println("Loopback-only check: " + listeners.size() + " listening sockets inspected, "
                + external + " non-loopback addresses probed");
    }

    @Test
    void dataDirPersistsDynamoDbAndS3AcrossRestarts(@TempDir Path dir) throws IOException {
        Map<String, AttributeValue> office = Map.of(
                "pk", AttributeValue.fromS("OFFICE#HK"), "name", AttributeValue.fromS("Hoàn Kiếm"),
                "counters", AttributeValue.fromN("4"), "open", AttributeValue.fromBool(true),
                "days", AttributeValue.fromSs(List.of("MONDAY", "SATURDAY")),
                "hours", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("open", AttributeValue.fromS("08:00"))))),
                "seal", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})),
                "note", AttributeValue.fromNul(true));
        try (Emulators first = Emulators.start(dir)) {
            first.dataLoaded(); // what the stack says once it has loaded the (here empty) snapshot
            System.out.println("Emulators (data dir) started in " + first.startupTime().toMillis() + " ms");
            try (DynamoDbClient ddb = dynamo(first); S3Client s3 = s3(first)) {
                createTable(ddb, "Offices");
                ddb.putItem(r -> r.tableName("Offices").item(office));
                s3.createBucket(r -> r.bucket("results"));
                s3.putObject(r -> r.bucket("results").key("a/b.txt").contentType("text/plain"),
                        RequestBody.fromString("kết quả"));
            }
        }
        assertThat(dir.resolve("dynamodb/Offices.jsonl")).exists();
        String saved = Files.readString(dir.resolve("dynamodb/Offices.jsonl"));
        // A start that fails before the stack has loaded the snapshot must not write over it.
        try (Emulators failed = Emulators.start(dir)) {
            assertThat(failed.dataDir()).contains(dir.toAbsolutePath());
        }
        assertThat(dir.resolve("dynamodb/Offices.jsonl")).hasContent(saved);
        try (Emulators second = Emulators.start(dir)) {
            System.out.println("Emulators (data dir, restart) started in " + second.startupTime().toMillis() + " ms");
            try (DynamoDbClient ddb = dynamo(second); S3Client s3 = s3(second)) {
                // The stack creates the tables from template.yaml, then loads what was saved into them.
                createTable(ddb, "Offices");
                assertThat(TableSnapshot.load(ddb, dir.resolve("dynamodb"), java.util.Set.of("Offices")).items()).isEqualTo(1);
                Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName("Offices")
                        .key(Map.of("pk", AttributeValue.fromS("OFFICE#HK")))).item();
                assertThat(item).isEqualTo(office);
                assertThat(s3.getObjectAsBytes(r -> r.bucket("results").key("a/b.txt")).asUtf8String())
                        .isEqualTo("kết quả");
            }
        }
    }

    @Test
    void motoServesThroughCtrlCAndSigtermAndIsGoneOnceTheEmulatorsStop() throws Exception {
        Emulators own = Emulators.start(null);
        ProcessHandle moto = ProcessHandle.of(own.motoPid()).orElseThrow();
        assertThat(moto.parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
        // A terminal's Ctrl-C (SIGINT) and an init system's stop (SIGTERM) reach every process of
        // the group; moto must still answer while the stack writes its snapshot.
        for (String signal : List.of("-INT", "-TERM")) {
            assertThat(new ProcessBuilder("kill", signal, Long.toString(moto.pid())).start().waitFor()).isZero();
        }
        Thread.sleep(300);
        assertThat(moto.isAlive()).isTrue();
        try (DynamoDbClient ddb = dynamo(own)) {
            assertThat(ddb.listTables().tableNames()).isNotNull();
        }
        own.close();
        moto.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(moto.isAlive()).isFalse();
    }

    @Test
    void motoServesOneRequestAtATimeSoRacingTransactionsNeverInterleave() throws Exception {
        // moto's own threaded server runs requests side by side, and its TransactWriteItems takes
        // no lock: it deep-copies each table it touches (to roll back) while other requests write
        // to it, and answers 500 or restores a stale copy. The launcher serves one request at a
        // time, as DynamoDB isolates transactions. 8 places, 32 racers, no SDK retries to hide a 500.
        try (DynamoDbClient ddb = DynamoDbClient.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .endpointOverride(emulators.dynamoDbEndpoint()).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry()))
                .build()) {
            createTable(ddb, "Race");
            for (int batch = 0; batch < 40; batch++) {
                List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> puts = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    String pk = "OTHER#" + batch + "#" + i;
                    puts.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(pk)))).build());
                }
                ddb.batchWriteItem(r -> r.requestItems(Map.of("Race", puts)));
            }
            ddb.putItem(r -> r.tableName("Race").item(Map.of("pk", AttributeValue.fromS("SLOT"), "n", AttributeValue.fromN("0"))));
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(32);
            List<java.util.concurrent.Future<String>> racers = new ArrayList<>();
            java.util.concurrent.CyclicBarrier go = new java.util.concurrent.CyclicBarrier(32);
            for (int i = 0; i < 32; i++) {
                String booking = "BOOKING#" + i;
                racers.add(pool.submit(() -> {
                    go.await();
                    try {
                        ddb.transactWriteItems(t -> t.transactItems(
                                w -> w.update(u -> u.tableName("Race").key(Map.of("pk", AttributeValue.fromS("SLOT")))
                                        .updateExpression("SET n = n + :one").conditionExpression("n < :cap")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                                                ":cap", AttributeValue.fromN("8")))),
                                w -> w.put(p -> p.tableName("Race").item(Map.of("pk", AttributeValue.fromS(booking))))));
                        return "booked";
                    } catch (software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException full) {
                        return "full";
                    } catch (software.amazon.awssdk.core.exception.SdkException e) {
                        return "error " + e.getMessage();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (var racer : racers) {
                outcomes.add(racer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(outcomes).filteredOn(o -> o.startsWith("error")).isEmpty();
            assertThat(outcomes).filteredOn("booked"::equals).hasSize(8);
            assertThat(ddb.getItem(r -> r.tableName("Race").key(Map.of("pk", AttributeValue.fromS("SLOT"))))
                    .item().get("n").n()).isEqualTo("8");
            assertThat(ddb.describeTable(r -> r.tableName("Race")).table().itemCount()).isEqualTo(1_009);
        }
    }

    @Test
    void aCancelledTransactionLeavesEveryItemItNamedAsItWas() {
        // The launcher backs a transaction up item by item (moto copies whole tables); a
        // cancellation must still undo every write the transaction made before its failing item.
        try (DynamoDbClient ddb = dynamo(emulators)) {
            ddb.createTable(r -> r.tableName("Rollback")
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            Map<String, AttributeValue> kept = Map.of("pk", AttributeValue.fromS("P"), "sk", AttributeValue.fromS("kept"),
                    "n", AttributeValue.fromN("1"));
            ddb.putItem(r -> r.tableName("Rollback").item(kept));
            Map<String, AttributeValue> counter = Map.of("pk", AttributeValue.fromS("P"), "sk", AttributeValue.fromS("counter"),
                    "n", AttributeValue.fromN("5"));
            ddb.putItem(r -> r.tableName("Rollback").item(counter));
            assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(
                    // Overwrites an item, adds one to another, creates a new one in a new partition…
                    w -> w.put(p -> p.tableName("Rollback").item(Map.of("pk", AttributeValue.fromS("P"),
                            "sk", AttributeValue.fromS("kept"), "n", AttributeValue.fromN("2")))),
                    w -> w.update(u -> u.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                                    "sk", AttributeValue.fromS("counter")))
                            .updateExpression("SET n = n + :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                    w -> w.put(p -> p.tableName("Rollback").item(Map.of("pk", AttributeValue.fromS("NEW"),
                            "sk", AttributeValue.fromS("x")))),
                    // …and is cancelled by its last condition.
                    w -> w.conditionCheck(c -> c.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                            "sk", AttributeValue.fromS("absent"))).conditionExpression("attribute_exists(pk)")))))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class);
            assertThat(ddb.getItem(r -> r.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                    "sk", AttributeValue.fromS("kept")))).item()).isEqualTo(kept);
            assertThat(ddb.getItem(r -> r.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                    "sk", AttributeValue.fromS("counter")))).item()).isEqualTo(counter);
            assertThat(ddb.query(r -> r.tableName("Rollback").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NEW")))).items()).isEmpty();
            assertThat(ddb.describeTable(r -> r.tableName("Rollback")).table().itemCount()).isEqualTo(2);

            // A delete is put back too.
            assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(
                    w -> w.delete(d -> d.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                            "sk", AttributeValue.fromS("kept")))),
                    w -> w.conditionCheck(c -> c.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                            "sk", AttributeValue.fromS("absent"))).conditionExpression("attribute_exists(pk)")))))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class);
            assertThat(ddb.getItem(r -> r.tableName("Rollback").key(Map.of("pk", AttributeValue.fromS("P"),
                    "sk", AttributeValue.fromS("kept")))).item()).isEqualTo(kept);

            // Refused as invalid half-way (one item twice): what the first item wrote is undone.
            Map<String, AttributeValue> twice = Map.of("pk", AttributeValue.fromS("TWICE"), "sk", AttributeValue.fromS("x"));
            assertThatThrownBy(() -> ddb.transactWriteItems(t -> t.transactItems(
                    w -> w.put(p -> p.tableName("Rollback").item(twice)),
                    w -> w.conditionCheck(c -> c.tableName("Rollback").key(twice).conditionExpression("attribute_exists(pk)")))))
                    .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class);
            assertThat(ddb.getItem(r -> r.tableName("Rollback").key(twice)).item()).isEmpty();
            assertThat(ddb.describeTable(r -> r.tableName("Rollback")).table().itemCount()).isEqualTo(2);
        }
    }

    @Test
    void withoutMotoTheStartFailsWithOneLineSayingWhatToInstall(@TempDir Path dir) throws IOException {
        // A python3 without its site-packages has no moto, as on a machine that never installed it.
        Path bare = dir.resolve("python-without-moto");
        Files.writeString(bare, "#!/bin/sh\nexec python3 -S -I \"$@\"\n");
        bare.toFile().setExecutable(true);
        assertThatThrownBy(() -> Moto.start(bare.toString(), dir.resolve("outbox.jsonl")))
                .isInstanceOf(Moto.Unavailable.class)
                .hasMessageContaining("moto is not installed")
                .hasMessageContaining("pip install 'moto[server]==5.2.1'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Moto.start(dir.resolve("no-such-python").toString(), dir.resolve("outbox.jsonl")))
                .isInstanceOf(Moto.Unavailable.class)
                .hasMessageContaining("install python3");
    }

    // ------------------------------------------------------------------ helpers

    private static void createTable(DynamoDbClient ddb, String name) {
        ddb.createTable(r -> r.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        ddb.waiter().waitUntilTableExists(r -> r.tableName(name));
    }

    private static HttpResponse<String> put(URI url, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        // A connection of its own each time: S3Proxy closes one after refusing a body whose length
        // was not the signed one, and a pooled client could send the next PUT into that socket.
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DynamoDbClient dynamo(Emulators e) {
        return DynamoDbClient.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .endpointOverride(e.dynamoDbEndpoint()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static S3Client s3(Emulators e) {
        return S3Client.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .endpointOverride(e.s3Endpoint()).forcePathStyle(true)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static S3Presigner presigner(Emulators e) {
        return S3Presigner.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .endpointOverride(e.s3Endpoint())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    private static SqsClient sqs(Emulators e) {
        return SqsClient.builder().region(REGION).credentialsProvider(CREDENTIALS)
                .endpointOverride(e.sqsEndpoint()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** "ADDRESS:PORT" (hex, as in /proc/net/tcp*) of every LISTEN socket; empty when not on Linux. */
    private static List<String> linuxListeners() throws IOException {
        List<String> result = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A")) { // 0A = TCP_LISTEN
                    result.add(f[1].toUpperCase(Locale.ROOT));
                }
            }
        }
        return result;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> result = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    result.add(a);
                }
            }
        }
        return result;
    }
}
