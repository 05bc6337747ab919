package org.plantracker.platform.messaging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The operator's view of this service's dead letters: list them, read one, send one or all back.
 * Through the gateway at {@code /api/admin/<service>/dead-letters}; city committee staff only.
 */
@RestController
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "dead letters", description = "Records this service's consumers could not process, parked for an operator")
public class DeadLetterController {

    static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(summary = "Parked (or already sent back) records, newest first (city committee only)")
    public List<DeadLetters.DeadLetter> list(
            @Parameter(description = "PARKED (default), REDELIVERED or ALL") @RequestParam(required = false) String status,
            @Parameter(description = "at most this many, 1-" + MAX_LIMIT + ", default 100") @RequestParam(required = false) Integer limit) {
        DeadLetters.requireOperator(CurrentActor.get());
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > MAX_LIMIT) {
            throw DomainException.badRequest("limit must be between 1 and " + MAX_LIMIT + ".",
                    new FieldProblem("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return deadLetters.list(status(status), max);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dead letter with its value and headers (city committee only)")
    public DeadLetters.DeadLetterContent one(@PathVariable long id) {
        DeadLetters.requireOperator(CurrentActor.get());
        return deadLetters.find(id).orElseThrow(() -> DomainException.notFound("No dead letter has the id " + id + "."));
    }

    @PostMapping("/{id}/redelivery")
    @Operation(summary = "Sends one parked record back to its topic (city committee only)")
    public DeadLetters.DeadLetter redeliver(@PathVariable long id) {
        return deadLetters.redeliver(id, CurrentActor.get());
    }

    public record Redelivered(List<DeadLetters.DeadLetter> redelivered) {
    }

    @PostMapping("/redelivery")
    @Operation(summary = "Sends every parked record back to its topic, oldest first (city committee only)")
    public Redelivered redeliverAll() {
        DeadLetters.requireOperator(CurrentActor.get());
        List<DeadLetters.DeadLetter> parked = new ArrayList<>(deadLetters.list(DeadLetters.Status.PARKED, MAX_LIMIT));
        Collections.reverse(parked);
        List<DeadLetters.DeadLetter> sent = new ArrayList<>();
        for (DeadLetters.DeadLetter letter : parked) {
            sent.add(deadLetters.redeliver(letter.id(), CurrentActor.get()));
        }
        return new Redelivered(sent);
    }

    private static DeadLetters.Status status(String status) {
        if (status == null || status.isBlank()) {
            return DeadLetters.Status.PARKED;
        }
        if (status.equalsIgnoreCase("ALL")) {
            return null;
        }
        try {
            return DeadLetters.Status.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("status is PARKED, REDELIVERED or ALL.",
                    new FieldProblem("status", "must be PARKED, REDELIVERED or ALL"));
        }
    }
}
