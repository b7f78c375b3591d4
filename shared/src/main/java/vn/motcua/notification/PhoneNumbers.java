package vn.motcua.notification;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vietnamese mobile numbers, as citizens type them, into the E.164 form SMS needs: SNS refuses any
 * other form (InvalidParameter), so a number stored as typed ({@code 0912…}) would fail every SMS.
 * Mobile numbers have 10 digits (0 + 9) and network codes 3x, 5x, 7x, 8x and 9x since the
 * conversion of the 11-digit numbers (Decision 798/QĐ-BTTTT of 25 May 2018, from 15 Sep 2018);
 * docs/dossiers.md, "Decisions".
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
