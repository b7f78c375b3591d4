package vn.motcua.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The type of a procedure's form field, as the API spells it. */
public enum FieldType {
    @JsonProperty("string") STRING,
    @JsonProperty("number") NUMBER,
    @JsonProperty("date") DATE,
    @JsonProperty("enum") ENUM,
    @JsonProperty("boolean") BOOLEAN
}
