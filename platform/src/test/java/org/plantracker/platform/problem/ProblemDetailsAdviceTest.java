package org.plantracker.platform.problem;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Problem details carry fixed, human sentences: nothing of Jackson's, Axon's or a library's own
 * exception text (class names, aggregate ids, sequence numbers) reaches the client.
 */
class ProblemDetailsAdviceTest {

    record Figure(String targetId, BigDecimal value) {
    }

    record Report(LocalDate dueDate, List<Figure> figures) {
    }

    @RestController
    static class Throwing {
        @PostMapping("/reports")
        String report(@RequestBody Report report) {
            return "ok";
        }

        @GetMapping("/conflict")
        String conflict() {
            throw new ConcurrencyException("An event for aggregate [share-0193abc] at sequence [7] was already inserted");
        }

        @GetMapping("/missing")
        String missing() {
            throw new AggregateNotFoundException("share-0193abc", "The aggregate was not found in the event store");
        }

        @GetMapping("/illegal")
        String illegal() {
            throw new IllegalArgumentException("record at plan-tracker.task-events-0@17 has no event-id header");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Throwing())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void aValueOfTheWrongTypeIsNamedByItsFieldWithoutJacksonsMessage() throws Exception {
        String body = answer(post("/reports").contentType(MediaType.APPLICATION_JSON)
                .content("{\"dueDate\":\"2022-02-30x\",\"figures\":[]}"), 400);
        assertThat(body).contains("\"field\":\"dueDate\"").contains("wrong type or format in dueDate");
        assertNoInternals(body);

        String nested = answer(post("/reports").contentType(MediaType.APPLICATION_JSON)
                .content("{\"figures\":[{\"targetId\":\"t1\",\"value\":\"many\"}]}"), 400);
        assertThat(nested).contains("\"field\":\"figures[0].value\"");
        assertNoInternals(nested);

        String broken = answer(post("/reports").contentType(MediaType.APPLICATION_JSON).content("{\"dueDate\": "), 400);
        assertThat(broken).contains("\"field\":\"body\"").contains("not valid JSON");
        assertNoInternals(broken);
    }

    @Test
    void axonsAndLibrariesMessagesStayInTheLog() throws Exception {
        String conflict = answer(get("/conflict"), 409);
        assertThat(conflict).contains("reload it and try again").contains("If-Match");
        assertNoInternals(conflict);
        String missing = answer(get("/missing"), 404);
        assertNoInternals(missing);
        String illegal = answer(get("/illegal"), 400);
        assertThat(illegal).doesNotContain("plan-tracker.task-events").doesNotContain("header");
    }

    private String answer(org.springframework.test.web.servlet.RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(status);
        return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContain("java.").doesNotContain("com.fasterxml").doesNotContain("Cannot deserialize")
                .doesNotContain("org.plantracker").doesNotContain("share-0193abc").doesNotContain("sequence [")
                .doesNotContain("line: ").doesNotContain("Source:");
    }
}
