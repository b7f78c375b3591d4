package vn.motcua.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void pathTricksKeepOnlyTheLastSegment() {
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("..\\..\\Windows\\win.ini")).isEqualTo("win.ini");
        assertThat(FileNames.sanitise("/")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitise("..")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitise(".htaccess")).isEqualTo("htaccess");
    }

    @Test
    void controlFormatAndHeaderBreakingCharactersAreDropped() {
        assertThat(FileNames.sanitise("a\r\nX-Evil: 1\u0000.pdf")).isEqualTo("aX-Evil: 1.pdf");
        assertThat(FileNames.sanitise("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
        assertThat(FileNames.sanitise("zero\u200Bwidth\"quote\".pdf")).isEqualTo("zerowidthquote.pdf");
        assertThat(FileNames.sanitise("lone\uD800surrogate.pdf")).isEqualTo("lonesurrogate.pdf");
        assertThat(FileNames.sanitise("  many \t  spaces  .pdf ")).isEqualTo("many spaces .pdf");
        assertThat(FileNames.sanitise("\u0007\u0008")).isEqualTo(FileNames.FALLBACK);
    }

    @Test
    void vietnameseIsKeptAndNormalisedToNfc() {
        // "Giấy" typed with combining marks equals the precomposed form.
        assertThat(FileNames.sanitise("Gia\u0302\u0301y khai sinh.pdf")).isEqualTo("Giấy khai sinh.pdf");
    }

    @Test
    void longNamesAreCutAtTwoHundredCharacters() {
        assertThat(FileNames.sanitise("ấ".repeat(500))).hasSize(FileNames.MAX_LENGTH);
    }
}
