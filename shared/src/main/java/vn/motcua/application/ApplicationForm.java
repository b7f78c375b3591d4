package vn.motcua.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.motcua.notification.PhoneNumbers;
import java.util.regex.Pattern;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.FormField;
import vn.motcua.catalogue.Office;
import vn.motcua.catalogue.Procedure;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

/**
 * Checks a {@code POST /applications} body against the catalogue and reports every problem at
 * once. The body is read as a JSON tree, not a record, so that wrong types are collected with
 * everything else instead of stopping at the first.
 *
 * <p>Status: 400 "validation" if any value is malformed; otherwise 404 "unknown-reference"
 * when the procedure or office does not exist; otherwise 422 "procedure-not-received" when the
 * office does not receive the procedure. The errors list always holds all of them.
 */
public final class ApplicationForm {

    static final int MAX_TEXT = 1000;
    static final BigDecimal MAX_NUMBER = new BigDecimal("1e15");
    private static final Set<String> TOP_LEVEL = Set.of("procedureCode", "officeId", "applicant", "fields");
    private static final Set<String> APPLICANT = Set.of("fullName", "idNumber", "phone", "email");
    private static final Pattern PROCEDURE_CODE = Pattern.compile("[A-Za-z0-9.-]{1,32}");
    private static final Pattern OFFICE_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern FULL_NAME = Pattern.compile("[\\p{L}\\p{M} .'-]{2,100}");
    private static final Pattern ID_NUMBER = Pattern.compile("[0-9]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(?:\\.[^@\\s.]+)+");
    private static final Map<String, Pattern> FIELD_PATTERNS = new ConcurrentHashMap<>();

    private final Catalogue catalogue;

    public ApplicationForm(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The checked request, or an {@link ApiProblem} listing everything that is wrong. */
    public NewApplication check(JsonNode body) {
        Errors errors = new Errors();
        if (body == null || !body.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object");
        }
        unknownKeys(body, TOP_LEVEL, "", errors);
        Optional<Procedure> procedure = reference(body.get("procedureCode"), "procedureCode", PROCEDURE_CODE, errors)
                .flatMap(code -> found(catalogue.procedure(code), "procedureCode", "no such procedure", errors));
        Optional<Office> office = reference(body.get("officeId"), "officeId", OFFICE_ID, errors)
                .flatMap(id -> found(catalogue.office(id), "officeId", "no such office", errors));
        Applicant applicant = applicant(body.get("applicant"), errors);
        Map<String, Object> fields = procedure.map(p -> fields(p, body.get("fields"), errors)).orElse(Map.of());
        if (procedure.isPresent() && office.isPresent() && !office.get().receives(procedure.get().code())) {
            errors.reference("officeId", "this office does not receive procedure " + procedure.get().code(), false);
        }
        errors.throwIfAny();
        return new NewApplication(procedure.orElseThrow(), office.orElseThrow(), applicant, fields);
    }

    private static Optional<String> reference(JsonNode node, String field, Pattern shape, Errors errors) {
        Optional<String> value = text(node, field, true, 64, errors);
        if (value.isPresent() && !shape.matcher(value.get()).matches()) {
            errors.add(field, "is not a valid identifier");
            return Optional.empty();
        }
        return value;
    }

    private static <T> Optional<T> found(Optional<T> value, String field, String message, Errors errors) {
        if (value.isEmpty()) {
            errors.reference(field, message, true);
        }
        return value;
    }

    private static Applicant applicant(JsonNode node, Errors errors) {
        if (node == null || node.isNull()) {
            errors.add("applicant", "is required");
            return null;
        }
        if (!node.isObject()) {
            errors.add("applicant", "must be an object");
            return null;
        }
        unknownKeys(node, APPLICANT, "applicant.", errors);
        String fullName = text(node.get("fullName"), "applicant.fullName", true, 100, errors)
                .map(name -> name.trim().replaceAll(" {2,}", " "))
                .filter(name -> matches(FULL_NAME, name, "applicant.fullName",
                        "must be 2 to 100 letters, spaces, dots, apostrophes or hyphens", errors))
                .orElse(null);
        String idNumber = text(node.get("idNumber"), "applicant.idNumber", true, 12, errors)
                .filter(id -> matches(ID_NUMBER, id, "applicant.idNumber", "must be the 12 digits of a citizen ID", errors))
                .orElse(null);
        String phone = text(node.get("phone"), "applicant.phone", true, 20, errors)
                .flatMap(p -> {
                    Optional<String> e164 = PhoneNumbers.e164(p);
                    if (e164.isEmpty()) {
                        errors.add("applicant.phone", "must be a Vietnamese mobile number, e.g. 0912345678");
                    }
                    return e164;
                })
                .orElse(null);
        String email = text(node.get("email"), "applicant.email", false, 254, errors)
                .map(String::trim)
                .filter(e -> matches(EMAIL, e, "applicant.email", "must be an email address", errors))
                .orElse(null);
        return new Applicant(fullName, idNumber, phone, email);
    }

    private static Map<String, Object> fields(Procedure procedure, JsonNode node, Errors errors) {
        if (node != null && !node.isNull() && !node.isObject()) {
            errors.add("fields", "must be an object");
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> known = new java.util.HashSet<>();
        for (FormField field : procedure.fields()) {
            known.add(field.name());
            String path = "fields." + field.name();
            JsonNode value = node == null ? null : node.get(field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    errors.add(path, "is required");
                }
                continue;
            }
            value(field, value, path, errors).ifPresent(v -> values.put(field.name(), v));
        }
        if (node != null && node.isObject()) {
            unknownKeys(node, known, "fields.", errors);
        }
        return values;
    }

    private static Optional<Object> value(FormField field, JsonNode value, String path, Errors errors) {
        switch (field.type()) {
            case STRING -> {
                Optional<String> text = text(value, path, true, MAX_TEXT, errors);
                if (text.isPresent() && field.pattern() != null && !FIELD_PATTERNS
                        .computeIfAbsent(field.pattern(), Pattern::compile).matcher(text.get()).matches()) {
                    errors.add(path, "does not have the expected format");
                    return Optional.empty();
                }
                return text.map(Object.class::cast);
            }
            case NUMBER -> {
                if (!value.isNumber() || value.isDouble() && !Double.isFinite(value.doubleValue())) {
                    errors.add(path, "must be a number");
                    return Optional.empty();
                }
                BigDecimal number = value.decimalValue();
                if (number.signum() < 0 || number.compareTo(MAX_NUMBER) > 0) {
                    errors.add(path, "must be between 0 and " + MAX_NUMBER.toPlainString());
                    return Optional.empty();
                }
                return Optional.of(value.isIntegralNumber() ? (Object) value.longValue() : number);
            }
            case DATE -> {
                Optional<String> text = text(value, path, true, 10, errors);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    LocalDate date = LocalDate.parse(text.get());
                    if (date.getYear() < 1900 || date.getYear() > 2100) {
                        errors.add(path, "must be a date between 1900 and 2100");
                        return Optional.empty();
                    }
                    return Optional.of(date.toString());
                } catch (DateTimeParseException e) {
                    errors.add(path, "must be a date as YYYY-MM-DD");
                    return Optional.empty();
                }
            }
            case ENUM -> {
                Optional<String> text = text(value, path, true, 64, errors);
                if (text.isPresent() && !field.values().contains(text.get())) {
                    errors.add(path, "must be one of " + String.join(", ", field.values()));
                    return Optional.empty();
                }
                return text.map(Object.class::cast);
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    errors.add(path, "must be true or false");
                    return Optional.empty();
                }
                return Optional.of(value.booleanValue());
            }
            default -> throw new IllegalStateException("Unknown field type " + field.type());
        }
    }

    /**
     * A string value, NFC-normalised (Vietnamese typed with combining marks compares equal to
     * precomposed text), refused if it is missing, of another type, too long or carries control
     * or invisible formatting characters.
     */
    static Optional<String> text(JsonNode node, String field, boolean required, int maxLength, Errors errors) {
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(field, "is required");
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(field, "must be a string");
            return Optional.empty();
        }
        String value = Normalizer.normalize(node.textValue(), Normalizer.Form.NFC);
        if (value.isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
            return Optional.empty();
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            errors.add(field, "must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        if (!printable(value)) {
            errors.add(field, "must not contain control characters");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            int type = Character.getType(c);
            // Unpaired surrogates reach here as SURROGATE; U+FFFE and U+FFFF are non-characters.
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || c == '\uFFFE' || c == '\uFFFF') {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Pattern pattern, String value, String field, String message, Errors errors) {
        if (pattern.matcher(value).matches()) {
            return true;
        }
        errors.add(field, message);
        return false;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String prefix, Errors errors) {
        Iterator<String> names = node.fieldNames();
        int reported = 0;
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name) && reported++ < 10) {
                errors.add(prefix + (name.length() > 64 || !printable(name) ? "?" : name), "unknown field");
            }
        }
    }

    static final class Errors {
        final List<FieldError> list = new ArrayList<>();
        int malformed;
        boolean unknownReference;

        /** A malformed or missing value: the request is a 400 whatever else is wrong. */
        void add(String field, String message) {
            list.add(new FieldError(field, message));
            malformed++;
        }

        /** A well-formed value that names something the catalogue does not have or allow. */
        void reference(String field, String message, boolean unknown) {
            list.add(new FieldError(field, message));
            unknownReference |= unknown;
        }

        void throwIfAny() {
            if (list.isEmpty()) {
                return;
            }
            if (malformed > 0) {
                throw ApiProblem.validation(list);
            }
            if (unknownReference) {
                throw new ApiProblem(404, "unknown-reference", "Not found",
                        "The procedure or office does not exist", list);
            }
            throw ApiProblem.unprocessable("procedure-not-received",
                    "This office does not receive this procedure", list);
        }
    }
}
