package vn.motcua.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.local.LocalStack;
import vn.motcua.local.Template;

/**
 * A bounded load run against a running local stack (127.0.0.1 only): catalogue reads, status
 * queries and bookings at a fixed concurrency for a fixed time. Route families the template
 * does not (yet) declare are skipped. Exits 1 on any 5xx or transport error.
 *
 * <pre>
 * java -jar local/target/motcua-local.jar --port 3000 &amp;
 * java -cp bench/target/motcua-bench.jar vn.motcua.bench.Load --url http://127.0.0.1:3000 --concurrency 32 --seconds 30
 * </pre>
 */
public final class Load {

    /** One kind of request, its share of the mix and how to make the next one. */
    private record Family(String name, String routeKey, int weight, RequestMaker maker) {
    }

    private interface RequestMaker {
        HttpRequest.Builder next(URI base, ThreadLocalRandom random);
    }

    /** Per family: latencies (ns) and answers by status class. */
    private static final class Tally {
        final List<long[]> chunks = new ArrayList<>();
        long[] current = new long[4096];
        int n;
        final AtomicLong[] classes = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(),
                new AtomicLong(), new AtomicLong()}; // 0 = transport error, 1..5 = 1xx..5xx

        synchronized void add(long nanos, int status) {
            if (n == current.length) {
                chunks.add(current);
                current = new long[4096];
                n = 0;
            }
            current[n++] = nanos;
            classes[status <= 0 ? 0 : Math.min(5, status / 100)].incrementAndGet();
        }

        synchronized long[] sorted() {
            long[] all = Stream.concat(chunks.stream().flatMapToLong(Arrays::stream).boxed(),
                    Arrays.stream(current, 0, n).boxed()).mapToLong(Long::longValue).toArray();
            Arrays.sort(all);
            return all;
        }
    }

    private Load() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        URI base = URI.create(flags.getOrDefault("--url", "http://127.0.0.1:3000"));
        if (!Set.of("127.0.0.1", "localhost").contains(base.getHost())) {
            System.err.println("Load only targets a local stack on 127.0.0.1, not " + base.getHost());
            System.exit(2);
        }
        int concurrency = Integer.parseInt(flags.getOrDefault("--concurrency", "32"));
        int seconds = Math.min(600, Integer.parseInt(flags.getOrDefault("--seconds", "30")));
        Path root = flags.containsKey("--root") ? Path.of(flags.get("--root")) : LocalStack.projectRoot();

        List<Family> families = families(root);
        int totalWeight = families.stream().mapToInt(Family::weight).sum();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        families.forEach(f -> tallies.put(f.name(), new Tally()));
        System.out.printf("load: %s, concurrency %d, %d s; mix: %s%n", base, concurrency, seconds,
                families.stream().map(f -> f.name() + " " + f.weight()).collect(Collectors.joining(", ")));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    Family family = pick(families, totalWeight, random);
                    HttpRequest request = family.maker().next(base, random).timeout(Duration.ofSeconds(10)).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        return;
                    }
                    tallies.get(family.name()).add(System.nanoTime() - t0, status);
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;

        StringBuilder out = new StringBuilder();
        out.append("| Family | Route | Requests | p50 ms | p99 ms | 2xx | 3xx | 4xx | 5xx | errors |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        long total = 0;
        long fives = 0;
        long errors = 0;
        List<long[]> everything = new ArrayList<>();
        for (Family f : families) {
            Tally t = tallies.get(f.name());
            long[] s = t.sorted();
            everything.add(s);
            total += s.length;
            fives += t.classes[5].get();
            errors += t.classes[0].get();
            out.append(String.format(java.util.Locale.ROOT, "| %s | `%s` | %d | %.2f | %.2f | %d | %d | %d | %d | %d |%n",
                    f.name(), f.routeKey(), s.length, pct(s, 50), pct(s, 99), t.classes[2].get(), t.classes[3].get(),
                    t.classes[4].get(), t.classes[5].get(), t.classes[0].get()));
        }
        long[] all = everything.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        out.append(String.format(java.util.Locale.ROOT,
                "%nTotal %d requests in %.1f s = %.0f req/s at concurrency %d; p50 %.2f ms, p99 %.2f ms; 5xx: %d, transport errors: %d.%n",
                total, elapsed, total / elapsed, concurrency, pct(all, 50), pct(all, 99), fives, errors));
        System.out.println(out);
        Path dir = Files.createDirectories(root.resolve("bench/results"));
        Files.writeString(dir.resolve("load-latest.md"), "## Load run, " + java.time.OffsetDateTime.now().withNano(0)
                + ", load average " + Files.readString(Path.of("/proc/loadavg")).trim() + "\n\n" + out);
        System.exit(fives == 0 && errors == 0 ? 0 : 1);
    }

    /** The mix, restricted to the routes template.yaml declares. */
    private static List<Family> families(Path root) throws IOException {
        Template template = Template.load(root.resolve("template.yaml"));
        Set<String> routes = template.functions().stream().flatMap(fn -> fn.events("HttpApi").stream())
                .map(Template.Event::routeKey).collect(Collectors.toSet());
        CatalogueData data = CatalogueFiles.read(root.resolve("data"));
        List<String> codes = data.procedures().stream().map(p -> p.code()).toList();
        List<String> words = List.of("khai sinh", "kết hôn", "dat dai", "cư trú", "hộ chiếu", "giấy phép", "chứng thực", "");
        List<Family> families = new ArrayList<>();
        add(families, routes, new Family("search", "GET /procedures", 30, (base, r) ->
                get(base, "/procedures?q=" + URLEncoder.encode(words.get(r.nextInt(words.size())), StandardCharsets.UTF_8))));
        add(families, routes, new Family("procedure", "GET /procedures/{code}", 25, (base, r) ->
                get(base, "/procedures/" + codes.get(r.nextInt(codes.size())))));
        add(families, routes, new Family("offices", "GET /offices", 10, (base, r) -> get(base, "/offices")));
        List<String> officeIds = data.offices().stream().map(o -> o.officeId()).toList();
        add(families, routes, new Family("office", "GET /offices/{officeId}", 5, (base, r) ->
                get(base, "/offices/" + officeIds.get(r.nextInt(officeIds.size())))));
        // Unknown tracking codes: 404 is the expected answer, not an error.
        add(families, routes, new Family("status", "GET /applications/{trackingCode}", 20, (base, r) ->
                get(base, "/applications/HS-LOAD-" + Integer.toString(r.nextInt(1_000_000), 36).toUpperCase())));
        JsonNode booking = sample(root, "POST /appointments");
        if (booking != null) {
            ObjectMapper json = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode body =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(booking.path("body").asText());
            List<String[]> places = places(data, body.path("officeId").asText());
            System.out.printf("  booking: %d places (slot starts x days in %s's window), a new citizen each time%n",
                    places.size(), body.path("officeId").asText());
            add(families, routes, new Family("booking", "POST /appointments", 10, (base, r) -> {
                // The sample's body at a random place of the window for a random citizen: the same
                // body every time would only measure one citizen's "already-booked-that-day" 409.
                com.fasterxml.jackson.databind.node.ObjectNode one = body.deepCopy();
                if (!places.isEmpty()) {
                    String[] place = places.get(r.nextInt(places.size()));
                    one.put("date", place[0]).put("time", place[1]);
                }
                ((com.fasterxml.jackson.databind.node.ObjectNode) one.path("citizen"))
                        .put("idNumber", String.format("%012d", r.nextLong(1_000_000_000_000L)));
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/appointments"))
                        .POST(HttpRequest.BodyPublishers.ofString(one.toString())).header("content-type", "application/json");
                // A fresh key per request: a replayed key would only measure the idempotency cache.
                b.header("idempotency-key", UUID.randomUUID().toString());
                return b;
            }));
        } else if (routes.contains("POST /appointments")) {
            System.out.println("  skipping booking: no events/*.json sample for POST /appointments to take a body from");
        } else {
            System.out.println("  skipping booking: template.yaml has no POST /appointments");
        }
        routes.stream().filter(r -> families.stream().noneMatch(f -> f.routeKey().equals(r))).sorted()
                .forEach(r -> System.out.println("  not in the mix: " + r));
        return families;
    }

    /** Every bookable (date, time) of the office from today on, by the system clock (the stack's without --clock). */
    private static List<String[]> places(CatalogueData data, String officeId) {
        var office = data.offices().stream().filter(o -> o.officeId().equals(officeId)).findFirst();
        if (office.isEmpty()) {
            return List.of();
        }
        Set<java.time.LocalDate> holidays = data.holidays().stream().map(h -> java.time.LocalDate.parse(h.date()))
                .collect(Collectors.toSet());
        var calendar = new vn.motcua.appointment.SlotCalendar(java.time.Clock.systemUTC());
        java.time.LocalDate today = calendar.now().toLocalDate();
        List<String[]> places = new ArrayList<>();
        for (int d = 1; d <= office.get().bookingWindowDays(); d++) {
            java.time.LocalDate date = today.plusDays(d);
            for (java.time.LocalTime t : calendar.slots(office.get(), date, holidays)) {
                places.add(new String[] {date.toString(), vn.motcua.appointment.SlotCalendar.format(t)});
            }
        }
        return places;
    }

    private static Family pick(List<Family> families, int totalWeight, ThreadLocalRandom random) {
        int x = random.nextInt(totalWeight);
        for (Family f : families) {
            x -= f.weight();
            if (x < 0) {
                return f;
            }
        }
        return families.get(families.size() - 1);
    }

    private static void add(List<Family> families, Set<String> routes, Family family) {
        if (routes.contains(family.routeKey())) {
            families.add(family);
        } else {
            System.out.println("  skipping " + family.name() + ": template.yaml has no " + family.routeKey());
        }
    }

    private static HttpRequest.Builder get(URI base, String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().header("accept", "application/json");
    }

    /** The first sample event in events/ for a route key, or null. */
    private static JsonNode sample(Path root, String routeKey) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(root.resolve("events"))) {
            for (Iterator<Path> it = files.sorted().iterator(); it.hasNext(); ) {
                Path p = it.next();
                if (p.toString().endsWith(".json")) {
                    JsonNode node = json.readTree(p.toFile());
                    if (routeKey.equals(node.path("routeKey").asText())) {
                        return node;
                    }
                }
            }
        }
        return null;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
