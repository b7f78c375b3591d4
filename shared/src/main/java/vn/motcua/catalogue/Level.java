package vn.motcua.catalogue;

/** Which tier of government handles a procedure. */
public enum Level {
    COMMUNE, DISTRICT, CITY
}
