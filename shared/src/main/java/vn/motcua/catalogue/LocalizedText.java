package vn.motcua.catalogue;

/** A text in Vietnamese and English. */
public record LocalizedText(String vi, String en) {
}
