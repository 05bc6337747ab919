package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.task.api.Target;
import org.plantracker.task.command.AddMilestoneCommand;
import org.plantracker.task.command.AddTargetCommand;
import org.plantracker.task.command.RemoveMilestoneCommand;
import org.plantracker.task.command.RemoveTargetCommand;
import org.plantracker.task.command.ReviseMilestoneCommand;
import org.plantracker.task.command.ReviseTargetCommand;
import org.plantracker.task.command.TargetDraft;
import org.plantracker.task.web.TaskCommands.Limits;
import org.plantracker.task.web.TaskCommands.TaskVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Refinement of a task by its lead unit (细化内容、确定目标): targets and milestones, each with a stable id
 * within the task (T1, T2, … and M1, M2, …) that reports refer to. Only the lead unit, by its unit code.
 */
@RestController
@RequestMapping("/api/tasks/{taskId}")
public class TaskRefinementController {

    private final TaskCommands commands;

    public TaskRefinementController(TaskCommands commands) {
        this.commands = commands;
    }

    /**
     * MEASURABLE: metric, targetValue and direction (unit optional), e.g. 五好关工委达标率 ≥ 90 %;
     * DATED: from and to (a month as its first day); QUALITATIVE: the description alone.
     */
    public record TargetRequest(@NotBlank @Size(max = Limits.TEXT) String description,
                                @Size(max = Limits.CODE) String metric,
                                @Size(max = 20) String unit,
                                @Digits(integer = 12, fraction = 4) @DecimalMin("-1000000000000")
                                @DecimalMax("1000000000000") BigDecimal targetValue,
                                Target.Direction direction, LocalDate from, LocalDate to) {

        TargetDraft draft() {
            return new TargetDraft(description, metric, unit, targetValue, direction, from, to);
        }
    }

    public record MilestoneRequest(@NotBlank @Size(max = Limits.TITLE) String title, @NotNull LocalDate dueDate) {
    }

    public record TargetCreated(String taskId, String targetId, long version) {
    }

    public record MilestoneCreated(String taskId, String milestoneId, long version) {
    }

    @Operation(summary = "Add a target (lead unit only): measurable, dated or qualitative")
    @PostMapping("/targets")
    public ResponseEntity<TargetCreated> addTarget(@PathVariable String taskId,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody TargetRequest request) {
        return commands.create(new AddTargetCommand(taskId, TaskCommands.expectedVersion(ifMatch), request.draft(),
                CurrentActor.get()), (id, version) -> new TargetCreated(taskId, id, version));
    }

    @Operation(summary = "Revise a target (lead unit only); its id stays")
    @PutMapping("/targets/{targetId}")
    public ResponseEntity<TaskVersion> reviseTarget(@PathVariable String taskId, @PathVariable String targetId,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody TargetRequest request) {
        return commands.send(taskId, new ReviseTargetCommand(taskId, TaskCommands.expectedVersion(ifMatch), targetId,
                request.draft(), CurrentActor.get()));
    }

    @Operation(summary = "Remove a target, with a reason (lead unit only); figures reported against it stay on record")
    @DeleteMapping("/targets/{targetId}")
    public ResponseEntity<TaskVersion> removeTarget(@PathVariable String taskId, @PathVariable String targetId,
                                                    @RequestParam(required = false) String reason,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(taskId, new RemoveTargetCommand(taskId, TaskCommands.expectedVersion(ifMatch), targetId,
                TaskCommands.reasonParameter(reason), CurrentActor.get()));
    }

    @Operation(summary = "Add a milestone (节点) with its date (lead unit only)")
    @PostMapping("/milestones")
    public ResponseEntity<MilestoneCreated> addMilestone(@PathVariable String taskId,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody MilestoneRequest request) {
        return commands.create(new AddMilestoneCommand(taskId, TaskCommands.expectedVersion(ifMatch), request.title(),
                request.dueDate(), CurrentActor.get()), (id, version) -> new MilestoneCreated(taskId, id, version));
    }

    @Operation(summary = "Revise a milestone's title or date (lead unit only)")
    @PutMapping("/milestones/{milestoneId}")
    public ResponseEntity<TaskVersion> reviseMilestone(@PathVariable String taskId, @PathVariable String milestoneId,
                                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Valid @RequestBody MilestoneRequest request) {
        return commands.send(taskId, new ReviseMilestoneCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                milestoneId, request.title(), request.dueDate(), CurrentActor.get()));
    }

    @Operation(summary = "Remove a milestone, with a reason (lead unit only)")
    @DeleteMapping("/milestones/{milestoneId}")
    public ResponseEntity<TaskVersion> removeMilestone(@PathVariable String taskId, @PathVariable String milestoneId,
                                                       @RequestParam(required = false) String reason,
                                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(taskId, new RemoveMilestoneCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                milestoneId, TaskCommands.reasonParameter(reason), CurrentActor.get()));
    }
}
