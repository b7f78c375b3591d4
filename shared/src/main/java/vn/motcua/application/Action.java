package vn.motcua.application;

/** What moves a dossier from one status to the next, and who may do it. */
public enum Action {
    /** The citizen hands in a draft, or hands back a dossier after a supplement request. */
    SUBMIT(Actor.CITIZEN),
    /** The intake function takes a submitted dossier in. */
    RECEIVE(Actor.SYSTEM),
    ACCEPT(Actor.OFFICER),
    REQUEST_SUPPLEMENT(Actor.OFFICER),
    APPROVE(Actor.OFFICER),
    REJECT(Actor.OFFICER),
    COMPLETE(Actor.OFFICER),
    WITHDRAW(Actor.CITIZEN);

    private final Actor actor;

    Action(Actor actor) {
        this.actor = actor;
    }

    public Actor actor() {
        return actor;
    }
}
