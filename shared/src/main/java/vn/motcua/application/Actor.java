package vn.motcua.application;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who made a change, as the history shows it: a role, never a person's name or id, so the
 * public view can show the history as it is.
 */
public enum Actor {
    CITIZEN, SYSTEM, OFFICER;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Actor of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
