package vn.motcua.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.motcua.id.IdGenerator;
import vn.motcua.problem.ApiProblem;

class TrackingCodeTest {

    final IdGenerator ids = IdGenerator.seeded(42);

    @Test
    void looksLikeFourGroupsOfFourAfterTheCityPrefix() {
        String code = TrackingCode.generate(ids).value();
        assertThat(code).matches("HN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
    }

    @Test
    void carriesAtLeastSixtyRandomBits() {
        // 15 data symbols of 5 bits; every position takes every symbol over enough samples.
        assertThat(TrackingCode.DATA_SYMBOLS * 5).isGreaterThanOrEqualTo(60);
        Set<String> seen = new HashSet<>();
        boolean[][] symbolAt = new boolean[TrackingCode.DATA_SYMBOLS][32];
        for (int i = 0; i < 20_000; i++) {
            String symbols = TrackingCode.generate(ids).value().substring(3).replace("-", "");
            seen.add(symbols);
            for (int p = 0; p < TrackingCode.DATA_SYMBOLS; p++) {
                symbolAt[p][TrackingCode.ALPHABET.indexOf(symbols.charAt(p))] = true;
            }
        }
        assertThat(seen).hasSize(20_000);
        for (boolean[] position : symbolAt) {
            assertThat(position).doesNotContain(false);
        }
    }

    @Test
    void theDocumentedExampleIsAValidCode() {
        assertThat(TrackingCode.parse("hn-7k3f-9qxa-m2p5-r8tk").value()).isEqualTo("HN-7K3F-9QXA-M2P5-R8TK");
    }

    @Test
    void parsesCaseInsensitivelyWithOrWithoutSeparators() {
        TrackingCode code = TrackingCode.generate(ids);
        String bare = code.value().replace("-", "");
        assertThat(TrackingCode.parse(code.value().toLowerCase())).isEqualTo(code);
        assertThat(TrackingCode.parse(bare)).isEqualTo(code);
        assertThat(TrackingCode.parse(bare.substring(2))).isEqualTo(code);
        assertThat(TrackingCode.parse(" " + code.value().replace("-", " ") + " ")).isEqualTo(code);
    }

    @Test
    void readsIAndLAsOneAndOAsZero() {
        TrackingCode code = codeContaining('1', '0');
        String spoken = code.value().substring(3).replace('1', 'l').replace('0', 'O');
        assertThat(TrackingCode.parse("HN-" + spoken)).isEqualTo(code);
        assertThat(TrackingCode.parse("HN-" + code.value().substring(3).replace('1', 'I'))).isEqualTo(code);
    }

    @Test
    void everySingleMistypedSymbolIsCaught() {
        for (int n = 0; n < 200; n++) {
            String symbols = TrackingCode.generate(ids).value().substring(3).replace("-", "");
            for (int p = 0; p < symbols.length(); p++) {
                for (char c : TrackingCode.ALPHABET.toCharArray()) {
                    if (c == symbols.charAt(p)) {
                        continue;
                    }
                    String typo = symbols.substring(0, p) + c + symbols.substring(p + 1);
                    assertThat(TrackingCode.tryParse(typo)).as(typo).isEmpty();
                }
            }
        }
    }

    @Test
    void everySwapOfTwoDifferentSymbolsIsCaught() {
        for (int n = 0; n < 200; n++) {
            char[] symbols = TrackingCode.generate(ids).value().substring(3).replace("-", "").toCharArray();
            for (int i = 0; i < symbols.length; i++) {
                for (int j = i + 1; j < symbols.length; j++) {
                    if (symbols[i] == symbols[j]) {
                        continue;
                    }
                    char[] swapped = symbols.clone();
                    swapped[i] = symbols[j];
                    swapped[j] = symbols[i];
                    assertThat(TrackingCode.tryParse(new String(swapped))).isEmpty();
                }
            }
        }
    }

    @Test
    void aBadCodeIsTheSame404AsAnUnknownOne() {
        for (String bad : new String[] {"", "HN", "HN-0000", "HN-7K3F-9QXA-M2P5-R8T", "HN-UUUU-UUUU-UUUU-UUUU",
                "../../etc/passwd", "HN-7K3F-9QXA-M2P5-R8T4-0", "x".repeat(10_000), "HN-ÁÁÁÁ-0000-0000-0000"}) {
            assertThatThrownBy(() -> TrackingCode.parse(bad))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> {
                        assertThat(p.status()).isEqualTo(404);
                        assertThat(p.detail()).isEqualTo(TrackingCode.notFound().detail());
                    });
        }
    }

    private TrackingCode codeContaining(char a, char b) {
        while (true) {
            TrackingCode code = TrackingCode.generate(ids);
            if (code.value().indexOf(a, 3) > 0 && code.value().indexOf(b, 3) > 0) {
                return code;
            }
        }
    }
}
