package vn.motcua.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.RequiredDocument;
import vn.motcua.id.IdGenerator;
import vn.motcua.id.Secrets;
import vn.motcua.log.Log;
import vn.motcua.notification.Notifier;
import vn.motcua.officer.Officer;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;
import vn.motcua.storage.ApplicationRepository;
import vn.motcua.storage.Guard;

/**
 * What an officer does with the office's dossiers: the work queue, the full view, the actions of
 * the status machine, and registering a walk-in at the counter. Every call is scoped to the
 * officer's own office: another office's dossier is the same 404 as an unknown one.
 */
public final class OfficerDesk {

    private static final Log LOG = Log.of(OfficerDesk.class);
    private static final int WRITE_ATTEMPTS = 3;
    public static final int DEFAULT_PAGE = 20;
    static final String COUNTER_NOTE = "Hồ sơ được tiếp nhận trực tiếp tại bộ phận một cửa.";
    private static final Set<Action> OFFICER_ACTIONS = Arrays.stream(Action.values())
            .filter(a -> a.actor() == Actor.OFFICER).collect(Collectors.toCollection(() -> EnumSet.noneOf(Action.class)));
    /** The citizen must be told what is missing, or why the answer is no. */
    private static final Set<Action> NOTE_REQUIRED = EnumSet.of(Action.REQUEST_SUPPLEMENT, Action.REJECT);

    /** The body of POST /officer/applications/{code}/actions. */
    public record ActionRequest(String action, String note) {
    }

    public record QueueResult(List<OfficerView.Summary> items, String nextToken) {
    }

    /** The 201 of a walk-in: the access key is printed on the citizen's receipt, once. */
    public record Registered(String trackingCode, String accessKey, Status status, Channel channel, String dueDate,
                             List<RequiredDocument> requiredDocuments) {
    }

    private final ApplicationRepository repository;
    private final Catalogue catalogue;
    private final ApplicationForm form;
    private final Notifier notifier;
    private final Clock clock;
    private final IdGenerator ids;
    private final DownloadLinks links;

    public OfficerDesk(ApplicationRepository repository, Catalogue catalogue, Notifier notifier, Clock clock,
                       IdGenerator ids, DownloadLinks links) {
        this.repository = repository;
        this.catalogue = catalogue;
        this.form = new ApplicationForm(catalogue);
        this.notifier = notifier;
        this.clock = clock;
        this.ids = ids;
        this.links = links;
    }

    /** SnapStart priming: the catalogue walk-ins are checked against, loaded (reads only, best effort). */
    public void prime() {
        catalogue.prime();
    }

    /** GET /officer/applications: one Query on the officer's own office, by due date. */
    public QueueResult queue(Officer officer, Optional<String> status, Optional<String> overdue, Optional<String> limit,
                             Optional<String> nextToken) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Status> wanted = status.flatMap(s -> queueStatus(s, errors));
        Optional<Boolean> late = overdue.flatMap(o -> flag(o, errors));
        int size = limit.map(l -> pageSize(l, errors)).orElse(DEFAULT_PAGE);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        ApplicationRepository.QueuePage page = repository.queue(officer.officeId(), wanted, late, size, nextToken);
        return new QueueResult(page.items().stream().map(OfficerView.Summary::of).toList(), page.nextToken());
    }

    /** GET /officer/applications/{code}. */
    public OfficerView view(Officer officer, String code) {
        return view(own(officer, code));
    }

    /**
     * An action of the status machine by this officer (409 "invalid-transition" from any other
     * status). Optimistic: the write applies only to the version read. If another write slipped
     * in that left the status alone (the sweeper's mark, a document), the action is decided again;
     * if another officer changed the status, this one loses with 409 "concurrent-update", so two
     * officers acting at once never both win.
     */
    public OfficerView act(Officer officer, String code, ActionRequest request) {
        Action action = action(request.action());
        String note = Dossiers.checkText("note", request.note());
        if (note == null && NOTE_REQUIRED.contains(action)) {
            throw ApiProblem.invalid("note", "is required for " + action
                    + (action == Action.REJECT ? ": say why" : ": say what is missing"));
        }
        Application current = own(officer, code);
        Status seen = current.status();
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            if (current.status() != seen) {
                throw ApiProblem.conflict("concurrent-update", "Another officer changed this dossier to "
                        + current.status() + " meanwhile; reload it");
            }
            Application next = current.act(action, officer.subject(), note, clock.instant());
            Optional<Application> stored = repository.transitionIf(current, next);
            if (stored.isPresent()) {
                LOG.info("officer action", "trackingCode", current.trackingCode(), "action", action,
                        "from", seen, "to", next.status(), "officer", officer.subject());
                StatusNotifications.queue(notifier, stored.get());
                return view(stored.get());
            }
            current = own(officer, code);
        }
        throw ApiProblem.conflict("concurrent-update", "The dossier is changing right now; retry in a moment");
    }

    /**
     * POST /officer/applications: a walk-in dossier, channel COUNTER, for the officer's own
     * office, received on the spot (the officer has checked the paper documents). The body is the
     * citizen's POST /applications body; {@code officeId} may be left out, and naming another
     * office is 403. {@code guard}'s item for the answer (the idempotency record holding it, or
     * null) is written in the same transaction as the dossier.
     */
    public Registered register(Officer officer, JsonNode body, Function<Registered, Guard> guard) {
        if (body instanceof ObjectNode object) {
            JsonNode office = object.get("officeId");
            if (office == null) {
                object.put("officeId", officer.officeId());
            } else if (office.isTextual() && !office.asText().equals(officer.officeId())) {
                throw ApiProblem.forbidden("An officer registers dossiers for their own office, "
                        + officer.officeId() + ", only");
            }
        }
        NewApplication checked = form.check(body);
        String accessKey = ids.secret();
        WorkingCalendar calendar = new WorkingCalendar(catalogue.holidays());
        Application stored = Dossiers.storeUnderNewCode(repository, ids, code -> Application.atCounter(code, checked,
                Secrets.hash(accessKey), officer.subject(), clock.instant(), calendar, COUNTER_NOTE),
                a -> guard.apply(registered(a, accessKey, checked)));
        LOG.info("walk-in registered", "trackingCode", stored.trackingCode(), "office", officer.officeId(),
                "officer", officer.subject());
        StatusNotifications.queue(notifier, stored);
        return registered(stored, accessKey, checked);
    }

    private static Registered registered(Application a, String accessKey, NewApplication checked) {
        return new Registered(a.trackingCode(), accessKey, a.status(), a.channel(), a.dueDate(),
                checked.procedure().documents());
    }

    private OfficerView view(Application a) {
        return OfficerView.of(a, catalogue.procedure(a.procedureCode()).orElse(null), links);
    }

    /** The dossier if it belongs to the officer's office; otherwise the same 404 as an unknown code. */
    private Application own(Officer officer, String code) {
        return repository.find(TrackingCode.parse(code).value())
                .filter(a -> a.officeId().equals(officer.officeId()) && a.status() != Status.DRAFT)
                .orElseThrow(TrackingCode::notFound);
    }

    private static Action action(String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid("action", "is required: one of " + OFFICER_ACTIONS);
        }
        return OFFICER_ACTIONS.stream().filter(a -> a.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiProblem.invalid("action", "must be one of " + OFFICER_ACTIONS));
    }

    private static Optional<Status> queueStatus(String value, List<FieldError> errors) {
        Optional<Status> status = Arrays.stream(Status.values())
                .filter(s -> s != Status.DRAFT && s.name().equals(value)).findFirst();
        if (status.isEmpty()) {
            errors.add(new FieldError("status", "must be one of " + EnumSet.complementOf(EnumSet.of(Status.DRAFT))));
        }
        return status;
    }

    private static Optional<Boolean> flag(String value, List<FieldError> errors) {
        if (value.equals("true") || value.equals("false")) {
            return Optional.of(Boolean.parseBoolean(value));
        }
        errors.add(new FieldError("overdue", "must be true or false"));
        return Optional.empty();
    }

    private static int pageSize(String value, List<FieldError> errors) {
        if (value.matches("\\d{1,3}")) {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= ApplicationRepository.MAX_PAGE) {
                return n;
            }
        }
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + ApplicationRepository.MAX_PAGE));
        return DEFAULT_PAGE;
    }
}
