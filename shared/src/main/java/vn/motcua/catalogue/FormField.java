package vn.motcua.catalogue;

import java.util.List;

/** One field of a procedure's form; {@code pattern} only for strings, {@code values} only for enums. */
public record FormField(String name, LocalizedText label, FieldType type, boolean required,
                        String pattern, List<String> values) {
}
