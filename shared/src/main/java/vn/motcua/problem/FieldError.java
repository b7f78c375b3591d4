package vn.motcua.problem;

/** One validation problem: which field (a JSON pointer-like dotted path) and what is wrong. */
public record FieldError(String field, String message) {
}
