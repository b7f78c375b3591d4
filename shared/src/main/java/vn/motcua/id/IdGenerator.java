package vn.motcua.id;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one source of randomness for ids and secrets, injected everywhere so tests can make it
 * repeatable. Production uses {@link SecureRandom}.
 */
@FunctionalInterface
public interface IdGenerator {

    /** {@code n} random bytes. */
    byte[] randomBytes(int n);

    static IdGenerator secure() {
        SecureRandom random = new SecureRandom();
        return n -> {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            return bytes;
        };
    }

    /** Repeatable randomness for tests only. */
    static IdGenerator seeded(long seed) {
        java.util.Random random = new java.util.Random(seed);
        return n -> {
            byte[] bytes = new byte[n];
            synchronized (random) {
                random.nextBytes(bytes);
            }
            return bytes;
        };
    }

    /** A secret of 128 random bits, URL-safe: access keys and cancel tokens. */
    default String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(16));
    }

    /** An opaque 128-bit id in lowercase hex: document and appointment ids. */
    default String id() {
        return HexFormat.of().formatHex(randomBytes(16));
    }
}
