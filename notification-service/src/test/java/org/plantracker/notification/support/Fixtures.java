package org.plantracker.notification.support;

import org.plantracker.progress.api.ProgressReportReturnedEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.task.api.PlanImportedEvent;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.plantracker.task.api.UnitRegisteredEvent;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Units of the Jixi plan and events about them, as task-service and progress-service publish them. */
public final class Fixtures {

    public static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    public static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    public static final UnitRef EDUCATION = new UnitRef("jixi-education", "市教育局", UnitKind.CITY_DEPARTMENT);
    public static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    public static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);

    private Fixtures() {
    }

    public static String newPlanId() {
        return "plan-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static UnitRegisteredEvent registered(UnitRef unit) {
        return new UnitRegisteredEvent("jixi", unit.code(), unit.name(), unit.kind(), List.of(), List.of());
    }

    public static PlanImportedEvent plan(String planId, String title) {
        return new PlanImportedEvent(planId, title, "jixi", "sha-" + planId,
                List.of(new PlanImportedEvent.Section(4, "四", "加强青少年法治教育和权益保护", List.of(7))), List.of());
    }

    public static TaskAssignedEvent assignment(String taskId, String planId, UnitRef lead, List<UnitRef> responsible) {
        int number = Integer.parseInt(taskId.substring(taskId.lastIndexOf('-') + 1));
        return new TaskAssignedEvent(taskId, planId, number, 4, "加强青少年法治教育和权益保护", "深化青少年法治教育",
                lead, responsible, List.of(), null, null);
    }

    public static ProgressReportReturnedEvent returned(String taskId, String planId, UnitRef unit, UnitRef reviewer) {
        return new ProgressReportReturnedEvent(UUID.randomUUID().toString(), taskId + ":" + unit.code(), taskId, planId,
                7, "深化青少年法治教育", unit, "2022-Q2", 1, reviewer, "数据与台账不符，请核实后重报。");
    }

    public static ReportOverdueEvent overdue(String taskId, String planId, UnitRef unit, UnitRef lead) {
        return new ReportOverdueEvent(taskId + ":" + unit.code(), taskId, planId, 7, "深化青少年法治教育", unit, lead,
                "2022-Q2", LocalDate.of(2022, 7, 15));
    }

    public static UrgeIssuedEvent urge(String taskId, String planId, UnitRef unit, UnitRef issuedBy) {
        return new UrgeIssuedEvent(UUID.randomUUID().toString(), taskId + ":" + unit.code(), taskId, planId, 7,
                "深化青少年法治教育", unit, "2022-Q2", "请于本周内报送。", false, issuedBy);
    }
}
