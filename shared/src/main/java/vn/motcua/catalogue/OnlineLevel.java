package vn.motcua.catalogue;

/** How much of a procedure can be done online: PARTIAL still needs the counter for the result. */
public enum OnlineLevel {
    PARTIAL, FULL
}
