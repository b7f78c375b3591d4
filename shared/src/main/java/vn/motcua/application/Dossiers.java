package vn.motcua.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.RequiredDocument;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;
import vn.motcua.queue.IntakeMessage;
import vn.motcua.queue.IntakeQueue;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.Guard;

/**
 * What a citizen does with a dossier: create, submit, withdraw, rate ({@link StatusQuery} looks it up). Each call costs
 * O(1) DynamoDB operations; every change is a conditional write on the version read.
 *
 * <p>A wrong access key, a missing one on a protected call and an unknown tracking code all
 * answer the same 404 ({@link TrackingCode#notFound()}).
 */
public final class Dossiers {

    private static final Log LOG = Log.of(Dossiers.class);
    private static final int WRITE_ATTEMPTS = 3;

    /** The 201 of POST /applications: the only time the access key is shown. */
    public record Created(String trackingCode, String accessKey, Status status,
                          List<RequiredDocument> requiredDocuments) {
    }

    /** The body of POST /applications/{code}/rating. */
    public record RatingRequest(Integer score, String comment) {
    }

    /** The 201 of a rating. */
    public record RatingResult(String trackingCode, int score, String comment, String at) {
    }

    private final ApplicationRepository repository;
    private final Catalogue catalogue;
    private final ApplicationForm form;
    private final IntakeQueue intake;
    private final Notifier notifier;
    private final Clock clock;
    private final IdGenerator ids;
    private final StatusQuery query;

    public Dossiers(ApplicationRepository repository, Catalogue catalogue, IntakeQueue intake, Notifier notifier,
                    Clock clock, IdGenerator ids) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.form = new ApplicationForm(catalogue);
        this.intake = intake;
        this.notifier = notifier;
        this.clock = clock;
        this.ids = ids;
        this.query = new StatusQuery(repository, catalogue, clock);
    }

    /** SnapStart priming: the catalogue the form is checked against, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
    }

    /** A new DRAFT from a checked body; 400/404/422 listing every problem, nothing written. */
    public Created create(JsonNode body) {
        return create(body, created -> null);
    }

    /**
     * {@link #create(JsonNode)}, writing {@code guard}'s item for the answer (e.g. the idempotency
     * record holding it) in the same transaction as the draft.
     */
    public Created create(JsonNode body, Function<Created, Guard> guard) {
        NewApplication checked = form.check(body);
        String accessKey = ids.secret();
        Application draft = storeUnderNewCode(repository, ids,
                code -> Application.draft(code, checked, Secrets.hash(accessKey), clock.instant()),
                a -> guard.apply(created(a, accessKey, checked)));
        LOG.info("draft created", "trackingCode", draft.trackingCode(), "procedure", checked.procedure().code(),
                "office", checked.office().officeId());
        return created(draft, accessKey, checked);
    }

    private static Created created(Application draft, String accessKey, NewApplication checked) {
        return new Created(draft.trackingCode(), accessKey, Status.DRAFT, checked.procedure().documents());
    }

    /**
     * Stores the dossier {@code make} builds under a fresh tracking code, drawing another code on
     * the (75-bit, practically impossible) collision, with {@code guard}'s item (the idempotency
     * record, or null) in the same transaction. Online drafts and counter walk-ins both come here.
     */
    static Application storeUnderNewCode(ApplicationRepository repository, IdGenerator ids,
                                                 Function<TrackingCode, Application> make,
                                                 Function<Application, Guard> guard) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Application a = make.apply(TrackingCode.generate(ids));
            if (repository.createIfAbsent(a, guard.apply(a))) {
                return a.withVersion(1);
            }
        }
        throw new IllegalStateException("Tracking code collided " + WRITE_ATTEMPTS + " times: the generator is broken");
    }

    /**
     * DRAFT → SUBMITTED (then queued for intake), or SUPPLEMENT_REQUESTED → IN_PROGRESS; 422
     * "missing-documents" while a mandatory document is not UPLOADED.
     *
     * <p>No dossier is lost: the SUBMITTED write carries the pending-intake mark, so if the
     * queue then refuses the message the citizen still gets 200 and {@link IntakeRepair}
     * queues it again.
     */
    public ApplicationView submit(String code, Optional<String> accessKey) {
        Application stored = update(code, accessKey, a -> {
            List<String> missing = a.missingDocuments(catalogue.requireProcedure(a.procedureCode()));
            if (!missing.isEmpty() && StatusMachine.target(a.status(), Action.SUBMIT).isPresent()) {
                throw ApiProblem.unprocessable("missing-documents",
                        "Upload the mandatory documents first: " + String.join(", ", missing),
                        missing.stream().map(t -> new FieldError("documents." + t, "mandatory document not uploaded")).toList());
            }
            return a.submit(clock.instant(), calendar());
        });
        if (stored.status() == Status.SUBMITTED) {
            try {
                intake.enqueue(new IntakeMessage(stored.trackingCode()));
            } catch (RuntimeException e) {
                LOG.error("intake queue refused a submitted dossier; the intake repair will queue it again", e,
                        "trackingCode", stored.trackingCode());
            }
        }
        notifyChange(stored);
        return fullView(stored);
    }

    /** The citizen withdraws the dossier (409 "invalid-transition" once decided). */
    public ApplicationView withdraw(String code, Optional<String> accessKey) {
        Application stored = update(code, accessKey, a -> a.withdraw(clock.instant(), null));
        notifyChange(stored);
        return fullView(stored);
    }

    /** Rates a decided dossier, once: 400 for a bad body, 409 "not-decided" / "already-rated". */
    public RatingResult rate(String code, Optional<String> accessKey, RatingRequest request) {
        return rate(code, accessKey, request, result -> null);
    }

    /**
     * {@link #rate(String, Optional, RatingRequest)}, writing {@code guard}'s item for the answer
     * (e.g. the idempotency record holding it) in the same transaction as the rating.
     */
    public RatingResult rate(String code, Optional<String> accessKey, RatingRequest request,
                             Function<RatingResult, Guard> guard) {
        int score = checkScore(request);
        String comment = checkComment(request.comment());
        Application stored = update(code, accessKey, a -> a.rate(score, comment, clock.instant()),
                next -> guard.apply(rated(next)));
        return rated(stored);
    }

    private static RatingResult rated(Application a) {
        return new RatingResult(a.trackingCode(), a.rating().score(), a.rating().comment(), a.rating().at());
    }

    private Application update(String code, Optional<String> accessKey, UnaryOperator<Application> change) {
        return update(code, accessKey, change, next -> null);
    }

    private Application update(String code, Optional<String> accessKey, UnaryOperator<Application> change,
                               Function<Application, Guard> guard) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Application current = StatusQuery.authorise(query.find(code), accessKey);
            Application next = change.apply(current);
            Optional<Application> stored = repository.transitionIf(current, next, guard.apply(next));
            if (stored.isPresent()) {
                return stored.get();
            }
            // Somebody else wrote in between (an officer, intake, a second tab): decide again.
        }
        throw ApiProblem.conflict("concurrent-update", "The dossier is changing right now; retry in a moment");
    }

    private ApplicationView fullView(Application a) {
        return query.fullView(a);
    }

    private WorkingCalendar calendar() {
        return new WorkingCalendar(catalogue.holidays());
    }

    private void notifyChange(Application a) {
        StatusNotifications.queue(notifier, a);
    }

    private static int checkScore(RatingRequest request) {
        if (request.score() == null) {
            throw ApiProblem.invalid("score", "is required");
        }
        if (request.score() < 1 || request.score() > 5) {
            throw ApiProblem.invalid("score", "must be from 1 to 5");
        }
        return request.score();
    }

    private static String checkComment(String comment) {
        return checkText("comment", comment);
    }

    /**
     * A free text a person writes (a rating comment, an officer's note): NFC, stripped, at most
     * {@link ApplicationForm#MAX_TEXT} characters, newlines allowed, no other control characters;
     * null when blank.
     */
    static String checkText(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String normalised = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFC);
        if (normalised.codePointCount(0, normalised.length()) > ApplicationForm.MAX_TEXT) {
            throw ApiProblem.invalid(field, "must be at most " + ApplicationForm.MAX_TEXT + " characters");
        }
        if (!ApplicationForm.printable(normalised.replace('\n', ' '))) {
            throw ApiProblem.invalid(field, "must not contain control characters");
        }
        return normalised;
    }
}
