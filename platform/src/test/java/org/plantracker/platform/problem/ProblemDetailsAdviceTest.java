package org.plantracker.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** An unreadable request body is answered by the field it failed on and a fixed sentence, never Jackson's words. */
class ProblemDetailsAdviceTest {

    enum Kind { LONG_TERM, NEAR_TERM }

    record Line(String code) {
    }

    record Request(Kind kind, LocalDate dueDate, BigDecimal value, List<Line> lines) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    private FieldProblem problemWith(String body) {
        return ProblemDetailsAdvice.unreadable(catchThrowable(() -> json.readValue(body, Request.class)));
    }

    @Test
    void aValueOutsideAnEnumNamesTheFieldAndTheAllowedValues() {
        assertThat(problemWith("{\"kind\": \"SOMETIMES\"}"))
                .isEqualTo(new FieldProblem("kind", "must be one of LONG_TERM, NEAR_TERM"));
    }

    @Test
    void anImpossibleDateNamesTheField() {
        assertThat(problemWith("{\"dueDate\": \"2026-13-01\"}"))
                .isEqualTo(new FieldProblem("dueDate", "not a date (YYYY-MM-DD)"));
    }

    @Test
    void aWordForANumberNamesTheField() {
        assertThat(problemWith("{\"value\": \"ninety\"}")).isEqualTo(new FieldProblem("value", "not a number"));
    }

    @Test
    void aNestedFieldIsNamedByItsPath() {
        assertThat(problemWith("{\"lines\": [{\"code\": \"a\"}, {\"code\": [1]}]}"))
                .isEqualTo(new FieldProblem("lines[1].code", "has the wrong type"));
    }

    @Test
    void brokenJsonIsTheBodysFault() {
        FieldProblem problem = problemWith("{\"kind\": ");
        assertThat(problem).isEqualTo(new FieldProblem("body", "not valid JSON"));
    }
}
