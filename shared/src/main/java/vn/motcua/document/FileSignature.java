package vn.motcua.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * The content types a document may have and the magic bytes that open such a file: the upload
 * check trusts these bytes, not the declared type.
 */
public enum FileSignature {
    PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
    JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});

    /** How many leading bytes the check needs: the longest signature. */
    public static final int PREFIX_BYTES = 8;

    private final String contentType;
    private final byte[] magic;

    FileSignature(String contentType, byte[] magic) {
        this.contentType = contentType;
        this.magic = magic;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<FileSignature> of(String contentType) {
        return Arrays.stream(values()).filter(s -> s.contentType.equals(contentType)).findFirst();
    }

    /** Whether {@code firstBytes} (the file's beginning) opens a file of this type. */
    public boolean opens(byte[] firstBytes) {
        return firstBytes != null && firstBytes.length >= magic.length
                && Arrays.equals(Arrays.copyOf(firstBytes, magic.length), magic);
    }

    /** What the bytes look like, for the rejection reason. */
    public static Optional<FileSignature> detect(byte[] firstBytes) {
        return Arrays.stream(values()).filter(s -> s.opens(firstBytes)).findFirst();
    }
}
