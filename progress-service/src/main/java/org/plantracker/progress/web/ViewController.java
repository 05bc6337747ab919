package org.plantracker.progress.web;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.query.CountyView;
import org.plantracker.progress.query.FindCountyViewQuery;
import org.plantracker.progress.query.FindLeadUnitViewQuery;
import org.plantracker.progress.query.LeadUnitView;
import org.plantracker.progress.query.FindMunicipalViewQuery;
import org.plantracker.progress.query.MunicipalView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The municipal view (the city committee's), the county views (each county committee's own) and the lead-unit views. */
@RestController
public class ViewController {

    private final QueryGateway queries;

    public ViewController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/views/municipal")
    public MunicipalView municipal(@RequestParam(required = false) String planId) {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee reads the municipal view.");
        }
        String plan = requirePlanId(planId);
        return queries.query(new FindMunicipalViewQuery(plan), ResponseTypes.optionalInstanceOf(MunicipalView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound("No task of plan " + plan + " is known here."));
    }

    /** A county committee reads only its own county view; the city committee reads every county's. */
    @GetMapping("/api/views/county/{unitCode}")
    public CountyView county(@PathVariable String unitCode, @RequestParam(required = false) String planId) {
        Actor actor = CurrentActor.get();
        boolean ownCounty = actor.hasRole(Roles.COUNTY_COMMITTEE) && unitCode.equals(actor.unitCode());
        if (!ownCounty && !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("A county committee reads only its own county view.");
        }
        String plan = requirePlanId(planId);
        return queries.query(new FindCountyViewQuery(unitCode, plan), ResponseTypes.optionalInstanceOf(CountyView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound(
                        "No county committee " + unitCode + " has a share in plan " + plan + "."));
    }

    /** A unit reads its own lead-unit view; the city committee reads every unit's. */
    @io.swagger.v3.oas.annotations.Operation(summary = "The tasks a unit leads and the state of each responsible unit's reports (the unit itself, the city committee)")
    @GetMapping("/api/views/lead/{unitCode}")
    public LeadUnitView lead(@PathVariable String unitCode, @RequestParam(required = false) String planId) {
        Actor actor = CurrentActor.get();
        if (!unitCode.equals(actor.unitCode()) && !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("A unit reads only its own lead-unit view.");
        }
        String plan = requirePlanId(planId);
        return queries.query(new FindLeadUnitViewQuery(unitCode, plan), ResponseTypes.optionalInstanceOf(LeadUnitView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound(unitCode + " leads no task of plan " + plan + "."));
    }

    private static String requirePlanId(String planId) {
        if (planId == null || planId.isBlank()) {
            throw DomainException.badRequest("Name the plan: ?planId=", new FieldProblem("planId", "is required"));
        }
        return planId;
    }
}
