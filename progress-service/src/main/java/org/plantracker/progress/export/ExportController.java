package org.plantracker.progress.export;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.practice.GoodPracticeQueries;
import org.plantracker.progress.problem.ProblemQueries;
import org.plantracker.progress.query.CountyView;
import org.plantracker.progress.query.FindCountyViewQuery;
import org.plantracker.progress.query.FindMunicipalViewQuery;
import org.plantracker.progress.query.MunicipalView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * The municipal and county views as ledgers (台账) to download: .xlsx with a sheet per plan section
 * and the summaries, or CSV with the task rows. The same people read them as read the views.
 */
@RestController
public class ExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final QueryGateway queries;
    private final ProblemQueries problems;
    private final GoodPracticeQueries practices;

    public ExportController(QueryGateway queries, ProblemQueries problems, GoodPracticeQueries practices) {
        this.queries = queries;
        this.problems = problems;
        this.practices = practices;
    }

    @Operation(summary = "The municipal view as a ledger (台账): .xlsx with a sheet per plan section and the counts, "
            + "problems and published practices, or CSV of the task rows (city committee only)")
    @GetMapping("/api/views/municipal/export")
    public ResponseEntity<byte[]> municipal(@RequestParam(required = false) String planId,
                                            @RequestParam(required = false) String format) {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee exports the municipal view.");
        }
        String plan = requirePlanId(planId);
        String fmt = requireFormat(format);
        MunicipalView view = queries.query(new FindMunicipalViewQuery(plan), ResponseTypes.optionalInstanceOf(MunicipalView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound("No task of plan " + plan + " is known here."));
        return download(LedgerLayout.municipal(view, problems.ofPlan(plan, null, null), practices.published(plan)), fmt);
    }

    @Operation(summary = "A county view as a ledger (台账), .xlsx or CSV (that county committee, or the city committee)")
    @GetMapping("/api/views/county/{unitCode}/export")
    public ResponseEntity<byte[]> county(@PathVariable String unitCode, @RequestParam(required = false) String planId,
                                         @RequestParam(required = false) String format) {
        Actor actor = CurrentActor.get();
        boolean ownCounty = actor.hasRole(Roles.COUNTY_COMMITTEE) && unitCode.equals(actor.unitCode());
        if (!ownCounty && !actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("A county committee exports only its own county view.");
        }
        String plan = requirePlanId(planId);
        String fmt = requireFormat(format);
        CountyView view = queries.query(new FindCountyViewQuery(unitCode, plan), ResponseTypes.optionalInstanceOf(CountyView.class))
                .join()
                .orElseThrow(() -> DomainException.notFound(
                        "No county committee " + unitCode + " has a share in plan " + plan + "."));
        return download(LedgerLayout.county(view), fmt);
    }

    private static ResponseEntity<byte[]> download(Ledger ledger, String format) {
        boolean xlsx = format.equals("xlsx");
        byte[] body = xlsx ? LedgerWriters.xlsx(ledger) : LedgerWriters.csv(ledger);
        return ResponseEntity.ok()
                .contentType(xlsx ? XLSX : CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ledger.title() + "." + format, StandardCharsets.UTF_8).build().toString())
                .body(body);
    }

    private static String requirePlanId(String planId) {
        if (planId == null || planId.isBlank()) {
            throw DomainException.badRequest("Name the plan: ?planId=", new FieldProblem("planId", "is required"));
        }
        return planId;
    }

    /** xlsx when not named. */
    private static String requireFormat(String format) {
        if (format == null || format.isBlank()) {
            return "xlsx";
        }
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw DomainException.badRequest("Unknown export format " + format + ".",
                    new FieldProblem("format", "must be xlsx or csv"));
        }
        return format;
    }
}
