package vn.motcua.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.motcua.application.TrackingCode;
import vn.motcua.id.IdGenerator;

class DocumentKeyTest {

    static final IdGenerator IDS = IdGenerator.seeded(5);

    @Test
    void theKeyIsTheTrackingCodeAndTheDocumentIdAndParsesBack() {
        String code = TrackingCode.generate(IDS).value();
        String id = IDS.id();
        DocumentKey key = new DocumentKey(code, id);
        assertThat(key.value()).isEqualTo("applications/" + code + "/" + id);
        assertThat(DocumentKey.parse(key.value())).contains(key);
    }

    @Test
    void keysOutsideTheLayoutAreNotDocuments() {
        String code = TrackingCode.generate(IDS).value();
        String id = IDS.id();
        assertThat(DocumentKey.parse(null)).isEmpty();
        assertThat(DocumentKey.parse("uploads/" + code + "/" + id)).isEmpty();
        assertThat(DocumentKey.parse("applications/" + code + "/" + id + "/x")).isEmpty();
        assertThat(DocumentKey.parse("applications/" + code + "/../" + id)).isEmpty();
        assertThat(DocumentKey.parse("applications/" + code.toLowerCase() + "/" + id)).isEmpty();
        assertThat(DocumentKey.parse("applications/" + code + "/" + id.toUpperCase())).isEmpty();
        // A well-formed code with a wrong check symbol.
        String wrongCheck = code.substring(0, code.length() - 1) + (code.endsWith("0") ? "1" : "0");
        assertThat(DocumentKey.parse("applications/" + wrongCheck + "/" + id)).isEmpty();
    }
}
