package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.task.command.AssignTaskCommand;
import org.plantracker.task.importing.ChineseNumerals;
import org.plantracker.task.query.ProjectionCatchUp;
import org.plantracker.task.query.Queries.FindTaskQuery;
import org.plantracker.task.query.Queries.FindTasksQuery;
import org.plantracker.task.query.TaskView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Tasks: the tasks read model and their assignment. */
@RestController
@RequestMapping("/api/tasks")
public class TaskController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProjectionCatchUp projections;

    public TaskController(CommandGateway commands, QueryGateway queries, ProjectionCatchUp projections) {
        this.commands = commands;
        this.queries = queries;
        this.projections = projections;
    }

    /** Unit codes; a group's code stands for its members. */
    public record AssignmentRequest(@NotBlank String leadUnit, @NotEmpty List<@NotBlank String> responsibleUnits) {
    }

    public record AssignmentResponse(String taskId, long version) {
    }

    @Operation(summary = "Tasks, filtered by plan, by unit (lead or responsible) and by section (ordinal or numeral)")
    @GetMapping
    public List<TaskView> tasks(@RequestParam(required = false) String planId,
                                @RequestParam(required = false) String unit,
                                @RequestParam(required = false) String section) {
        return queries.query(new FindTasksQuery(blankToNull(planId), blankToNull(unit), sectionOrdinal(section)),
                ResponseTypes.multipleInstancesOf(TaskView.class)).join();
    }

    @Operation(summary = "One task; its version is also the ETag")
    @GetMapping("/{taskId}")
    public ResponseEntity<TaskView> task(@PathVariable String taskId) {
        TaskView task = queries.query(new FindTaskQuery(taskId), ResponseTypes.optionalInstanceOf(TaskView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No task has the id " + taskId + "."));
        return ResponseEntity.ok().eTag(etag(task.version())).body(task);
    }

    @Operation(summary = "Set the lead unit and responsible units (city committee only); If-Match: <version>")
    @PutMapping("/{taskId}/assignment")
    public ResponseEntity<AssignmentResponse> assign(@PathVariable String taskId,
                                                     @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody AssignmentRequest request) {
        Long version = commands.sendAndWait(new AssignTaskCommand(taskId, expectedVersion(ifMatch), request.leadUnit(),
                request.responsibleUnits(), CurrentActor.get()));
        projections.awaitCaughtUp(PlanController.READ_YOUR_WRITES);
        return ResponseEntity.ok().eTag(etag(version)).body(new AssignmentResponse(taskId, version));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** If-Match as a bare number or an entity tag ("3", W/"3"); absent or * means no check. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("If-Match must carry the task's version, as its ETag gave it.",
                    new FieldProblem("If-Match", "not a version: " + ifMatch));
        }
    }

    private static Integer sectionOrdinal(String section) {
        if (section == null || section.isBlank()) {
            return null;
        }
        String s = section.trim().replaceAll("^[(（]|[)）]$", "");
        if (s.matches("[0-9]{1,3}")) {
            return Integer.valueOf(s);
        }
        int value = ChineseNumerals.parse(s);
        if (value < 0) {
            throw DomainException.badRequest("section is a section's ordinal (4) or numeral (四).",
                    new FieldProblem("section", "not a section: " + section));
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
