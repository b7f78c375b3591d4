package vn.motcua.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import vn.motcua.aws.AwsClients;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.config.Config;
import vn.motcua.storage.CatalogueRepository;

/**
 * The local stack's command line.
 *
 * <pre>
 * java -jar local/target/motcua-local.jar [--port 3000] [--data-dir DIR] [--root DIR] [--clock ISO_TIME]
 *                                         [--transaction-conflicts SHARE]
 * java -jar local/target/motcua-local.jar token --office OFFICE_ID [--group officer] [--sub NAME] [--hours 12]
 * java -jar local/target/motcua-local.jar seed --table TABLE [--region R] [--endpoint-url URL] [--root DIR]
 * </pre>
 *
 * Without {@code --data-dir} everything is kept in memory.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = !rest.isEmpty() && !rest.get(0).startsWith("-") ? rest.remove(0) : "start";
        Map<String, String> flags = flags(rest);
        switch (command) {
            case "start" -> start(flags);
            case "token" -> token(flags);
            case "seed" -> seed(flags);
            default -> usage("unknown command: " + command);
        }
    }

    private static void start(Map<String, String> flags) throws InterruptedException {
        int port = Integer.parseInt(flags.getOrDefault("port", "3000"));
        Path root = root(flags);
        LocalStack.Options options = new LocalStack.Options(root,
                flags.containsKey("data-dir") ? Path.of(flags.get("data-dir")).toAbsolutePath() : null,
                true, port, true, false, Duration.ofSeconds(2), Duration.ZERO);
        if (flags.containsKey("clock")) {
            // e.g. --clock 2027-04-29T10:00:00+07:00: replay a day before a holiday weekend.
            options = options.withClock(java.time.OffsetDateTime.parse(flags.get("clock")).toInstant());
        }
        if (flags.containsKey("transaction-conflicts")) {
            // e.g. 0.3: that share of TransactWriteItems is cancelled with TransactionConflict, as
            // DynamoDB does under contention; for as long as the stack runs.
            TransactionConflicts.inject(Double.parseDouble(flags.get("transaction-conflicts")));
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (Moto.Unavailable e) {
            // One line that says what to install; a stack trace would only bury it.
            System.err.println("motcua: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } finally {
                stopped.countDown();
            }
        }, "local-stack-stop"));
        Backend emulators = stack.emulators();
        String firstOffice = stack.template().root().resolve("data").toFile().exists()
                ? CatalogueFiles.read(stack.template().root().resolve("data")).offices().get(0).officeId() : "hoan-kiem";
        System.out.println("motcua local stack ready on " + stack.url().orElseThrow());
        System.out.printf("  started in %d ms (emulators %d ms), %s%n", (System.nanoTime() - started) / 1_000_000,
                emulators.startupTime().toMillis(),
                emulators.dataDir().map(p -> "data in " + p).orElse("in memory"));
        System.out.println("  DynamoDB: " + emulators.dynamoDbEndpoint() + "  (moto; SES and SNS too)");
        System.out.println("  S3:       " + emulators.s3Endpoint() + "  (path-style)");
        System.out.println("  SQS:      " + emulators.sqsEndpoint());
        System.out.println("  credentials: region " + emulators.region() + ", access key "
                + emulators.clientEnvironment().get("AWS_ACCESS_KEY_ID") + ", secret "
                + emulators.clientEnvironment().get("AWS_SECRET_ACCESS_KEY"));
        System.out.println("  notifications outbox: " + stack.outboxDir().resolve("outbox.jsonl"));
        System.out.println("Development officer token (office " + firstOffice + ", group officer, 12 h):");
        System.out.println("  export MOTCUA_TOKEN=" + stack.auth().token("officer-" + firstOffice, firstOffice,
                List.of("officer"), Duration.ofHours(12)));
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
    }

    private static void token(Map<String, String> flags) {
        String office = flags.get("office");
        if (office == null) {
            usage("token needs --office OFFICE_ID");
            return;
        }
        String group = flags.getOrDefault("group", "officer");
        String subject = flags.getOrDefault("sub", group + "-" + office);
        Duration lifetime = Duration.ofHours(Long.parseLong(flags.getOrDefault("hours", "12")));
        System.out.println(LocalAuth.load(null).token(subject, office, List.of(group.split(",")), lifetime));
    }

    /** Loads data/ into a catalogue table: in AWS after `sam deploy`, with the caller's credentials. */
    private static void seed(Map<String, String> flags) {
        String table = flags.get("table");
        if (table == null) {
            usage("seed needs --table TABLE (the stack output CatalogueTableName)");
            return;
        }
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        if (flags.containsKey("region")) {
            env.put("AWS_REGION", flags.get("region"));
        }
        if (flags.containsKey("endpoint-url")) {
            env.put("AWS_ENDPOINT_URL_DYNAMODB", flags.get("endpoint-url"));
        }
        AwsClients clients = new AwsClients(new Config(env));
        var data = CatalogueFiles.read(root(flags).resolve("data"));
        new CatalogueRepository(clients.enhanced(clients.dynamoDb()), table).seed(data);
        System.out.printf("seeded %s: %d procedures, %d offices, %d holidays%n", table,
                data.procedures().size(), data.offices().size(), data.holidays().size());
    }

    private static Path root(Map<String, String> flags) {
        if (flags.containsKey("root")) {
            return Path.of(flags.get("root")).toAbsolutePath();
        }
        // The jar lives in <root>/local/target; fall back to searching from the working directory.
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (candidate != null && Files.isRegularFile(candidate.resolve("template.yaml"))) {
                return candidate;
            }
        } catch (Exception e) {
            // Not run from the jar.
        }
        return LocalStack.projectRoot();
    }

    private static Map<String, String> flags(List<String> args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                usage(null);
                System.exit(0);
            }
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                usage("unexpected argument: " + arg);
            }
            flags.put(arg.substring(2), args.get(++i));
        }
        return flags;
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println(error);
        }
        System.err.println("""
                usage: java -jar motcua-local.jar [--port 3000] [--data-dir DIR] [--root DIR] [--clock 2027-04-29T10:00:00+07:00]
                                                  [--transaction-conflicts 0.3]
                       java -jar motcua-local.jar token --office OFFICE_ID [--group officer] [--sub NAME] [--hours 12]
                       java -jar motcua-local.jar seed --table TABLE [--region R] [--endpoint-url URL] [--root DIR]""");
        if (error != null) {
            System.exit(2);
        }
    }
}
