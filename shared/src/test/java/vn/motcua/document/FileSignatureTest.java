package vn.motcua.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileSignatureTest {

    static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'};

    @Test
    void eachTypeIsRecognisedByItsMagicBytes() {
        assertThat(FileSignature.PDF.opens(PDF)).isTrue();
        assertThat(FileSignature.PNG.opens(PNG)).isTrue();
        assertThat(FileSignature.JPEG.opens(JPEG)).isTrue();
        assertThat(FileSignature.detect(PNG)).contains(FileSignature.PNG);
    }

    @Test
    void aPngIsNotAPdfAndShortOrEmptyFilesAreNothing() {
        assertThat(FileSignature.PDF.opens(PNG)).isFalse();
        assertThat(FileSignature.PDF.opens("%PDF".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(FileSignature.PNG.opens(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\n', '\n', 0x1a, '\n'})).isFalse();
        assertThat(FileSignature.JPEG.opens(new byte[] {(byte) 0xFF, (byte) 0xD8})).isFalse();
        assertThat(FileSignature.detect(new byte[0])).isEmpty();
        assertThat(FileSignature.PDF.opens(null)).isFalse();
    }

    @Test
    void onlyPdfJpegAndPngAreKnownTypes() {
        assertThat(FileSignature.of("application/pdf")).contains(FileSignature.PDF);
        assertThat(FileSignature.of("image/jpg")).isEmpty();
        assertThat(FileSignature.of("application/x-msdownload")).isEmpty();
    }
}
