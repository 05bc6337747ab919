package org.plantracker.progress.messaging;

import org.junit.jupiter.api.Test;
import org.plantracker.progress.command.AssignTaskShareCommand;
import org.plantracker.progress.command.WithdrawTaskShareCommand;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskShareCommandsTest {

    private static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    private static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);

    @Test
    void everyAssignedUnitGetsOneShareAndALeadThatIsAlsoResponsibleIsBoth() {
        TaskAssignedEvent event = new TaskAssignedEvent("p-07", "p", 7, 4, "四", "任务七", COMMITTEE,
                List.of(PROPAGANDA, COMMITTEE, MISHAN),
                List.of(new TaskAssignedEvent.GroupExpansion("县(市)区关工委", List.of(MISHAN.code()))), null, null);

        List<Object> commands = TaskShareCommands.forAssignment(event, 3);

        assertThat(commands).hasSize(3).allMatch(AssignTaskShareCommand.class::isInstance);
        AssignTaskShareCommand lead = (AssignTaskShareCommand) commands.get(0);
        assertThat(lead.shareId()).isEqualTo("p-07:jixi-committee");
        assertThat(lead.lead()).isTrue();
        assertThat(lead.responsible()).isTrue();
        assertThat(lead.taskVersion()).isEqualTo(3);
        AssignTaskShareCommand county = (AssignTaskShareCommand) commands.get(2);
        assertThat(county.shareId()).isEqualTo("p-07:jixi-mishan");
        assertThat(county.lead()).isFalse();
        assertThat(county.responsible()).isTrue();
        assertThat(county.leadUnit()).isEqualTo(COMMITTEE);
        assertThat(county.taskTitle()).isEqualTo("任务七");
        assertThat(county.sectionOrdinal()).isEqualTo(4);
    }

    @Test
    void unitsThePreviousAssignmentNamedAndThisOneDoesNotAreWithdrawn() {
        TaskAssignedEvent event = new TaskAssignedEvent("p-07", "p", 7, 4, "四", "任务七", PROPAGANDA,
                List.of(MISHAN), List.of(), COMMITTEE, List.of(MISHAN, HULIN));

        List<Object> commands = TaskShareCommands.forAssignment(event, 8);

        assertThat(commands).filteredOn(AssignTaskShareCommand.class::isInstance).hasSize(2);
        assertThat(commands).filteredOn(WithdrawTaskShareCommand.class::isInstance).containsExactly(
                new WithdrawTaskShareCommand("p-07:jixi-committee", "p-07", COMMITTEE.code(), 8),
                new WithdrawTaskShareCommand("p-07:jixi-hulin", "p-07", HULIN.code(), 8));
    }
}
