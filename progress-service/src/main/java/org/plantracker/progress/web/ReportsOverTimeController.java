package org.plantracker.progress.web;

import io.swagger.v3.oas.annotations.Operation;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.query.ReportsPerMonth;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The municipal dashboard's "reports over time" chart. */
@RestController
public class ReportsOverTimeController {

    private final ReportsPerMonth reportsPerMonth;

    public ReportsOverTimeController(ReportsPerMonth reportsPerMonth) {
        this.reportsPerMonth = reportsPerMonth;
    }

    @Operation(summary = "Progress reports submitted per month in a plan (city committee only)")
    @GetMapping("/api/views/municipal/reports-per-month")
    public ReportsPerMonth.View reportsPerMonth(@RequestParam(required = false) String planId) {
        if (!CurrentActor.get().hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee reads the municipal view.");
        }
        if (planId == null || planId.isBlank()) {
            throw DomainException.badRequest("Name the plan: ?planId=", new FieldProblem("planId", "is required"));
        }
        return reportsPerMonth.of(planId)
                .orElseThrow(() -> DomainException.notFound("No task of plan " + planId + " is known here."));
    }
}
