package vn.motcua.problem;

import java.util.List;

/**
 * The one error type: anything a client did wrong, as an RFC 9457 problem. Domain code throws
 * it; the HTTP layer renders it as application/problem+json. It carries no AWS types, so the
 * pure domain may use it too.
 *
 * <p>{@code type} is a short slug ("validation", "slot-full"); the HTTP layer turns it into the
 * absolute URI {@link #TYPE_BASE} + slug. Tests and clients match on it.
 */
public final class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://motcua.vn/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ApiProblem validation(List<FieldError> errors) {
        return new ApiProblem(400, "validation", "The request has invalid fields",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors);
    }

    public static ApiProblem invalid(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiProblem badRequest(String type, String detail) {
        return new ApiProblem(400, type, "Bad request", detail);
    }

    public static ApiProblem malformedJson(String detail) {
        return new ApiProblem(400, "malformed-json", "The body is not valid JSON for this route", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "not-found", "Not found", detail);
    }

    public static ApiProblem methodNotAllowed(String detail) {
        return new ApiProblem(405, "method-not-allowed", "Method not allowed", detail);
    }

    public static ApiProblem conflict(String type, String detail) {
        return new ApiProblem(409, type, "Conflict", detail);
    }

    public static ApiProblem unprocessable(String type, String detail, List<FieldError> errors) {
        return new ApiProblem(422, type, "Unprocessable request", detail, errors);
    }

    public static ApiProblem payloadTooLarge(String detail) {
        return new ApiProblem(413, "payload-too-large", "Payload too large", detail);
    }

    public static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "unauthorized", "Unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String typeUri() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
