package vn.motcua.application;

import java.time.Clock;
import java.util.Optional;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.id.Secrets;
import vn.motcua.storage.ApplicationRepository;

/**
 * GET /applications/{trackingCode}: one consistent read. Without an access key the public
 * view; with the right one the full view; with a wrong one, like an unknown or impossible
 * code, the same 404.
 */
public final class StatusQuery {

    private final ApplicationRepository repository;
    private final Catalogue catalogue;
    private final Clock clock;

    public StatusQuery(ApplicationRepository repository, Catalogue catalogue, Clock clock) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** SnapStart priming: the catalogue the view names procedures from, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
    }

    public ApplicationView view(String code, Optional<String> accessKey) {
        Application a = find(code);
        if (accessKey.isEmpty()) {
            return ApplicationView.publicView(a, catalogue.procedure(a.procedureCode()).orElse(null), clock.instant());
        }
        return fullView(authorise(a, accessKey));
    }

    ApplicationView fullView(Application a) {
        return ApplicationView.fullView(a, catalogue.procedure(a.procedureCode()).orElse(null), clock.instant());
    }

    /** The dossier behind a code a citizen typed; 404 without a database call if the code is impossible. */
    public Application find(String code) {
        return repository.find(TrackingCode.parse(code).value()).orElseThrow(TrackingCode::notFound);
    }

    /** The dossier if {@code accessKey} is its key; otherwise the same 404 as an unknown code. */
    public static Application authorise(Application a, Optional<String> accessKey) {
        if (accessKey.isEmpty() || !Secrets.matches(accessKey.get(), a.accessKeyHash())) {
            throw TrackingCode.notFound();
        }
        return a;
    }
}
