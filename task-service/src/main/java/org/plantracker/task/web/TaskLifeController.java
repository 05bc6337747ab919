package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.command.AcknowledgeAssignmentCommand;
import org.plantracker.task.command.CloseTaskCommand;
import org.plantracker.task.command.DecideAdjustmentCommand;
import org.plantracker.task.command.DecideExtensionCommand;
import org.plantracker.task.command.ReopenTaskCommand;
import org.plantracker.task.command.RequestAdjustmentCommand;
import org.plantracker.task.command.RequestExtensionCommand;
import org.plantracker.task.command.ScheduleTaskCommand;
import org.plantracker.task.web.TaskCommands.Limits;
import org.plantracker.task.web.TaskCommands.TaskVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * A task's life after its assignment: the schedule the city committee sets, each unit's acknowledgement
 * (签收) or request to adjust its assignment, extension requests (延期申请), closing (办结) and reopening.
 * Who may do what is decided by the Task aggregate; every write takes an optional If-Match: &lt;version&gt;.
 */
@RestController
@RequestMapping("/api/tasks/{taskId}")
public class TaskLifeController {

    private final TaskCommands commands;

    public TaskLifeController(TaskCommands commands) {
        this.commands = commands;
    }

    /**
     * LONG_TERM: a reporting cycle and no due date; NEAR_TERM: a due date, and a reporting cycle when it
     * reports on the way.
     *
     * @param reason why an existing schedule changes; not needed for the first
     */
    public record ScheduleRequest(@NotNull TaskKind kind, LocalDate dueDate, ReportingCycle reportingCycle,
                                  @Size(max = Limits.TEXT) String reason) {
    }

    public record ReasonRequest(@NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    public record ExtensionRequest(@NotNull LocalDate requestedDueDate, @NotBlank @Size(max = Limits.TEXT) String reason) {
    }

    public enum Decision { APPROVE, REJECT }

    /** @param comment why, when rejecting; optional when approving */
    public record DecisionRequest(@NotNull Decision decision, @Size(max = Limits.TEXT) String comment) {
    }

    public record CloseRequest(@Size(max = Limits.TEXT) String comment) {
    }

    public record RequestCreated(String taskId, String requestId, long version) {
    }

    @Operation(summary = "Schedule the task (city committee only): LONG_TERM with a reporting cycle, or NEAR_TERM "
            + "with a due date (and optionally a cycle); a changed schedule needs a reason")
    @PutMapping("/schedule")
    public ResponseEntity<TaskVersion> schedule(@PathVariable String taskId,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody ScheduleRequest request) {
        return commands.send(taskId, new ScheduleTaskCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request.kind(), request.dueDate(), request.reportingCycle(), request.reason(), CurrentActor.get()));
    }

    @Operation(summary = "Acknowledge (签收) the caller's own assignment to the task (an assigned unit, for itself)")
    @PostMapping("/acknowledgement")
    public ResponseEntity<TaskVersion> acknowledge(@PathVariable String taskId,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return commands.send(taskId, new AcknowledgeAssignmentCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                CurrentActor.get()));
    }

    @Operation(summary = "Ask, instead of acknowledging, for the caller's own assignment to be adjusted, with a reason")
    @PostMapping("/adjustment-requests")
    public ResponseEntity<RequestCreated> requestAdjustment(@PathVariable String taskId,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            @Valid @RequestBody ReasonRequest request) {
        return commands.create(new RequestAdjustmentCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request.reason(), CurrentActor.get()), (id, version) -> new RequestCreated(taskId, id, version));
    }

    @Operation(summary = "Approve or reject an adjustment request (city committee only); a rejection needs a comment. "
            + "An approval changes no unit by itself: reassign the task with PUT /assignment")
    @PostMapping("/adjustment-requests/{requestId}/decision")
    public ResponseEntity<TaskVersion> decideAdjustment(@PathVariable String taskId, @PathVariable String requestId,
                                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @Valid @RequestBody DecisionRequest request) {
        return commands.send(taskId, new DecideAdjustmentCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                requestId, request.decision() == Decision.APPROVE, request.comment(), CurrentActor.get()));
    }

    @Operation(summary = "Ask for a later due date (延期申请), with a reason (a unit assigned to the task, for itself)")
    @PostMapping("/extension-requests")
    public ResponseEntity<RequestCreated> requestExtension(@PathVariable String taskId,
                                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                           @Valid @RequestBody ExtensionRequest request) {
        return commands.create(new RequestExtensionCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request.requestedDueDate(), request.reason(), CurrentActor.get()),
                (id, version) -> new RequestCreated(taskId, id, version));
    }

    @Operation(summary = "Grant (the requested date becomes the due date) or refuse an extension request "
            + "(city committee only); a refusal needs a comment")
    @PostMapping("/extension-requests/{requestId}/decision")
    public ResponseEntity<TaskVersion> decideExtension(@PathVariable String taskId, @PathVariable String requestId,
                                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Valid @RequestBody DecisionRequest request) {
        return commands.send(taskId, new DecideExtensionCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                requestId, request.decision() == Decision.APPROVE, request.comment(), CurrentActor.get()));
    }

    @Operation(summary = "Close the task (办结; city committee only), once its lead unit's summary was accepted")
    @PostMapping("/close")
    public ResponseEntity<TaskVersion> close(@PathVariable String taskId,
                                             @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                             @Valid @RequestBody(required = false) CloseRequest request) {
        return commands.send(taskId, new CloseTaskCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request == null ? null : request.comment(), CurrentActor.get()));
    }

    @Operation(summary = "Reopen a closed task, with a reason (city committee only); closing it again needs a "
            + "newly accepted summary")
    @PostMapping("/reopen")
    public ResponseEntity<TaskVersion> reopen(@PathVariable String taskId,
                                              @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              @Valid @RequestBody ReasonRequest request) {
        return commands.send(taskId, new ReopenTaskCommand(taskId, TaskCommands.expectedVersion(ifMatch),
                request.reason(), CurrentActor.get()));
    }
}
