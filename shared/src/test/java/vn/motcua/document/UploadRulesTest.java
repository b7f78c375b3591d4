package vn.motcua.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.motcua.catalogue.CatalogueData;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.catalogue.Procedure;
import vn.motcua.problem.ApiProblem;

class UploadRulesTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../data"));
    static final Procedure BIRTH = DATA.procedures().stream().filter(p -> p.code().equals("HT-001")).findFirst().orElseThrow();

    static UploadRequest request(String type, String name, String contentType, Long size) {
        return new UploadRequest(type, name, contentType, size);
    }

    @Test
    void aPdfOfTheMedicalBirthCertificateIsAccepted() {
        UploadRules.Upload upload = UploadRules.check(BIRTH,
                request("BIRTH_CERTIFICATE_MEDICAL", "giấy chứng sinh.pdf", "Application/PDF; charset=binary", 1000L));
        assertThat(upload.document().type()).isEqualTo("BIRTH_CERTIFICATE_MEDICAL");
        assertThat(upload.contentType()).isEqualTo("application/pdf");
        assertThat(upload.fileName()).isEqualTo("giấy chứng sinh.pdf");
    }

    @Test
    void exactlyTenMebibytesIsAllowedAndOneByteMoreIs413() {
        assertThat(UploadRules.check(BIRTH, request("BIRTH_CERTIFICATE_MEDICAL", "a.pdf", "application/pdf",
                UploadRules.MAX_BYTES)).sizeBytes()).isEqualTo(10L * 1024 * 1024);
        assertProblem(() -> UploadRules.check(BIRTH, request("BIRTH_CERTIFICATE_MEDICAL", "a.pdf", "application/pdf",
                UploadRules.MAX_BYTES + 1)), 413, "document-too-large");
        assertProblem(() -> UploadRules.check(BIRTH, request("BIRTH_CERTIFICATE_MEDICAL", "a.pdf", "application/pdf",
                20L * 1024 * 1024)), 413, "document-too-large");
    }

    @Test
    void executablesAndTypesTheDocumentDoesNotAllowAre415() {
        assertProblem(() -> UploadRules.check(BIRTH, request("BIRTH_CERTIFICATE_MEDICAL", "a.exe",
                "application/x-msdownload", 10L)), 415, "unsupported-document-type");
        assertProblem(() -> UploadRules.check(BIRTH, request("BIRTH_CERTIFICATE_MEDICAL", "a.gif", "image/gif", 10L)),
                415, "unsupported-document-type");
        // The authorisation letter is PDF only.
        assertProblem(() -> UploadRules.check(BIRTH, request("AUTHORIZATION_LETTER", "a.png", "image/png", 10L)),
                415, "unsupported-document-type");
    }

    @Test
    void aDocumentTypeTheProcedureDoesNotListIs400() {
        assertProblem(() -> UploadRules.check(BIRTH, request("PASSPORT", "a.pdf", "application/pdf", 10L)),
                400, "unknown-document-type");
    }

    @Test
    void missingAndImpossibleFieldsAre400AllAtOnce() {
        ApiProblem problem = catchProblem(() -> UploadRules.checkShape(request(" ", null, "", 0L)));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("validation");
        assertThat(problem.errors()).extracting(e -> e.field())
                .containsExactlyInAnyOrder("documentType", "fileName", "contentType", "sizeBytes");
        assertProblem(() -> UploadRules.checkShape(request("X", "a.pdf", "application/pdf", -5L)), 400, "validation");
        assertProblem(() -> UploadRules.checkShape(request("X", "a".repeat(1001), "application/pdf", 5L)), 400, "validation");
    }

    static void assertProblem(Runnable call, int status, String type) {
        ApiProblem problem = catchProblem(call);
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo(type);
    }

    static ApiProblem catchProblem(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("no problem thrown");
    }

    @Test
    void nullBodyFieldsNeverThrowAnythingButAProblem() {
        assertThatThrownBy(() -> UploadRules.check(BIRTH, request(null, null, null, null))).isInstanceOf(ApiProblem.class);
    }
}
