package org.plantracker.notification.messaging;

import org.plantracker.notification.query.Directory;
import org.plantracker.notification.query.NotificationDraft;
import org.plantracker.notification.query.NotificationType;
import org.plantracker.platform.messaging.EventEnvelope;
import org.plantracker.progress.api.GoodPracticePublishedEvent;
import org.plantracker.progress.api.GoodPracticeSubmittedEvent;
import org.plantracker.progress.api.ProblemAnsweredEvent;
import org.plantracker.progress.api.ProblemFlaggedGeneralEvent;
import org.plantracker.progress.api.ProblemRaisedEvent;
import org.plantracker.progress.api.ProgressReportAcceptedEvent;
import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportDueSoonEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.SupervisionRecordedEvent;
import org.plantracker.progress.api.TaskSummaryAcceptedEvent;
import org.plantracker.progress.api.TaskSummaryReturnedEvent;
import org.plantracker.progress.api.TaskSummarySubmittedEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.api.UrgeReadEvent;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.AcknowledgementRequestedEvent;
import org.plantracker.task.api.AdjustmentDecidedEvent;
import org.plantracker.task.api.AdjustmentRequestedEvent;
import org.plantracker.task.api.ExtensionDecidedEvent;
import org.plantracker.task.api.ExtensionRequestedEvent;
import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskClosedEvent;
import org.plantracker.task.api.TaskCreatedEvent;
import org.plantracker.task.api.TaskOverdueEvent;
import org.plantracker.task.api.TaskReopenedEvent;
import org.plantracker.task.api.TaskScheduledEvent;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.api.UnitRegisteredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.plantracker.notification.messaging.NotificationTexts.clause;
import static org.plantracker.notification.messaging.NotificationTexts.inPlan;
import static org.plantracker.notification.messaging.NotificationTexts.nameOf;
import static org.plantracker.notification.messaging.NotificationTexts.task;

/**
 * Who hears of which event, in one place: for every event type the service handles, the units that
 * get a notification (and its words) and the units the event concerns (what webhooks and the
 * county topics match on). Runs inside the transaction that records the event, after the events
 * before it were applied to the {@link Directory}, so it can look up a task's units and a plan's
 * title and city committee.
 */
@Component
public class NotificationRules {

    /** The events the service reads, by the simple name in the event-type header. */
    static final Map<String, Class<?>> HANDLED = index(
            PlanImportedEvent.class, UnitRegisteredEvent.class, TaskCreatedEvent.class, TaskAssignedEvent.class,
            TaskScheduledEvent.class, AcknowledgementRequestedEvent.class, AcknowledgementOverdueEvent.class, AdjustmentRequestedEvent.class,
            AdjustmentDecidedEvent.class, ExtensionRequestedEvent.class, ExtensionDecidedEvent.class,
            TaskOverdueEvent.class, TaskClosedEvent.class, TaskReopenedEvent.class,
            ProgressReportSubmittedEvent.class, ProgressReportAcceptedEvent.class, ProgressReportReturnedEvent.class,
            ReportDueSoonEvent.class, ReportOverdueEvent.class, UrgeIssuedEvent.class, UrgeReadEvent.class,
            SupervisionRecordedEvent.class, ProblemRaisedEvent.class, ProblemFlaggedGeneralEvent.class,
            ProblemAnsweredEvent.class, GoodPracticeSubmittedEvent.class, GoodPracticePublishedEvent.class,
            TaskSummarySubmittedEvent.class, TaskSummaryReturnedEvent.class, TaskSummaryAcceptedEvent.class);

    /** Events that only teach the directory; nobody subscribes to them. */
    private static final Set<Class<?>> DIRECTORY_ONLY = Set.of(PlanImportedEvent.class, UnitRegisteredEvent.class,
            TaskCreatedEvent.class);

    /** The event types a subscription may name (every handled event that concerns units). */
    public static final Set<String> SUBSCRIBABLE = subscribable();

    private final Directory directory;
    private final JdbcTemplate jdbc;

    public NotificationRules(Directory directory, JdbcTemplate jdbc) {
        this.directory = directory;
        this.jdbc = jdbc;
    }

    private static Map<String, Class<?>> index(Class<?>... types) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> type : types) {
            byName.put(type.getSimpleName(), type);
        }
        return Map.copyOf(byName);
    }

    private static Set<String> subscribable() {
        Set<String> names = new TreeSet<>();
        HANDLED.forEach((name, type) -> {
            if (!DIRECTORY_ONLY.contains(type)) {
                names.add(name);
            }
        });
        return Set.copyOf(names);
    }

    /** The event classes the listener reads, or null for a type nobody here cares about. */
    static Class<?> eventClass(String type) {
        return type == null ? null : HANDLED.get(type);
    }

    /**
     * Applies the event to the directory and works out who hears of it.
     *
     * @return the routed event; its drafts may be empty (e.g. a plan import teaches only the directory)
     */
    public RoutedEvent route(EventEnvelope event, String correlationId, Object payload) {
        Routing r = new Routing();
        if (payload instanceof PlanImportedEvent e) {
            directory.planImported(e);
        } else if (payload instanceof UnitRegisteredEvent e) {
            directory.unitRegistered(e);
        } else if (payload instanceof TaskCreatedEvent e) {
            directory.taskCreated(e);
        } else if (payload instanceof TaskAssignedEvent e) {
            assigned(r, e, event.sequence());
        } else if (payload instanceof TaskScheduledEvent e) {
            scheduled(r, e);
        } else if (payload instanceof AcknowledgementRequestedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), e.title());
            r.tellAll(e.units() == null ? List.of() : e.units(), NotificationType.ACKNOWLEDGEMENT_REQUESTED,
                    "请签收：" + task(e.number(), null) + " " + r.taskTitle(),
                    "请在" + e.dueDate() + "前签收" + r.task() + "的分工；如分工不当，可申请调整并说明理由。" + r.plan());
        } else if (payload instanceof AcknowledgementOverdueEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), e.title());
            r.tell(e.unit(), NotificationType.ACKNOWLEDGEMENT_OVERDUE,
                    task(e.number(), null) + "逾期未签收",
                    nameOf(e.unit()) + "未在" + e.dueDate() + "前签收" + task(e.number(), e.title())
                            + "的分工，请尽快签收或申请调整。" + r.plan());
            r.concern(cityCommittees(e.planId()));
        } else if (payload instanceof AdjustmentRequestedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), null);
            r.concern(e.unit());
            r.tellAll(cityCommittees(e.planId()), NotificationType.ADJUSTMENT_REQUESTED,
                    nameOf(e.unit()) + "申请调整" + task(e.number(), null) + "的分工",
                    nameOf(e.unit()) + "申请调整其在" + r.task() + "中的分工，请审定。"
                            + clause("理由", e.reason()) + r.plan());
        } else if (payload instanceof AdjustmentDecidedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), null);
            r.tell(e.unit(), NotificationType.ADJUSTMENT_DECIDED,
                    task(e.number(), null) + "分工调整申请" + (e.approved() ? "已同意" : "未同意"),
                    "市关工委" + (e.approved() ? "同意" : "未同意") + nameOf(e.unit()) + "调整" + r.task()
                            + "分工的申请。" + clause("意见", e.comment()) + r.plan());
            r.concern(cityCommittees(e.planId()));
        } else if (payload instanceof ExtensionRequestedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), null);
            r.concern(e.unit());
            r.tellAll(cityCommittees(e.planId()), NotificationType.EXTENSION_REQUESTED,
                    nameOf(e.unit()) + "申请" + task(e.number(), null) + "延期",
                    nameOf(e.unit()) + "申请将" + r.task() + "延期至" + e.requestedDueDate() + "，请审定。"
                            + clause("理由", e.reason()) + r.plan());
        } else if (payload instanceof ExtensionDecidedEvent e) {
            extension(r, e);
        } else if (payload instanceof TaskOverdueEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), e.title());
            String body = r.task() + "已超过完成时限（" + e.dueDate() + "）仍未办结，请牵头单位" + nameOf(e.leadUnit())
                    + "抓紧推进。" + r.plan();
            r.tell(e.leadUnit(), NotificationType.TASK_OVERDUE, task(e.number(), null) + "已逾期", body);
            r.tellAll(cityCommittees(e.planId()), NotificationType.TASK_OVERDUE, task(e.number(), null) + "已逾期", body);
        } else if (payload instanceof TaskClosedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), e.title());
            r.tellAll(directory.unitsOf(e.taskId()), NotificationType.TASK_CLOSED,
                    task(e.number(), null) + "已办结：" + r.taskTitle(),
                    "市关工委已将" + r.task() + "办结。" + clause("意见", e.comment()) + r.plan());
        } else if (payload instanceof TaskReopenedEvent e) {
            r.about(e.taskId(), e.planId(), e.number(), e.title());
            r.tellAll(directory.unitsOf(e.taskId()), NotificationType.TASK_REOPENED,
                    task(e.number(), null) + "已重新打开：" + r.taskTitle(),
                    "市关工委重新打开了" + r.task() + "，请继续推进并按期报送进展。" + clause("理由", e.reason()) + r.plan());
        } else if (payload instanceof ProgressReportSubmittedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.drafts.addAll(InboxNotifier.forProgressReport(e, r.planName()));
            r.concern(e.unit());
            r.concern(e.leadUnit());
        } else if (payload instanceof ProgressReportAcceptedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.tell(e.unit(), NotificationType.REPORT_ACCEPTED,
                    task(e.taskNumber(), null) + "的进展（" + e.period() + "）已审核通过",
                    nameOf(e.reviewer()) + "审核通过了" + nameOf(e.unit()) + "报送的" + r.task() + e.period()
                            + "进展（第" + e.version() + "版）。" + clause("意见", e.comment()) + r.plan());
            r.concern(e.reviewer());
        } else if (payload instanceof ProgressReportReturnedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.tell(e.unit(), NotificationType.REPORT_RETURNED,
                    task(e.taskNumber(), null) + "的进展（" + e.period() + "）被退回，请修改后重报",
                    nameOf(e.reviewer()) + "退回了" + nameOf(e.unit()) + "报送的" + r.task() + e.period()
                            + "进展（第" + e.version() + "版）。" + clause("退回理由", e.reason())
                            + "重报前该项为红灯。" + r.plan());
            r.concern(e.reviewer());
        } else if (payload instanceof ReportDueSoonEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.tell(e.unit(), NotificationType.REPORT_DUE_SOON,
                    task(e.taskNumber(), null) + "的进展（" + e.period() + "）将于" + e.dueDate() + "到期",
                    "请" + nameOf(e.unit()) + "在" + e.dueDate() + "前报送" + r.task() + e.period() + "的进展。" + r.plan());
        } else if (payload instanceof ReportOverdueEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            String title = nameOf(e.unit()) + "的" + task(e.taskNumber(), null) + "进展（" + e.period() + "）已逾期";
            String body = nameOf(e.unit()) + "未在" + e.dueDate() + "前报送" + r.task() + e.period()
                    + "的进展，该项为红灯。" + r.plan();
            r.tell(e.unit(), NotificationType.REPORT_OVERDUE, title, body);
            r.tell(e.leadUnit(), NotificationType.REPORT_OVERDUE, title, body);
            r.tellAll(cityCommittees(e.planId()), NotificationType.REPORT_OVERDUE, title, body);
        } else if (payload instanceof UrgeIssuedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            jdbc.update("""
                    INSERT INTO urge (urge_id, issued_by, issued_by_name, unit_code, unit_name) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (urge_id) DO NOTHING""", e.urgeId(),
                    e.issuedBy() == null ? null : e.issuedBy().code(), e.issuedBy() == null ? null : e.issuedBy().name(),
                    e.unit() == null ? null : e.unit().code(), e.unit() == null ? null : e.unit().name());
            String who = e.automatic() || e.issuedBy() == null ? "系统自动" : nameOf(e.issuedBy());
            r.tell(e.unit(), NotificationType.URGED,
                    "催办：" + task(e.taskNumber(), null) + (e.period() == null ? "" : "（" + e.period() + "）"),
                    who + "催办" + nameOf(e.unit()) + "在" + r.task() + "中承担的工作"
                            + (e.period() == null ? "" : "（" + e.period() + "进展）") + "。"
                            + clause("催办内容", e.message()) + r.plan());
            r.concern(e.issuedBy());
        } else if (payload instanceof UrgeReadEvent e) {
            Map<String, Object> urge = jdbc.queryForList("SELECT * FROM urge WHERE urge_id = ?", e.urgeId())
                    .stream().findFirst().orElse(Map.of());
            TaskLookup t = lookup(e.taskId());
            r.about(e.taskId(), t.planId, t.number, t.title);
            UnitRef urged = unitOf(e.unitCode(), (String) urge.get("unit_name"));
            r.concern(urged);
            if (urge.get("issued_by") != null) {
                UnitRef issuer = unitOf((String) urge.get("issued_by"), (String) urge.get("issued_by_name"));
                r.tell(issuer, NotificationType.URGE_READ, nameOf(urged) + "已阅催办",
                        nameOf(urged) + "已阅读关于" + r.task() + "的催办。" + r.plan());
            }
        } else if (payload instanceof SupervisionRecordedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            List<UnitRef> audience = new ArrayList<>();
            if (e.unit() != null) {
                audience.add(e.unit());
            } else {
                audience.addAll(directory.unitsOf(e.taskId()));
            }
            audience.add(e.leadUnit());
            r.tellAll(audience, NotificationType.SUPERVISION_RECORDED,
                    "督导意见：" + task(e.taskNumber(), null) + (e.unit() == null ? "" : "（" + nameOf(e.unit()) + "）"),
                    "市关工委对" + r.task() + (e.unit() == null ? "" : "中" + nameOf(e.unit()) + "承担的工作")
                            + "进行了督导。" + clause("督导发现", e.findings()) + clause("意见", e.comment()) + r.plan());
        } else if (payload instanceof ProblemRaisedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.concern(e.raisedBy());
            UnitRef lead = directory.task(e.taskId()).map(Directory.TaskInfo::leadUnit).orElse(null);
            if (lead != null && (e.raisedBy() == null || !lead.code().equals(e.raisedBy().code()))) {
                r.tell(lead, NotificationType.PROBLEM_RAISED,
                        nameOf(e.raisedBy()) + (e.joined() ? "也反映了" : "反映了") + task(e.taskNumber(), null) + "的问题",
                        nameOf(e.raisedBy()) + "在" + r.task() + "中" + (e.joined() ? "附议了已有问题" : "反映问题")
                                + "。" + clause("问题", e.text()) + r.plan());
            }
        } else if (payload instanceof ProblemFlaggedGeneralEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            for (String county : e.countyCodes() == null ? List.<String>of() : e.countyCodes()) {
                r.concern(unitOf(county, null));
            }
            int count = e.countyCodes() == null ? 0 : e.countyCodes().size();
            r.tellAll(cityCommittees(e.planId()), NotificationType.PROBLEM_FLAGGED_GENERAL,
                    "普遍性问题：" + task(e.taskNumber(), null) + "（" + count + "个县级关工委反映）",
                    count + "个县级关工委在" + r.task() + "中反映了同一问题，已列为普遍性问题，请研究答复或向上反映。"
                            + clause("问题", e.text()) + r.plan());
        } else if (payload instanceof ProblemAnsweredEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.concern(e.answeredBy());
            r.tellAll(e.raisedBy() == null ? List.of() : e.raisedBy(), NotificationType.PROBLEM_ANSWERED,
                    "问题已" + (e.escalated() ? "向上反映" : "答复") + "：" + task(e.taskNumber(), null),
                    nameOf(e.answeredBy()) + (e.escalated() ? "已将" + r.task() + "中反映的问题向上级反映。"
                            : "答复了" + r.task() + "中反映的问题。") + clause("答复", e.answer()) + r.plan());
        } else if (payload instanceof GoodPracticeSubmittedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.concern(e.unit());
            r.tellAll(cityCommittees(e.planId()), NotificationType.GOOD_PRACTICE_SUBMITTED,
                    nameOf(e.unit()) + "报送了经验做法：" + e.title(),
                    nameOf(e.unit()) + "报送了" + r.task() + "的经验做法「" + e.title() + "」，请审核是否推广。" + r.plan());
        } else if (payload instanceof GoodPracticePublishedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.concern(e.unit());
            r.tellAll(directory.unitsOfPlan(e.planId()), NotificationType.GOOD_PRACTICE_PUBLISHED,
                    "经验推广：" + e.title(),
                    "市关工委推广了" + nameOf(e.unit()) + "在" + r.task() + "中的经验做法「" + e.title() + "」，供各单位学习借鉴。"
                            + r.plan());
        } else if (payload instanceof TaskSummarySubmittedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), e.taskTitle());
            r.concern(e.leadUnit());
            r.tellAll(cityCommittees(e.planId()), NotificationType.SUMMARY_SUBMITTED,
                    nameOf(e.leadUnit()) + "报送了" + task(e.taskNumber(), null) + "的总结（" + e.period() + "）",
                    nameOf(e.leadUnit()) + "作为牵头单位报送了" + r.task() + e.period() + "的总结，请审核。"
                            + clause("摘要", e.text()) + r.plan());
        } else if (payload instanceof TaskSummaryReturnedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), null);
            r.tell(e.leadUnit(), NotificationType.SUMMARY_RETURNED,
                    task(e.taskNumber(), null) + "的总结（" + e.period() + "）被退回",
                    "市关工委退回了" + r.task() + e.period() + "的总结，请修改后重报。" + clause("退回理由", e.reason()) + r.plan());
            r.concern(cityCommittees(e.planId()));
        } else if (payload instanceof TaskSummaryAcceptedEvent e) {
            r.about(e.taskId(), e.planId(), e.taskNumber(), null);
            r.tell(e.leadUnit(), NotificationType.SUMMARY_ACCEPTED,
                    task(e.taskNumber(), null) + "的总结（" + e.period() + "）已审核通过",
                    "市关工委审核通过了" + r.task() + e.period() + "的总结。" + r.plan());
            r.concern(cityCommittees(e.planId()));
        }
        return new RoutedEvent(event, correlationId, List.copyOf(r.drafts), r.facts());
    }

    private void assigned(Routing r, TaskAssignedEvent e, Long version) {
        r.about(e.taskId(), e.planId(), e.number(), e.title());
        directory.taskAssigned(e, version);
        r.drafts.addAll(InboxNotifier.forAssignment(e, r.planName()));
        r.concern(e.leadUnit());
        r.concern(e.responsibleUnits());
        r.concern(e.previousLeadUnit());
        r.concern(e.previousResponsibleUnits());
    }

    private void scheduled(Routing r, TaskScheduledEvent e) {
        r.about(e.taskId(), e.planId(), e.number(), null);
        StringBuilder what = new StringBuilder();
        what.append(e.kind() == TaskKind.NEAR_TERM ? "近期任务" : "长期任务");
        if (e.dueDate() != null) {
            what.append("，完成时限").append(e.dueDate());
        }
        if (e.reportingCycle() != null) {
            what.append("，").append(switch (e.reportingCycle()) {
                case MONTHLY -> "每月";
                case QUARTERLY -> "每季度";
                case HALF_YEARLY -> "每半年";
                case YEARLY -> "每年";
            }).append("报送进展");
        }
        r.tellAll(directory.unitsOf(e.taskId()), NotificationType.TASK_SCHEDULED,
                task(e.number(), null) + (e.reason() == null ? "已排期" : "排期已调整") + "：" + r.taskTitle(),
                "市关工委" + (e.reason() == null ? "确定了" : "调整了") + r.task() + "的安排：" + what + "。"
                        + clause("调整理由", e.reason()) + r.plan());
    }

    private void extension(Routing r, ExtensionDecidedEvent e) {
        r.about(e.taskId(), e.planId(), e.number(), null);
        String title = task(e.number(), null) + "延期申请" + (e.granted() ? "已批准" : "未批准");
        String body = "市关工委" + (e.granted() ? "批准" : "未批准") + nameOf(e.unit()) + "关于" + r.task() + "的延期申请"
                + (e.granted() && e.newDueDate() != null ? "，新的完成时限为" + e.newDueDate() : "")
                + "（累计延期" + e.extensionsGranted() + "次）。" + clause("意见", e.comment()) + r.plan();
        r.tell(e.unit(), NotificationType.EXTENSION_DECIDED, title, body);
        if (e.granted()) {
            // the due date moved for every unit of the task
            r.tellAll(directory.unitsOf(e.taskId()), NotificationType.EXTENSION_DECIDED, title, body);
        }
        r.concern(cityCommittees(e.planId()));
    }

    private List<UnitRef> cityCommittees(String planId) {
        return directory.cityCommittees(planId);
    }

    private UnitRef unitOf(String code, String name) {
        if (code == null) {
            return null;
        }
        return directory.unit(code).orElseGet(() -> new UnitRef(code, name, null));
    }

    private record TaskLookup(String planId, int number, String title) {
    }

    private TaskLookup lookup(String taskId) {
        return directory.task(taskId).map(t -> new TaskLookup(t.planId(), t.number(), t.title()))
                .orElse(new TaskLookup(null, 0, null));
    }

    /** The drafts and facts of one event as the rules fill them in. */
    private final class Routing {
        private final List<NotificationDraft> drafts = new ArrayList<>();
        private final Map<String, Boolean> units = new LinkedHashMap<>();
        private final Set<String> told = new TreeSet<>();
        private String taskId;
        private String planId;
        private Integer number;
        private String taskTitle;
        private Integer sectionOrdinal;
        private String planName;

        void about(String taskId, String planId, int number, String title) {
            Directory.TaskInfo known = directory.task(taskId).orElse(null);
            this.taskId = taskId;
            this.planId = planId != null ? planId : known == null ? null : known.planId();
            // boxed on purpose: "number > 0 ? number : null" would unbox the null and throw
            Integer fromDirectory = known == null ? null : Integer.valueOf(known.number());
            this.number = number > 0 ? Integer.valueOf(number) : fromDirectory;
            this.taskTitle = title != null ? title : known == null ? null : known.title();
            this.sectionOrdinal = known == null ? null : known.sectionOrdinal();
            this.planName = directory.planTitle(this.planId).orElse(this.planId);
        }

        String planName() {
            return planName;
        }

        String plan() {
            return inPlan(planName);
        }

        String task() {
            return NotificationTexts.task(number == null ? 0 : number, taskTitle);
        }

        String taskTitle() {
            return taskTitle == null ? "" : taskTitle;
        }

        void concern(UnitRef unit) {
            if (unit == null || unit.code() == null) {
                return;
            }
            boolean county = unit.kind() == UnitKind.COUNTY_COMMITTEE
                    || (unit.kind() == null && directory.unit(unit.code()).map(u -> u.kind() == UnitKind.COUNTY_COMMITTEE)
                    .orElse(false));
            units.merge(unit.code(), county, Boolean::logicalOr);
        }

        void concern(Collection<UnitRef> several) {
            if (several != null) {
                several.forEach(this::concern);
            }
        }

        /** One notification per unit per event: a unit named twice (say, lead and urged) hears once. */
        void tell(UnitRef unit, NotificationType type, String title, String body) {
            if (unit == null || unit.code() == null) {
                return;
            }
            concern(unit);
            if (told.add(unit.code())) {
                drafts.add(new NotificationDraft(unit.code(), unit.name(), type, title, body, taskId, planId, number));
            }
        }

        void tellAll(Collection<UnitRef> audience, NotificationType type, String title, String body) {
            audience.stream().filter(Objects::nonNull).forEach(u -> tell(u, type, title, body));
        }

        EventFacts facts() {
            for (NotificationDraft d : drafts) {
                if (!units.containsKey(d.unitCode())) {
                    concern(new UnitRef(d.unitCode(), d.unitName(), null));
                }
            }
            return new EventFacts(taskId, planId, number, taskTitle, sectionOrdinal, units);
        }
    }
}
