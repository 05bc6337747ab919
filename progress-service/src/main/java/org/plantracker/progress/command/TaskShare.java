package org.plantracker.progress.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.task.api.UnitRef;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One unit's share of one task: progress-service's own record that the unit is assigned to the
 * task, and the place where its progress reports are accepted. Its id is
 * {@code taskId + ":" + unitCode}, so a unit finds its share from the task id and its own code.
 */
@Aggregate(cache = TaskShare.CACHE)
public class TaskShare {

    /** The bean name of the cache of recently used shares (see AggregateCacheConfig). */
    public static final String CACHE = "taskShareCache";

    @AggregateIdentifier
    private String shareId;
    private String taskId;
    private String planId;
    private int taskNumber;
    private String taskTitle;
    private UnitRef unit;
    private UnitRef leadUnit;
    private boolean assigned;
    /** The task version of the last assignment or withdrawal applied: older ones arrive late and change nothing. */
    private long taskVersion;

    protected TaskShare() {
        // rebuilt from its events
    }

    public static String idOf(String taskId, String unitCode) {
        return taskId + ":" + unitCode;
    }

    /**
     * Creates the share on the unit's first assignment to the task. An assignment that is not newer
     * than the one already applied (a re-delivered or late event) changes nothing, so assigning is
     * idempotent.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AssignTaskShareCommand command) {
        if (shareId != null && command.taskVersion() <= taskVersion) {
            return;
        }
        apply(new TaskShareAssignedEvent(command.shareId(), command.taskId(), command.planId(), command.taskNumber(),
                command.sectionOrdinal(), command.sectionTitle(), command.taskTitle(), command.unit(),
                command.leadUnit(), command.lead(), command.responsible(), command.taskVersion()));
    }

    /**
     * Withdraws an assigned share. A share that never existed here (the assignment that created it
     * was never seen) or that is already withdrawn has nothing to withdraw; the command must still
     * succeed, or one unknown unit would send the whole task assignment to the dead-letter topic.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawTaskShareCommand command) {
        if (shareId == null || !assigned || command.taskVersion() <= taskVersion) {
            return;
        }
        apply(new TaskShareWithdrawnEvent(shareId, taskId, unit.code(), command.taskVersion()));
    }

    /** A unit reports only on its own share, and only while it is assigned to the task. */
    @CommandHandler
    public String handle(SubmitProgressReportCommand command,
                         @MetaDataValue(EventMetadata.ACTOR_UNIT) String actorUnit) {
        if (actorUnit == null || !actorUnit.equals(unit.code())) {
            throw DomainException.forbidden("A unit reports only for itself: " + actorUnit
                    + " may not report on the share of " + unit.name() + " (" + unit.code() + ") in task " + taskId + ".");
        }
        if (!assigned) {
            throw DomainException.forbidden(unit.name() + " (" + unit.code() + ") is no longer assigned to task "
                    + taskId + " and cannot report on it.");
        }
        apply(new ProgressReportSubmittedEvent(command.reportId(), shareId, taskId, planId, taskNumber, taskTitle,
                unit, leadUnit, command.period(), command.status(), command.narrative(), command.figures(),
                command.problems(), command.goodPractice()));
        return command.reportId();
    }

    @EventSourcingHandler
    void on(TaskShareAssignedEvent event) {
        shareId = event.shareId();
        taskId = event.taskId();
        planId = event.planId();
        taskNumber = event.taskNumber();
        taskTitle = event.taskTitle();
        unit = event.unit();
        leadUnit = event.leadUnit();
        assigned = true;
        taskVersion = event.taskVersion();
    }

    @EventSourcingHandler
    void on(TaskShareWithdrawnEvent event) {
        assigned = false;
        taskVersion = event.taskVersion();
    }
}
