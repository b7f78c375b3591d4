package vn.motcua.officer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;

class OfficerTest {

    static Officer from(Map<String, String> claims) {
        return Officer.from(name -> Optional.ofNullable(claims.get(name)));
    }

    static Map<String, String> claims(String groups, String office) {
        Map<String, String> claims = new HashMap<>(Map.of("sub", "officer-1"));
        if (groups != null) {
            claims.put("cognito:groups", groups);
        }
        if (office != null) {
            claims.put("custom:officeId", office);
        }
        return claims;
    }

    @ParameterizedTest
    @ValueSource(strings = {"[officer]", "officer", "[officer supervisor]", "[\"officer\",\"auditor\"]", "auditor,officer"})
    void theGroupClaimIsReadInEveryFormApiGatewayOrCognitoGivesIt(String groups) {
        Officer officer = from(claims(groups, "hoan-kiem"));
        assertThat(officer.officeId()).isEqualTo("hoan-kiem");
        assertThat(officer.subject()).isEqualTo("officer-1");
        assertThat(officer.roles()).contains(Officer.Role.OFFICER);
    }

    @Test
    void aSupervisorIsAnOfficerOfTheOfficeToo() {
        assertThat(from(claims("[supervisor]", "hang-trong")).roles()).containsExactly(Officer.Role.SUPERVISOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "[citizen]", "[officers]", "[admin auditor]"})
    void aTokenWithoutAnOfficerGroupIsForbidden(String groups) {
        assertThatThrownBy(() -> from(claims(groups, "hoan-kiem")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
    }

    @Test
    void aTokenWithoutAnOfficeIsForbidden() {
        assertThatThrownBy(() -> from(claims("[officer]", null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
        assertThatThrownBy(() -> from(claims("[officer]", "Hoàn Kiếm/../x")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(403));
    }

    @Test
    void noClaimsAtAllIsUnauthorized() {
        assertThatThrownBy(() -> from(Map.of()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(401));
    }
}
