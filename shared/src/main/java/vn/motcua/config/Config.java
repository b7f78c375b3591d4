package vn.motcua.config;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed configuration, read from environment variables.
 *
 * <p>In Lambda the map is {@code System.getenv()}, filled by template.yaml (table names come
 * from {@code !Ref}, never literals in code). The local stack and the tests build one per
 * function from the same template, so a handler never reads the process environment itself.
 */
public final class Config {

    public static final String DEFAULT_REGION = "ap-southeast-1";

    private final Map<String, String> env;

    public Config(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Config fromEnvironment() {
        return new Config(System.getenv());
    }

    /** This environment with {@code overrides} on top (tests: the same function, another endpoint). */
    public Config with(Map<String, String> overrides) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(overrides);
        return new Config(merged);
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A setting the function cannot work without; missing means the template is wrong. */
    public String require(String name) {
        return optional(name).orElseThrow(
                () -> new IllegalStateException("Environment variable " + name + " is not set"));
    }

    public String region() {
        return optional("AWS_REGION").or(() -> optional("AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION);
    }

    /**
     * The SDK's standard endpoint override: {@code AWS_ENDPOINT_URL_<SERVICE>} first, then
     * {@code AWS_ENDPOINT_URL}. Empty in AWS, set by the local stack and the tests.
     */
    public Optional<URI> endpoint(String service) {
        String key = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
        return optional(key).or(() -> optional("AWS_ENDPOINT_URL")).map(URI::create);
    }

    public Optional<String> accessKeyId() {
        return optional("AWS_ACCESS_KEY_ID");
    }

    public Optional<String> secretAccessKey() {
        return optional("AWS_SECRET_ACCESS_KEY");
    }

    public Optional<String> sessionToken() {
        return optional("AWS_SESSION_TOKEN");
    }

    /**
     * The one clock every handler uses. {@code MOTCUA_CLOCK_OFFSET_SECONDS} shifts it: only the
     * local stack's {@code --clock} option sets it (to replay a Friday before a holiday, say);
     * template.yaml never does, and the contract test checks that.
     */
    public Clock clock() {
        return optional("MOTCUA_CLOCK_OFFSET_SECONDS")
                .map(seconds -> Clock.offset(Clock.systemUTC(), Duration.ofSeconds(Long.parseLong(seconds))))
                .orElseGet(Clock::systemUTC);
    }

    public String functionName() {
        return optional("AWS_LAMBDA_FUNCTION_NAME").orElse("local");
    }

    public String catalogueTable() {
        return require("CATALOGUE_TABLE");
    }

    public String appointmentsTable() {
        return require("APPOINTMENTS_TABLE");
    }

    /** How long a container trusts its in-memory copy of the catalogue. */
    public Duration catalogueTtl() {
        return Duration.ofSeconds(Long.parseLong(optional("CATALOGUE_TTL_SECONDS").orElse("300")));
    }

    // --- dossiers (issue 4) ---

    public String applicationsTable() {
        return require("APPLICATIONS_TABLE");
    }

    /** Idempotency records of every creating POST, and the notifications' send-once marks. */
    public String idempotencyTable() {
        return require("IDEMPOTENCY_TABLE");
    }

    public String intakeQueueUrl() {
        return require("INTAKE_QUEUE_URL");
    }

    public String notificationsQueueUrl() {
        return require("NOTIFICATIONS_QUEUE_URL");
    }

    /** The SES-verified sender of notification emails. */
    public String notificationEmailFrom() {
        return require("NOTIFICATION_EMAIL_FROM");
    }

    /** How long a submitted dossier may wait for intake before the repair queues it again. */
    public Duration intakeRepairAfter() {
        return Duration.ofMinutes(Long.parseLong(optional("INTAKE_REPAIR_AFTER_MINUTES").orElse("2")));
    }

    // --- documents (issue 5) ---

    /** The private bucket citizens upload dossier documents to (through presigned URLs only). */
    public String documentsBucket() {
        return require("DOCUMENTS_BUCKET");
    }

    // --- officers, sweeper and KPIs (issue 7) ---

    /** Monthly KPI counters per office (and ALL), updated in the transactions they count. */
    public String statsTable() {
        return require("STATS_TABLE");
    }

    public Map<String, String> asMap() {
        return env;
    }
}
