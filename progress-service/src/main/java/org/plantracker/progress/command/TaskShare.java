package org.plantracker.progress.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One unit's share of one task: progress-service's own record that the unit is assigned to the
 * task, and the place where its progress reports are submitted, reviewed and urged. Its id is
 * {@code taskId + ":" + unitCode}, so a unit finds its share from the task id and its own code.
 *
 * <p>One report per period: a correction or a resubmission after a return is a new version with its own
 * report id, and the earlier versions stay on record. Every decision follows a rule of {@link SharePolicies}.
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
    /** The current version of each period's report. */
    private final Map<String, PeriodReport> periods = new HashMap<>();
    /** The period of every version ever submitted, by report id. */
    private final Map<String, String> reportPeriods = new HashMap<>();
    /** Urges issued to this share, and those read. */
    private final Set<String> urges = new HashSet<>();
    private final Set<String> urgesRead = new HashSet<>();

    /** The current version of a period's report and where its review stands. */
    record PeriodReport(String reportId, int version, ReviewState state) {
    }

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

    /**
     * A unit reports only on its own share, and only while it is assigned to the task. A report for a
     * period already reported on is its next version (a correction, or the resubmission of a returned one),
     * until a version was accepted.
     */
    @CommandHandler
    public String handle(SubmitProgressReportCommand command,
                         @MetaDataValue(EventMetadata.ACTOR_UNIT) String actorUnit) {
        enforce(SharePolicies.reportsOnlyForItself(actorUnit, unit, assigned, taskId));
        PeriodReport current = periods.get(command.period());
        enforce(SharePolicies.periodStillOpen(command.period(), current));
        apply(new ProgressReportSubmittedEvent(command.reportId(), shareId, taskId, planId, taskNumber, taskTitle,
                unit, leadUnit, command.period(), command.status(), command.narrative(), command.figures(),
                command.problems(), command.goodPractice(), current == null ? 1 : current.version() + 1));
        return command.reportId();
    }

    /** The reviewer accepts the current version of a period's report, or returns it with a reason. */
    @CommandHandler
    public void handle(ReviewProgressReportCommand command) {
        String period = reportPeriods.get(command.reportId());
        if (period == null) {
            throw DomainException.notFound("No report " + command.reportId() + " on the share of " + unit.code()
                    + " in task " + taskId + ".");
        }
        enforce(SharePolicies.reviewer(command.actor(), unit, leadUnit, taskId));
        PeriodReport current = periods.get(period);
        enforce(SharePolicies.reviewable(command.reportId(), current));
        enforce(SharePolicies.reasonToReturn(command.decision(), command.comment()));
        UnitRef reviewer = reviewerRef(command.actor());
        if (command.decision() == ReviewDecision.ACCEPT) {
            apply(new ProgressReportAcceptedEvent(command.reportId(), shareId, taskId, planId, taskNumber, taskTitle,
                    unit, period, current.version(), reviewer, blankToNull(command.comment())));
        } else {
            apply(new ProgressReportReturnedEvent(command.reportId(), shareId, taskId, planId, taskNumber, taskTitle,
                    unit, period, current.version(), reviewer, command.comment().strip()));
        }
    }

    /** A manual urge by the city committee or the task's lead unit. */
    @CommandHandler
    public String handle(IssueUrgeCommand command) {
        enforce(SharePolicies.mayUrge(command.actor(), unit, leadUnit, taskId));
        if (!assigned) {
            throw DomainException.conflict(unit.name() + " (" + unit.code() + ") is no longer assigned to task "
                    + taskId + ": there is nothing to urge.");
        }
        apply(new UrgeIssuedEvent(command.urgeId(), shareId, taskId, planId, taskNumber, taskTitle, unit,
                command.period(), command.message(), false, issuerRef(command.actor())));
        return command.urgeId();
    }

    /** The read receipt: the urged unit read the urge. Reading it again changes nothing. */
    @CommandHandler
    public void handle(ReadUrgeCommand command) {
        if (!urges.contains(command.urgeId())) {
            throw DomainException.notFound("No urge " + command.urgeId() + " to " + unit.code() + ".");
        }
        enforce(SharePolicies.readsOwnUrge(command.actor(), unit));
        if (urgesRead.contains(command.urgeId())) {
            return;
        }
        apply(new UrgeReadEvent(command.urgeId(), shareId, taskId, unit.code()));
    }

    private UnitRef reviewerRef(Actor actor) {
        return actor.unitCode().equals(leadUnit.code()) ? leadUnit : issuerRef(actor);
    }

    /** The lead unit by its known name; the city committee by its code (its name is not known to a share it does not lead). */
    private UnitRef issuerRef(Actor actor) {
        if (leadUnit.code().equals(actor.unitCode())) {
            return leadUnit;
        }
        return new UnitRef(actor.unitCode(), null,
                actor.hasRole(Roles.SUPERVISOR) ? UnitKind.CITY_COMMITTEE : UnitKind.CITY_DEPARTMENT);
    }

    private static void enforce(Optional<DomainException> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
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

    @EventSourcingHandler
    void on(ProgressReportSubmittedEvent event) {
        PeriodReport previous = periods.get(event.period());
        int version = previous == null ? 1 : previous.version() + 1;
        periods.put(event.period(), new PeriodReport(event.reportId(), version, ReviewState.SUBMITTED));
        reportPeriods.put(event.reportId(), event.period());
    }

    @EventSourcingHandler
    void on(ProgressReportAcceptedEvent event) {
        periods.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.ACCEPTED));
    }

    @EventSourcingHandler
    void on(ProgressReportReturnedEvent event) {
        periods.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.RETURNED));
    }

    @EventSourcingHandler
    void on(UrgeIssuedEvent event) {
        urges.add(event.urgeId());
    }

    @EventSourcingHandler
    void on(UrgeReadEvent event) {
        urgesRead.add(event.urgeId());
    }
}
