package vn.motcua.application;

/** The citizen's rating of the service, given once after a decision. */
public record Rating(int score, String comment, String at) {
}
