package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.task.query.Queries.FindUnitQuery;
import org.plantracker.task.query.Queries.FindUnitsQuery;
import org.plantracker.task.query.UnitView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The units registry as clients (and the gateway, at login) read it. */
@RestController
@RequestMapping("/api/units")
public class UnitController {

    private final QueryGateway queries;

    public UnitController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Every registered unit; a GROUP lists its members")
    @GetMapping
    public List<UnitView> units() {
        return queries.query(new FindUnitsQuery(), ResponseTypes.multipleInstancesOf(UnitView.class)).join();
    }

    @Operation(summary = "One unit by its code (its login name)")
    @GetMapping("/{code}")
    public UnitView unit(@PathVariable String code) {
        return queries.query(new FindUnitQuery(code), ResponseTypes.optionalInstanceOf(UnitView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No unit has the code " + code + "."));
    }
}
