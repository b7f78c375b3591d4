package vn.motcua.notification;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vietnamese mobile numbers, as citizens type them, into the E.164 form SMS needs: SNS refuses any
 * other form (InvalidParameter), so a number stored as typed ({@code 0912…}) would fail every SMS.
 * Mobile prefixes are 03x, 05x, 07x, 08x and 09x since the 2018 renumbering (docs/privacy.md keeps
 * the number only as long as its dossier or booking).
 */
public final class PhoneNumbers {

    /** National (0…), international (+84… or 84…), with spaces, dots or hyphens between digits. */
    private static final Pattern MOBILE = Pattern.compile("(?:\\+84|84|0)([35789][0-9]{8})");

    private PhoneNumbers() {
    }

    /** {@code +84xxxxxxxxx}, or empty if {@code typed} is not a Vietnamese mobile number. */
    public static Optional<String> e164(String typed) {
        if (typed == null || typed.length() > 20) {
            return Optional.empty();
        }
        Matcher m = MOBILE.matcher(typed.replaceAll("[ .-]", ""));
        return m.matches() ? Optional.of("+84" + m.group(1)) : Optional.empty();
    }
}
