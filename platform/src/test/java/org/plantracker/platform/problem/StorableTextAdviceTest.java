package org.plantracker.platform.problem;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextAdviceTest {

    record Figure(String targetId, BigDecimal value) {
    }

    record Report(String period, String narrative, List<Figure> figures, List<String> problems, Map<String, String> extra) {
    }

    @Test
    void ordinaryTextIncludingCharactersOutsideTheBasicPlaneIsStorable() {
        assertThat(StorableTextAdvice.storable("密山市“五老”𠀀 \t\n‮")).isTrue();
        assertThat(StorableTextAdvice.firstUnstorable(
                new Report("2022-Q2", "按计划推进𠀀", List.of(new Figure("T1", BigDecimal.ONE)), List.of("经费不足"),
                        Map.of("k", "v")), "body", 0)).isNull();
    }

    @Test
    void aNulOrAnUnpairedSurrogateIsNamedByItsPath() {
        assertThat(StorableTextAdvice.firstUnstorable(new Report("2022-Q2", "a\u0000b", List.of(), List.of(), Map.of()),
                "body", 0)).isEqualTo("narrative");
        assertThat(StorableTextAdvice.firstUnstorable(new Report("2022-Q2", "ok",
                List.of(new Figure("T1", BigDecimal.ONE), new Figure("T\ud800", BigDecimal.ONE)), List.of(), Map.of()),
                "body", 0)).isEqualTo("figures[1].targetId");
        assertThat(StorableTextAdvice.firstUnstorable(new Report("2022-Q2", "ok", List.of(), List.of("x", "\udc00y"),
                Map.of()), "body", 0)).isEqualTo("problems[1]");
        assertThat(StorableTextAdvice.firstUnstorable(new Report("2022-Q2", "ok", List.of(), List.of(),
                Map.of("k", "\u0000")), "body", 0)).isEqualTo("extra.k");
        assertThat(StorableTextAdvice.firstUnstorable("plan text\u0000", "body", 0)).isEqualTo("body");
        assertThat(StorableTextAdvice.storable("\ud800")).isFalse();
        assertThat(StorableTextAdvice.storable("x\udc00")).isFalse();
    }
}
