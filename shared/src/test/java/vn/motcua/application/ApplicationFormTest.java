package vn.motcua.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import vn.motcua.catalogue.Catalogue;
import vn.motcua.catalogue.CatalogueFiles;
import vn.motcua.json.Json;
import vn.motcua.problem.ApiProblem;
import vn.motcua.problem.FieldError;

class ApplicationFormTest {

    static final Catalogue CATALOGUE = new Catalogue(() -> CatalogueFiles.read(Path.of("../data")),
            Clock.systemUTC(), Duration.ofHours(1));

    final ApplicationForm form = new ApplicationForm(CATALOGUE);

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.tree("""
                    {"procedureCode":"HT-001","officeId":"hang-trong",
                     "applicant":{"fullName":"Nguyễn Thị Minh Khai","idNumber":"001199012345",
                                  "phone":"0912 345 678","email":"khai@example.vn"},
                     "fields":{"childFullName":"Nguyễn Minh An","childDateOfBirth":"2026-11-01",
                               "childGender":"FEMALE","copies":2,"registerOnline":true}}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode valid(Consumer<ObjectNode> change) {
        ObjectNode body = valid();
        change.accept(body);
        return body;
    }

    static ObjectNode applicant(ObjectNode body) {
        return (ObjectNode) body.get("applicant");
    }

    static ObjectNode fields(ObjectNode body) {
        return (ObjectNode) body.get("fields");
    }

    ApiProblem refused(JsonNode body) {
        try {
            form.check(body);
        } catch (ApiProblem p) {
            return p;
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void aValidBodyIsNormalised() {
        NewApplication app = form.check(valid());
        assertThat(app.procedure().code()).isEqualTo("HT-001");
        assertThat(app.office().officeId()).isEqualTo("hang-trong");
        assertThat(app.applicant().phone()).isEqualTo("+84912345678");
        assertThat(app.fields()).containsEntry("copies", 2L).containsEntry("registerOnline", true)
                .containsEntry("childGender", "FEMALE").containsEntry("childDateOfBirth", "2026-11-01");
    }

    @Test
    void emailIsOptionalAndPhoneAcceptsThePlus84Form() {
        NewApplication app = form.check(valid(b -> {
            applicant(b).remove("email");
            applicant(b).put("phone", "+84 386 123 456");
        }));
        assertThat(app.applicant().email()).isNull();
        assertThat(app.applicant().phone()).isEqualTo("+84386123456");
    }

    @Test
    void decomposedVietnameseIsAcceptedAsPrecomposed() {
        String nfd = java.text.Normalizer.normalize("Trần Thị Ánh", java.text.Normalizer.Form.NFD);
        NewApplication app = form.check(valid(b -> applicant(b).put("fullName", nfd)));
        assertThat(app.applicant().fullName()).isEqualTo("Trần Thị Ánh");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ApiProblem p = refused(valid(b -> {
            applicant(b).put("fullName", "X");
            applicant(b).put("idNumber", "12345");
            applicant(b).put("phone", "0212345678");
            applicant(b).put("email", "not-an-email");
            fields(b).remove("childFullName");
            fields(b).put("childDateOfBirth", "2026-02-30");
            fields(b).put("childGender", "OTHER");
            fields(b).put("copies", "two");
            fields(b).put("registerOnline", "yes");
            fields(b).put("favouriteColour", "blue");
            b.put("extra", 1);
        }));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo("validation");
        assertThat(p.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "extra", "applicant.fullName", "applicant.idNumber", "applicant.phone", "applicant.email",
                "fields.childFullName", "fields.childDateOfBirth", "fields.childGender", "fields.copies",
                "fields.registerOnline", "fields.favouriteColour");
    }

    @Test
    void missingPartsAreRequired() {
        ApiProblem p = refused(Json.MAPPER.createObjectNode());
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("procedureCode", "officeId", "applicant");
        ApiProblem nested = refused(valid(b -> {
            b.putObject("applicant");
            b.remove("fields");
        }));
        assertThat(nested.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "applicant.fullName", "applicant.idNumber", "applicant.phone",
                "fields.childFullName", "fields.childDateOfBirth", "fields.childGender");
    }

    @Test
    void wrongTypesAreFieldErrors() {
        ApiProblem p = refused(valid(b -> {
            b.put("procedureCode", 42);
            b.putArray("officeId");
            b.put("applicant", "me");
        }));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(FieldError::message)
                .containsExactly("must be a string", "must be a string", "must be an object");
        assertThat(refused(Json.MAPPER.createArrayNode()).status()).isEqualTo(400);
        assertThat(refused(valid(b -> b.put("fields", "x"))).errors())
                .extracting(FieldError::field).containsExactly("fields");
    }

    @Test
    void patternsAndNumbersFromTheCatalogueAreEnforced() {
        ApiProblem p = refused(valid(b -> {
            fields(b).put("childFullName", "R2-D2");
            fields(b).put("copies", -1);
        }));
        assertThat(p.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("fields.childFullName", "fields.copies");
        assertThat(refused(valid(b -> fields(b).put("copies", 1e300))).errors())
                .extracting(FieldError::field).containsExactly("fields.copies");
    }

    @Test
    void controlAndInvisibleCharactersAreRefused() {
        for (String bad : List.of("Nguyễn\u0000An", "Nguyễn\nAn", "Nguyễn\u202EAn", "Nguyễn\u200BAn", "An\uD800")) {
            ApiProblem p = refused(valid(b -> applicant(b).put("fullName", bad)));
            assertThat(p.errors()).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("applicant.fullName");
                assertThat(e.message()).contains("control characters");
            });
        }
        ApiProblem inField = refused(valid(b -> fields(b).put("childFullName", "An\u0007")));
        assertThat(inField.errors()).extracting(FieldError::field).containsExactly("fields.childFullName");
    }

    @Test
    void longStringsAreRefusedWithoutEchoingThem() {
        ApiProblem p = refused(valid(b -> {
            applicant(b).put("fullName", "A".repeat(50_000));
            b.put("a".repeat(10_000), true);
        }));
        assertThat(p.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("applicant.fullName", "?");
        assertThat(p.errors()).allSatisfy(e -> assertThat(e.message().length()).isLessThan(200));
    }

    @Test
    void anUnknownProcedureOrOfficeIs404() {
        ApiProblem p = refused(valid(b -> b.put("procedureCode", "XX-999")));
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.type()).isEqualTo("unknown-reference");
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("procedureCode");
        ApiProblem office = refused(valid(b -> b.put("officeId", "nowhere")));
        assertThat(office.status()).isEqualTo(404);
        assertThat(office.errors()).extracting(FieldError::field).containsExactly("officeId");
    }

    @Test
    void anUnknownProcedureWithOtherMistakesIsStillOne400WithEverything() {
        ApiProblem p = refused(valid(b -> {
            b.put("procedureCode", "XX-999");
            applicant(b).put("idNumber", "abc");
        }));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("procedureCode", "applicant.idNumber");
    }

    @Test
    void anOfficeThatDoesNotReceiveTheProcedureIs422() {
        ApiProblem p = refused(valid(b -> b.put("officeId", "so-tu-phap")));
        assertThat(p.status()).isEqualTo(422);
        assertThat(p.type()).isEqualTo("procedure-not-received");
        assertThat(p.errors()).extracting(FieldError::field).containsExactly("officeId");
    }

    @Test
    void pathTricksInIdentifiersAreMalformedNotLookedUp() {
        assertThatThrownBy(() -> form.check(valid(b -> b.put("officeId", "../hang-trong"))))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }
}
