package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.task.command.AssignTaskCommand;
import org.plantracker.task.importing.ChineseNumerals;
import org.plantracker.task.query.Queries.FindTaskQuery;
import org.plantracker.task.query.Queries.FindTasksQuery;
import org.plantracker.task.query.TaskView;
import org.plantracker.task.web.TaskCommands.Limits;
import org.plantracker.task.web.TaskCommands.TaskVersion;
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

    private final TaskCommands commands;
    private final QueryGateway queries;

    public TaskController(TaskCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Unit codes; a group's code stands for its members.
     *
     * @param reason why the task is reassigned (every task was assigned by its import)
     */
    public record AssignmentRequest(@NotBlank @Size(max = Limits.CODE) String leadUnit,
                                    @NotEmpty @Size(max = Limits.UNITS)
                                    List<@NotBlank @Size(max = Limits.CODE) String> responsibleUnits,
                                    @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    @Operation(summary = "Tasks, filtered by plan, by unit (lead or responsible) and by section (ordinal or numeral)")
    @GetMapping
    public List<TaskView> tasks(@RequestParam(required = false) String planId,
                                @RequestParam(required = false) String unit,
                                @RequestParam(required = false) String section) {
        return queries.query(new FindTasksQuery(blankToNull(planId), blankToNull(unit), sectionOrdinal(section)),
                ResponseTypes.multipleInstancesOf(TaskView.class)).join();
    }

    @Operation(summary = "One task with its schedule, targets, milestones, acknowledgements and open requests; "
            + "its version is also the ETag")
    @GetMapping("/{taskId}")
    public ResponseEntity<TaskView> task(@PathVariable String taskId) {
        TaskView task = queries.query(new FindTaskQuery(taskId), ResponseTypes.optionalInstanceOf(TaskView.class)).join()
                .orElseThrow(() -> DomainException.notFound("No task has the id " + taskId + "."));
        return ResponseEntity.ok().eTag(TaskCommands.etag(task.version())).body(task);
    }

    @Operation(summary = "Reassign the lead unit and responsible units, with a reason (city committee only); "
            + "units new to the task are asked to acknowledge; If-Match: <version>")
    @PutMapping("/{taskId}/assignment")
    public ResponseEntity<TaskVersion> assign(@PathVariable String taskId,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody AssignmentRequest request) {
        return commands.send(taskId, new AssignTaskCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request.leadUnit(), request.responsibleUnits(), request.reason(), CurrentActor.get()));
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
