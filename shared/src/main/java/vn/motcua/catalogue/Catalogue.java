package vn.motcua.catalogue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.motcua.log.Log;
import vn.motcua.problem.ApiProblem;

/**
 * The procedure catalogue, offices and public holidays, cached per container.
 *
 * <p>The catalogue is small (a city has about 1,800 procedures, a few KB each) and read-mostly,
 * so a container loads all of it with a few Query calls and serves searches from memory for
 * {@code ttl}; a change to the catalogue is visible everywhere within that time. No request
 * path scans a table.
 */
public final class Catalogue {

    private static final Log LOG = Log.of(Catalogue.class);

    private final Supplier<CatalogueData> loader;
    private final Clock clock;
    private final Duration ttl;
    private volatile Snapshot snapshot;

    public Catalogue(Supplier<CatalogueData> loader, Clock clock, Duration ttl) {
        this.loader = loader;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * SnapStart priming: loads the catalogue now, before the snapshot, so its Query, mapping and
     * search-index code is loaded and initialised in the snapshot rather than on a citizen's first
     * request. Reads only. Best effort: where the table cannot be read (no network) it logs and
     * answers false. The cache expires on the wall clock, so a container restored more than
     * {@code ttl} after the snapshot reloads on its first request, as any container would.
     */
    public boolean prime() {
        try {
            current();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("catalogue not primed", "error", e.getClass().getSimpleName());
            return false;
        }
    }

    public Optional<Procedure> procedure(String code) {
        return Optional.ofNullable(current().procedures.get(code));
    }

    public Procedure requireProcedure(String code) {
        return procedure(code).orElseThrow(() -> ApiProblem.notFound("No procedure " + code));
    }

    public Optional<Office> office(String officeId) {
        return Optional.ofNullable(current().offices.get(officeId));
    }

    public Office requireOffice(String officeId) {
        return office(officeId).orElseThrow(() -> ApiProblem.notFound("No office " + officeId));
    }

    public List<Office> offices() {
        return List.copyOf(current().offices.values());
    }

    public Set<LocalDate> holidays() {
        return current().holidays;
    }

    /**
     * Procedures matching every word of {@code query} (with or without diacritics) and the
     * filters, ordered by code, {@code limit} at a time. The token is the last code returned,
     * so pages stay consistent while the catalogue changes underneath.
     */
    public Page<Procedure> search(ProcedureQuery query) {
        Snapshot snap = current();
        String after = query.nextToken() == null ? null : decodeToken(query.nextToken());
        List<String> words = List.of(TextFold.fold(query.text()).split(" ")).stream()
                .filter(w -> !w.isEmpty()).toList();
        List<Procedure> items = new ArrayList<>(query.limit());
        String lastCode = null;
        boolean more = false;
        for (Procedure p : snap.procedures.values()) {
            if (after != null && p.code().compareTo(after) <= 0) {
                continue;
            }
            if (query.category() != null && !query.category().equals(p.category())) {
                continue;
            }
            if (query.level() != null && query.level() != p.level()) {
                continue;
            }
            String haystack = snap.searchText.get(p.code());
            if (!words.stream().allMatch(haystack::contains)) {
                continue;
            }
            if (items.size() == query.limit()) {
                more = true;
                break;
            }
            items.add(p);
            lastCode = p.code();
        }
        return new Page<>(items, more ? encodeToken(lastCode) : null);
    }

    private Snapshot current() {
        Snapshot snap = snapshot;
        Instant now = clock.instant();
        if (snap == null || now.isAfter(snap.loadedAt.plus(ttl))) {
            synchronized (this) {
                snap = snapshot;
                if (snap == null || now.isAfter(snap.loadedAt.plus(ttl))) {
                    snap = new Snapshot(loader.get(), now);
                    snapshot = snap;
                }
            }
        }
        return snap;
    }

    private static String encodeToken(String code) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(code.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String code = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!code.matches("[A-Za-z0-9.-]{1,32}")) {
                throw new IllegalArgumentException();
            }
            return code;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("nextToken", "is not a token this API gave out");
        }
    }

    private static final class Snapshot {
        final Map<String, Procedure> procedures;
        final Map<String, String> searchText;
        final Map<String, Office> offices;
        final Set<LocalDate> holidays;
        final Instant loadedAt;

        Snapshot(CatalogueData data, Instant loadedAt) {
            this.loadedAt = loadedAt;
            this.procedures = new LinkedHashMap<>();
            data.procedures().stream().sorted(Comparator.comparing(Procedure::code))
                    .forEach(p -> procedures.put(p.code(), p));
            this.searchText = procedures.values().stream().collect(Collectors.toMap(Procedure::code,
                    p -> " " + TextFold.fold(p.code() + " " + p.name().vi() + " " + p.name().en()
                            + " " + p.category()) + " "));
            this.offices = new LinkedHashMap<>();
            data.offices().stream().sorted(Comparator.comparing(Office::officeId))
                    .forEach(o -> offices.put(o.officeId(), o));
            this.holidays = Set.copyOf(data.holidays().stream().map(Holiday::localDate)
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }
}
