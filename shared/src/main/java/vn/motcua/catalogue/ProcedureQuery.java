package vn.motcua.catalogue;

import java.util.Locale;
import java.util.Optional;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/** A validated catalogue search: free text, filters, page size and the token of the page. */
public record ProcedureQuery(String text, String category, Level level, int limit, String nextToken) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Parses raw query-string values; anything malformed is a 400 naming the parameter. */
    public static ProcedureQuery parse(Optional<String> q, Optional<String> category, Optional<String> level,
                                       Optional<String> limit, Optional<String> nextToken) {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        String text = q.orElse("");
        if (text.length() > 200 || text.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("q", "must be at most 200 printable characters"));
        }
        String cat = category.orElse(null);
        if (cat != null && !cat.matches("[a-z][a-z-]{0,39}")) {
            errors.add(new FieldError("category", "must be a category such as civil-status"));
        }
        Level lvl = null;
        if (level.isPresent()) {
            try {
                lvl = Level.valueOf(level.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("level", "must be COMMUNE, DISTRICT or CITY"));
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit.isPresent()) {
            try {
                size = Integer.parseInt(limit.get());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        String token = nextToken.orElse(null);
        if (token != null && token.length() > 100) {
            errors.add(new FieldError("nextToken", "is not a token this API gave out"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new ProcedureQuery(text, cat, lvl, size, token);
    }
}
