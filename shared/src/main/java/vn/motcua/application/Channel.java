package vn.motcua.application;

/** How the dossier came in: the online share of dossiers is a public KPI. */
public enum Channel {
    ONLINE, COUNTER
}
