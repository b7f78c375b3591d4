package vn.motcua.application;

import java.util.Optional;
import vn.motcua.id.IdGenerator;
import vn.motcua.problem.ApiProblem;

/**
 * A dossier's tracking code, e.g. {@code HN-7K3F-9QXA-M2P5-R8TK}: the city prefix, then 15
 * random Crockford base32 symbols (75 random bits) and one check symbol, in groups of four so it
 * can be read over the phone.
 *
 * <p>Parsing is forgiving the way Crockford's alphabet intends: case-insensitive, hyphens and
 * spaces ignored, I and L read as 1, O as 0. The check symbol is a weighted sum over GF(32) with
 * distinct non-zero weights, so every single mistyped symbol and every swap of two symbols is
 * caught before any lookup.
 */
public final class TrackingCode {

    public static final String PREFIX = "HN";
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int DATA_SYMBOLS = 15;
    private static final int SYMBOLS = DATA_SYMBOLS + 1;
    /** x^5 + x^2 + 1, primitive: x generates all 31 non-zero elements of GF(32). */
    private static final int POLY = 0b100101;

    private final String value;

    private TrackingCode(String symbols) {
        this.value = PREFIX + "-" + symbols.substring(0, 4) + "-" + symbols.substring(4, 8) + "-"
                + symbols.substring(8, 12) + "-" + symbols.substring(12, 16);
    }

    /** A new random code: 75 bits from {@code ids}. */
    public static TrackingCode generate(IdGenerator ids) {
        byte[] random = ids.randomBytes(10);
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        int low = ((random[8] & 0xff) << 8) | (random[9] & 0xff);
        int[] values = new int[SYMBOLS];
        for (int i = 0; i < 12; i++) {
            values[i] = (int) (high >>> (59 - 5 * i)) & 31;
        }
        values[12] = low & 31;
        values[13] = (low >>> 5) & 31;
        values[14] = (low >>> 10) & 31;
        values[DATA_SYMBOLS] = check(values);
        StringBuilder symbols = new StringBuilder(SYMBOLS);
        for (int v : values) {
            symbols.append(ALPHABET.charAt(v));
        }
        return new TrackingCode(symbols.toString());
    }

    /** The code a citizen typed, or empty if it cannot be one (wrong length, symbol or check). */
    public static Optional<TrackingCode> tryParse(String input) {
        if (input == null || input.length() > 64) {
            return Optional.empty();
        }
        StringBuilder symbols = new StringBuilder(SYMBOLS + 2);
        for (int i = 0; i < input.length(); i++) {
            char c = Character.toUpperCase(input.charAt(i));
            if (c == '-' || c == ' ') {
                continue;
            }
            symbols.append(c);
        }
        String s = symbols.toString();
        if (s.length() == SYMBOLS + PREFIX.length() && s.startsWith(PREFIX)) {
            s = s.substring(PREFIX.length());
        }
        if (s.length() != SYMBOLS) {
            return Optional.empty();
        }
        int[] values = new int[SYMBOLS];
        StringBuilder canonical = new StringBuilder(SYMBOLS);
        for (int i = 0; i < SYMBOLS; i++) {
            int v = value(s.charAt(i));
            if (v < 0) {
                return Optional.empty();
            }
            values[i] = v;
            canonical.append(ALPHABET.charAt(v));
        }
        if (check(values) != values[DATA_SYMBOLS]) {
            return Optional.empty();
        }
        return Optional.of(new TrackingCode(canonical.toString()));
    }

    /**
     * The code in a path, or 404: a code that cannot exist answers exactly like one that does
     * not, and costs no database call.
     */
    public static TrackingCode parse(String input) {
        return tryParse(input).orElseThrow(TrackingCode::notFound);
    }

    /** The one 404 for "no such dossier" and "wrong access key", so neither can be told apart. */
    public static ApiProblem notFound() {
        return ApiProblem.notFound("No application with this tracking code and access key");
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackingCode other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    private static int value(char c) {
        switch (c) {
            case 'I', 'L' -> c = '1';
            case 'O' -> c = '0';
            default -> { }
        }
        return ALPHABET.indexOf(c);
    }

    /** Σ v[i]·x^(i+1) over the data symbols in GF(32); the check symbol carries weight x^0 = 1. */
    static int check(int[] values) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < DATA_SYMBOLS; i++) {
            weight = multiply(weight, 2);
            sum ^= multiply(values[i], weight);
        }
        return sum;
    }

    private static int multiply(int a, int b) {
        int product = 0;
        while (b != 0) {
            if ((b & 1) != 0) {
                product ^= a;
            }
            a <<= 1;
            if ((a & 32) != 0) {
                a ^= POLY;
            }
            b >>>= 1;
        }
        return product;
    }
}
