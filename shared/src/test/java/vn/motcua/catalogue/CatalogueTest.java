package vn.motcua.catalogue;

import vn.motcua.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.motcua.problem.ApiProblem;

class CatalogueTest {

    static final CatalogueData DATA = CatalogueFiles.read(Path.of("../data"));

    private final AtomicInteger loads = new AtomicInteger();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
    private final Catalogue catalogue = new Catalogue(() -> {
        loads.incrementAndGet();
        return DATA;
    }, clock, Duration.ofMinutes(5));

    @Test
    void primingLoadsOnceAndARestoreLaterThanTheTtlReloads() {
        assertThat(catalogue.prime()).isTrue();
        catalogue.requireProcedure("HT-001");
        assertThat(loads).hasValue(1);

        clock.advance(Duration.ofDays(2)); // a snapshot restored two days after it was taken
        catalogue.requireProcedure("HT-001");
        assertThat(loads).hasValue(2);
    }

    @Test
    void primingWithoutTheTableLogsAndTheFirstRequestLoads() {
        AtomicInteger attempts = new AtomicInteger();
        Catalogue offline = new Catalogue(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("no network at snapshot time");
            }
            return DATA;
        }, clock, Duration.ofMinutes(5));

        assertThat(offline.prime()).isFalse();
        assertThat(offline.requireProcedure("HT-001").code()).isEqualTo("HT-001");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void searchWithoutDiacriticsFindsBirthRegistration() {
        Page<Procedure> page = catalogue.search(query("dang ky khai sinh", null, null, null));
        assertThat(page.items()).extracting(p -> p.name().vi()).contains("Đăng ký khai sinh");
    }

    @Test
    void searchWithDiacriticsAndEnglishBothMatch() {
        assertThat(catalogue.search(query("Khai sinh", null, null, null)).items()).isNotEmpty();
        assertThat(catalogue.search(query("birth registration", null, null, null)).items())
                .extracting(Procedure::code).contains("HT-001");
    }

    @Test
    void filtersByCategoryAndLevel() {
        Page<Procedure> page = catalogue.search(query("", "civil-status", "COMMUNE", "100"));
        assertThat(page.items()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.category()).isEqualTo("civil-status");
            assertThat(p.level()).isEqualTo(Level.COMMUNE);
        });
    }

    @Test
    void paginationVisitsEveryProcedureOnceInCodeOrder() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        String token = null;
        do {
            Page<Procedure> page = catalogue.search(new ProcedureQuery("", null, null, 7, token));
            assertThat(page.items().size()).isLessThanOrEqualTo(7);
            page.items().forEach(p -> seen.add(p.code()));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).hasSize(DATA.procedures().size()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aForgedTokenIsAClientError() {
        assertThatThrownBy(() -> catalogue.search(new ProcedureQuery("", null, null, 5, "%%%")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void badQueryValuesAreRefusedTogether() {
        assertThatThrownBy(() -> ProcedureQuery.parse(Optional.of("x"), Optional.of("NOT A CATEGORY"),
                Optional.of("GALAXY"), Optional.of("0"), Optional.empty()))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.errors()).extracting(e -> e.field()).containsExactly("category", "level", "limit");
                });
    }

    @Test
    void cachesUntilTheTtlThenReloads() {
        catalogue.procedure("HT-001");
        catalogue.office("hoan-kiem");
        assertThat(loads).hasValue(1);
        clock.advance(Duration.ofMinutes(6));
        catalogue.procedure("HT-001");
        assertThat(loads).hasValue(2);
    }

    @Test
    void unknownProcedureIsNotFound() {
        assertThatThrownBy(() -> catalogue.requireProcedure("XX-999"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
    }

    @Test
    void holidaysIncludeTet2027() {
        assertThat(catalogue.holidays()).contains(LocalDate.of(2027, 2, 8));
    }

    @Test
    void referenceDataHasTheOfficesTheCityNeeds() {
        Office district = catalogue.requireOffice("hoan-kiem");
        assertThat(district.counters()).isEqualTo(6);
        assertThat(district.sessions(java.time.DayOfWeek.SATURDAY)).isNotEmpty();
        assertThat(DATA.procedures()).hasSizeGreaterThanOrEqualTo(20);
    }

    private static ProcedureQuery query(String q, String category, String level, String limit) {
        return ProcedureQuery.parse(Optional.ofNullable(q), Optional.ofNullable(category),
                Optional.ofNullable(level), Optional.ofNullable(limit), Optional.empty());
    }

}
