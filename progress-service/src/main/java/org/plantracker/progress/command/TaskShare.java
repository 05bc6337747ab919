package org.plantracker.progress.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.axon.EventMetadata;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.idempotency.RequestFingerprint;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;
import org.plantracker.progress.api.ReportDueSoonEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.TaskShareScheduledEvent;
import org.plantracker.progress.api.TaskShareAssignedEvent;
import org.plantracker.progress.api.TaskShareClosedEvent;
import org.plantracker.progress.api.TaskShareWithdrawnEvent;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    /**
     * What was asked, by the id of what it created or decided (a report, an urge, a summary; a report's or
     * a summary's review): a retry whose request died after storing (its Idempotency-Key claim taken over)
     * comes with the same id and is answered again, while another request with that id is refused.
     */
    private final Map<String, String> requests = new HashMap<>();
    private final Map<String, String> reviews = new HashMap<>();
    /** Urges issued to this share, and those read. */
    private final Set<String> urges = new HashSet<>();
    private final Set<String> urgesRead = new HashSet<>();
    /** The task's schedule as last learned, and the task version it came with. */
    private TaskKind kind;
    private LocalDate dueDate;
    private ReportingCycle cycle;
    private long scheduleVersion;
    /** The task was closed (办结); the version of its last closing or reopening. */
    private boolean taskClosed;
    private long closeVersion;
    /** The periods the unit was reminded of, and those it was found late for. */
    private final Set<String> remindedPeriods = new HashSet<>();
    private final Set<String> overduePeriods = new HashSet<>();

    /** On the lead unit's share: the current summary of each period, and the period of every summary. */
    private final Map<String, PeriodReport> summaries = new HashMap<>();
    private final Map<String, String> summaryPeriods = new HashMap<>();
    private boolean lead;

    /** The actor of what the service records by itself when a deadline passes. */
    static final String SYSTEM_ACTOR = Actor.system("progress-service").username();

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
    public void handle(AssignTaskShareCommand command, ReportCalendar calendar, DeadlineManager deadlines) {
        if (shareId != null && command.taskVersion() <= taskVersion) {
            return;
        }
        boolean returning = shareId != null && !assigned;
        apply(new TaskShareAssignedEvent(command.shareId(), command.taskId(), command.planId(), command.taskNumber(),
                command.sectionOrdinal(), command.sectionTitle(), command.taskTitle(), command.unit(),
                command.leadUnit(), command.lead(), command.responsible(), command.taskVersion()));
        if (returning && kind != null && !taskClosed) {
            // its deadlines stopped when it was withdrawn: they start again from today
            deadlines.cancelAllWithinScope(ReportDeadline.NAME, scope());
            ReportSchedule.Expected first = schedule(calendar).firstDueOnOrAfter(calendar.today());
            if (first != null) {
                setDeadlines(first, calendar, deadlines);
            }
        }
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
     * Learns the task's schedule (a newer one than it has) and sets the deadlines of the first report
     * still to come; the deadlines of an earlier schedule are cancelled. A share that does not exist
     * (its assignment was never seen) ignores the schedule, like a withdrawal.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleTaskShareCommand command, ReportCalendar calendar, DeadlineManager deadlines) {
        if (shareId == null || command.taskVersion() <= scheduleVersion) {
            return;
        }
        apply(new TaskShareScheduledEvent(shareId, taskId, command.kind(), command.dueDate(), command.reportingCycle(),
                command.taskVersion(), calendar.today()));
        deadlines.cancelAllWithinScope(ReportDeadline.NAME, scope());
        ReportSchedule.Expected first = schedule(calendar).firstDueOnOrAfter(calendar.today());
        if (first != null) {
            setDeadlines(first, calendar, deadlines);
        }
    }

    /**
     * The task was closed: the share's deadlines are cancelled; reopened: they start again from today.
     * A stale or repeated closing or reopening changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CloseTaskShareCommand command, ReportCalendar calendar, DeadlineManager deadlines) {
        if (shareId == null || command.taskVersion() <= closeVersion || command.closed() == taskClosed) {
            return;
        }
        apply(new TaskShareClosedEvent(shareId, taskId, command.closed(), command.taskVersion()));
        deadlines.cancelAllWithinScope(ReportDeadline.NAME, scope());
        if (!command.closed() && kind != null) {
            ReportSchedule.Expected first = schedule(calendar).firstDueOnOrAfter(calendar.today());
            if (first != null) {
                setDeadlines(first, calendar, deadlines);
            }
        }
    }

    /**
     * Days before a report is due, the unit is reminded (ReportDueSoonEvent); once its due date is over
     * without a report for the period, it is late (ReportOverdueEvent) and urged automatically
     * (UrgeIssuedEvent, automatic), and again every repeat-urge-days days while it stays late (REPEAT_URGE, see
     * {@link #repeatUrge}). Then the next period's deadlines are set. A deadline of an older
     * schedule, of a withdrawn share, or firing again changes nothing (db-scheduler runs a deadline at
     * least once).
     */
    @DeadlineHandler(deadlineName = ReportDeadline.NAME)
    void on(ReportDeadline deadline, MetaData metaData, ReportCalendar calendar, DeadlineManager deadlines) {
        if (deadline.taskVersion() != scheduleVersion || !assigned || taskClosed) {
            return;
        }
        boolean reported = reported(deadline.period());
        if (deadline.moment() == ReportDeadline.Moment.DUE_SOON) {
            if (!reported && !remindedPeriods.contains(deadline.period())) {
                apply(new ReportDueSoonEvent(shareId, taskId, planId, taskNumber, taskTitle, unit, deadline.period(),
                        deadline.dueDate()), metaData);
            }
            return;
        }
        if (deadline.moment() == ReportDeadline.Moment.REPEAT_URGE) {
            repeatUrge(deadline, metaData, calendar, deadlines, reported);
            return;
        }
        if (overduePeriods.contains(deadline.period())) {
            return;
        }
        if (!reported) {
            apply(new ReportOverdueEvent(shareId, taskId, planId, taskNumber, taskTitle, unit, leadUnit,
                    deadline.period(), deadline.dueDate()), metaData);
            apply(new UrgeIssuedEvent(automaticUrgeId(deadline.period(), 0), shareId, taskId, planId, taskNumber,
                    taskTitle, unit, deadline.period(),
                    "逾期未报送" + deadline.period() + "进展（应于" + deadline.dueDate() + "前报送），请尽快报送。",
                    true, null), metaData);
            scheduleRepeat(deadline, 1, calendar, deadlines);
        }
        if (cycle != null) {
            ReportSchedule.Expected next = schedule(calendar).expected(Periods.next(cycle, deadline.period()));
            if (next != null) {
                setDeadlines(next, calendar, deadlines);
            }
        }
    }

    /**
     * A unit still late for a period is urged again, every {@code repeat-urge-days} days after the due date, until
     * it reports. Each repeat is its own automatic urge (an event and a notification) with an id made from the
     * period and the round, so a deadline that fires twice urges once. A service that was down for several rounds
     * urges once on waking up, and the next round is the first one still to come: no burst of urges.
     */
    private void repeatUrge(ReportDeadline deadline, MetaData metaData, ReportCalendar calendar,
                            DeadlineManager deadlines, boolean reported) {
        String urgeId = automaticUrgeId(deadline.period(), deadline.round());
        if (reported || calendar.repeatUrgeDays() == 0 || urges.contains(urgeId)) {
            return;
        }
        apply(new UrgeIssuedEvent(urgeId, shareId, taskId, planId, taskNumber, taskTitle, unit, deadline.period(),
                "第" + (deadline.round() + 1) + "次催办：逾期未报送" + deadline.period() + "进展（应于" + deadline.dueDate()
                        + "前报送），请尽快报送。", true, null), metaData);
        // round r is due when day dueDate + r × repeat-urge-days is over; the last round already due is `current`
        long daysLate = ChronoUnit.DAYS.between(deadline.dueDate(), calendar.today());
        int current = (int) Math.max(0, (daysLate - 1) / calendar.repeatUrgeDays());
        scheduleRepeat(deadline, Math.max(deadline.round() + 1, current + 1), calendar, deadlines);
    }

    private void scheduleRepeat(ReportDeadline overdue, int round, ReportCalendar calendar, DeadlineManager deadlines) {
        if (calendar.repeatUrgeDays() > 0) {
            schedule(deadlines, calendar.endOf(overdue.dueDate().plusDays((long) round * calendar.repeatUrgeDays())),
                    new ReportDeadline(ReportDeadline.Moment.REPEAT_URGE, overdue.period(), overdue.dueDate(),
                            scheduleVersion, round));
        }
    }

    /** The automatic urge of a period's lateness (round 0) and of its repeats: the same id however often it fires. */
    private String automaticUrgeId(String period, int round) {
        String name = "overdue\u001f" + shareId + "\u001f" + period + (round == 0 ? "" : "\u001f" + round);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private boolean reported(String period) {
        return cycle == null ? !periods.isEmpty() : periods.containsKey(period);
    }

    private ReportSchedule schedule(ReportCalendar calendar) {
        return new ReportSchedule(kind, dueDate, cycle, calendar.graceDays());
    }

    private void setDeadlines(ReportSchedule.Expected expected, ReportCalendar calendar, DeadlineManager deadlines) {
        LocalDate remindOn = expected.dueDate().minusDays(calendar.dueSoonDays());
        schedule(deadlines, calendar.endOf(remindOn.minusDays(1)),
                new ReportDeadline(ReportDeadline.Moment.DUE_SOON, expected.period(), expected.dueDate(), scheduleVersion));
        schedule(deadlines, calendar.endOf(expected.dueDate()),
                new ReportDeadline(ReportDeadline.Moment.OVERDUE, expected.period(), expected.dueDate(), scheduleVersion));
    }

    /**
     * What the service records when a deadline passes is its own doing (actor {@link #SYSTEM_ACTOR}), under
     * the correlation id of the change that set the deadline.
     */
    private void schedule(DeadlineManager deadlines, Instant at, ReportDeadline payload) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(EventMetadata.ACTOR_USER, SYSTEM_ACTOR);
        if (CurrentUnitOfWork.isStarted()) {
            Object correlationId = CurrentUnitOfWork.get().getMessage().getMetaData().get(EventMetadata.CORRELATION_ID);
            if (correlationId != null) {
                metaData.put(EventMetadata.CORRELATION_ID, correlationId);
            }
        }
        // the identifier-taking constructor keeps the unit of work's metadata (the caller's actor) out of it
        deadlines.schedule(at, ReportDeadline.NAME,
                new GenericMessage<>(IdentifierFactory.getInstance().generateIdentifier(), payload, metaData), scope());
    }

    private ScopeDescriptor scope() {
        return new AggregateScopeDescriptor(TaskShare.class.getSimpleName(), shareId);
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
        if (reportPeriods.containsKey(command.reportId())) {
            // a retry of a request that died after storing its report (its Idempotency-Key claim taken
            // over): the id derives from the key, so this report is stored already; answer it again
            requireSameRequest(command.reportId(), reportRequest(command.period(), command.status(),
                    command.narrative(), command.figures(), command.problems(), command.goodPractice()),
                    "report " + command.reportId());
            return command.reportId();
        }
        enforce(SharePolicies.taskOpen(taskClosed, taskId));
        enforce(SharePolicies.periodFitsTheCycle(command.period(), cycle));
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
        if (reportReview(command.decision(), command.actor().unitCode(), command.comment())
                .equals(reviews.get(command.reportId()))) {
            return; // the same review again (a retry): decided already, as asked
        }
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
        if (urges.contains(command.urgeId())) {
            // a retry: the urge id derives from the Idempotency-Key, and this urge was issued already
            requireSameRequest(command.urgeId(), urgeRequest(command.period(), command.message(),
                    command.actor().unitCode()), "urge " + command.urgeId());
            return command.urgeId();
        }
        enforce(SharePolicies.taskOpen(taskClosed, taskId));
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

    /**
     * The lead unit writes the task's summary for a period, on its own share; a returned one is written
     * again (a new summary id), an accepted one closes the period.
     */
    @CommandHandler
    public String handle(SubmitTaskSummaryCommand command) {
        enforce(SharePolicies.writesTheSummary(command.actor(), unit, lead, assigned, taskId));
        if (summaryPeriods.containsKey(command.summaryId())) {
            // a retry of a request that died after storing the summary: answered again, never a conflict with itself
            requireSameRequest(command.summaryId(), summaryRequest(command.period(), command.text()),
                    "summary " + command.summaryId());
            return command.summaryId();
        }
        PeriodReport current = summaries.get(command.period());
        if (current != null && current.state() != ReviewState.RETURNED) {
            throw DomainException.conflict("The summary for " + command.period() + " (" + current.reportId() + ") is "
                    + (current.state() == ReviewState.ACCEPTED ? "accepted" : "waiting for review") + ".");
        }
        apply(new TaskSummarySubmittedEvent(command.summaryId(), taskId, planId, taskNumber, taskTitle,
                command.period(), unit, command.text()));
        return command.summaryId();
    }

    /** The city committee accepts the current summary of a period or returns it with a reason. */
    @CommandHandler
    public void handle(ReviewTaskSummaryCommand command) {
        String period = summaryPeriods.get(command.summaryId());
        if (period == null) {
            throw DomainException.notFound("No summary " + command.summaryId() + " of task " + taskId + ".");
        }
        enforce(SharePolicies.reviewsTheSummary(command.actor(), taskId));
        if (summaryReview(command.decision(), command.comment()).equals(reviews.get(command.summaryId()))) {
            return; // the same review again (a retry): decided already, as asked
        }
        enforce(SharePolicies.reviewable(command.summaryId(), summaries.get(period)));
        enforce(SharePolicies.reasonToReturn(command.decision(), command.comment()));
        if (command.decision() == ReviewDecision.ACCEPT) {
            apply(new TaskSummaryAcceptedEvent(command.summaryId(), taskId, planId, taskNumber, period, unit));
        } else {
            apply(new TaskSummaryReturnedEvent(command.summaryId(), taskId, planId, taskNumber, period, unit,
                    command.comment().strip()));
        }
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

    private void requireSameRequest(String id, String request, String item) {
        if (!request.equals(requests.get(id))) {
            throw RequestFingerprint.clash(item);
        }
    }

    private static String reportRequest(String period, ReportStatus status, String narrative,
                                        List<ProgressReportSubmittedEvent.Figure> figures, List<String> problems,
                                        String goodPractice) {
        // an empty list is stored as one, or (older events) as none; 90.5, 90.50 and 9.05E+1 are one figure
        List<String> values = figures == null ? List.of() : figures.stream()
                .map(f -> f.targetId() + "=" + (f.value() == null ? null : f.value().stripTrailingZeros().toPlainString()))
                .toList();
        return RequestFingerprint.of("report", period, status, narrative, values,
                problems == null ? List.of() : problems, goodPractice);
    }

    private static String urgeRequest(String period, String message, String issuerCode) {
        return RequestFingerprint.of("urge", period, message, issuerCode);
    }

    private static String summaryRequest(String period, String text) {
        return RequestFingerprint.of("summary", period, text);
    }

    /** A review as its event records it: the decision, the reviewing unit and the comment (blank is none). */
    private static String reportReview(ReviewDecision decision, String reviewerCode, String comment) {
        return RequestFingerprint.of("review", decision, reviewerCode, blankToNull(comment));
    }

    /** The city committee reviews every summary; an acceptance records no comment. */
    private static String summaryReview(ReviewDecision decision, String comment) {
        return RequestFingerprint.of("summary review", decision,
                decision == ReviewDecision.ACCEPT ? null : blankToNull(comment));
    }

    private static void enforce(Optional<DomainException> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    private static String codeOf(UnitRef unit) {
        return unit == null ? null : unit.code();
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
        lead = event.lead();
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
        requests.put(event.reportId(), reportRequest(event.period(), event.status(), event.narrative(), event.figures(),
                event.problems(), event.goodPractice()));
    }

    @EventSourcingHandler
    void on(ProgressReportAcceptedEvent event) {
        periods.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.ACCEPTED));
        reviews.put(event.reportId(), reportReview(ReviewDecision.ACCEPT, codeOf(event.reviewer()), event.comment()));
    }

    @EventSourcingHandler
    void on(ProgressReportReturnedEvent event) {
        periods.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.RETURNED));
        reviews.put(event.reportId(), reportReview(ReviewDecision.RETURN, codeOf(event.reviewer()), event.reason()));
    }

    @EventSourcingHandler
    void on(UrgeIssuedEvent event) {
        urges.add(event.urgeId());
        requests.put(event.urgeId(), urgeRequest(event.period(), event.message(), codeOf(event.issuedBy())));
    }

    @EventSourcingHandler
    void on(UrgeReadEvent event) {
        urgesRead.add(event.urgeId());
    }

    @EventSourcingHandler
    void on(TaskShareScheduledEvent event) {
        kind = event.kind();
        dueDate = event.dueDate();
        cycle = event.reportingCycle();
        scheduleVersion = event.taskVersion();
    }

    @EventSourcingHandler
    void on(ReportDueSoonEvent event) {
        remindedPeriods.add(event.period());
    }

    @EventSourcingHandler
    void on(ReportOverdueEvent event) {
        overduePeriods.add(event.period());
    }

    @EventSourcingHandler
    void on(TaskSummarySubmittedEvent event) {
        summaries.put(event.period(), new PeriodReport(event.summaryId(), 1, ReviewState.SUBMITTED));
        summaryPeriods.put(event.summaryId(), event.period());
        requests.put(event.summaryId(), summaryRequest(event.period(), event.text()));
    }

    @EventSourcingHandler
    void on(TaskSummaryAcceptedEvent event) {
        summaries.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.ACCEPTED));
        reviews.put(event.summaryId(), summaryReview(ReviewDecision.ACCEPT, null));
    }

    @EventSourcingHandler
    void on(TaskSummaryReturnedEvent event) {
        summaries.computeIfPresent(event.period(), (p, r) -> new PeriodReport(r.reportId(), r.version(), ReviewState.RETURNED));
        reviews.put(event.summaryId(), summaryReview(ReviewDecision.RETURN, event.reason()));
    }

    @EventSourcingHandler
    void on(TaskShareClosedEvent event) {
        taskClosed = event.closed();
        closeVersion = event.taskVersion();
    }
}
