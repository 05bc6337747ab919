package org.plantracker.progress;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.platform.test.ServiceInstance;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.progress.api.ReportDueSoonEvent;
import org.plantracker.progress.api.ReportOverdueEvent;
import org.plantracker.progress.api.UrgeIssuedEvent;
import org.plantracker.progress.command.AssignTaskShareCommand;
import org.plantracker.progress.command.ScheduleTaskShareCommand;
import org.plantracker.progress.command.TaskShare;
import org.plantracker.task.api.ReportingCycle;
import org.plantracker.task.api.TaskKind;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report deadlines survive restarts: one instance of progress-service learns a quarterly schedule (each share's
 * reminder and due date) and stops; the due date passes while no instance runs; a second instance on the same
 * database finds each unit late and urges it exactly once — nothing lost, nothing twice — and sets the next
 * deadlines; a third, a week later, repeats the urge once (the repeat deadline survived the restart too) and
 * does not find anyone late again.
 */
class DeadlineRestartIntegrationTest {

    private static final ZoneId JIXI = ZoneId.of("Asia/Shanghai");
    /** 10:00 on 10 May 2030 in Jixi: later than the machine's clock, so only the test's clock makes a deadline due. */
    private static final Instant START = LocalDate.of(2030, 5, 10).atTime(10, 0).atZone(JIXI).toInstant();
    private static final MutableClock CLOCK = new MutableClock(START);
    private static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    private static final List<UnitRef> COUNTIES = List.of(
            new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE),
            new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE));

    @Test
    void reportDeadlinesScheduledBeforeARestartFireOnceAfterIt() throws Exception {
        String database = TestInfrastructure.newDatabase("progress_restart");
        String group = "spring.kafka.consumer.group-id=" + database.substring(database.lastIndexOf('/') + 1).split("\\?")[0];
        String task = "restart-07";

        try (ConfigurableApplicationContext first = start(database, group)) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            for (UnitRef county : COUNTIES) {
                String share = TaskShare.idOf(task, county.code());
                commands.sendAndWait(new AssignTaskShareCommand(share, task, "restart", 7, 4, "加强青少年法治教育和权益保护",
                        "深化青少年法治教育", county, PROPAGANDA, false, true, 1));
                commands.sendAndWait(new ScheduleTaskShareCommand(share, task, TaskKind.LONG_TERM, null,
                        ReportingCycle.QUARTERLY, 2));
            }
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, "SELECT count(*) FROM scheduled_tasks"))
                    .as("each share's Q2 reminder and due date (2030-07-05)").isEqualTo(4);
            assertThat(events(jdbc, ReportDueSoonEvent.class) + events(jdbc, ReportOverdueEvent.class)).isZero();
        }

        // the Q2 due date passes while no instance runs
        CLOCK.set(LocalDate.of(2030, 7, 7).atTime(10, 0).atZone(JIXI).toInstant());
        try (ConfigurableApplicationContext second = start(database, group)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            awaitNothingDue(jdbc);
            assertThat(events(jdbc, ReportDueSoonEvent.class)).as("one reminder per unit").isEqualTo(2);
            assertThat(events(jdbc, ReportOverdueEvent.class)).as("each unit found late once").isEqualTo(2);
            assertThat(events(jdbc, UrgeIssuedEvent.class)).as("and urged once").isEqualTo(2);
            assertThat(count(jdbc, "SELECT count(*) FROM scheduled_tasks"))
                    .as("per share: Q3's reminder and due date, and the repeat urge of 2030-07-12").isEqualTo(6);
        }

        // a week later, a third instance: the repeat fires once per unit, nobody is found late again
        CLOCK.set(LocalDate.of(2030, 7, 13).atTime(10, 0).atZone(JIXI).toInstant());
        try (ConfigurableApplicationContext third = start(database, group)) {
            JdbcTemplate jdbc = third.getBean(JdbcTemplate.class);
            awaitNothingDue(jdbc);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events(jdbc, UrgeIssuedEvent.class) < 4 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(2000); // a few more polls: nothing else may fire
            assertThat(events(jdbc, UrgeIssuedEvent.class)).as("the first urge and one repeat per unit").isEqualTo(4);
            assertThat(events(jdbc, ReportOverdueEvent.class)).isEqualTo(2);
            assertThat(count(jdbc, """
                    SELECT count(*) FROM (SELECT convert_from(payload, 'UTF8')::jsonb ->> 'urgeId' FROM domainevententry
                    WHERE payloadtype = '%s' GROUP BY 1 HAVING count(*) > 1) twice""".formatted(UrgeIssuedEvent.class.getName())))
                    .as("no urge twice").isZero();
        }
    }

    private static ConfigurableApplicationContext start(String database, String group) {
        return ServiceInstance.start(ProgressServiceApplication.class, CLOCK, database,
                group, "plan-tracker.progress.repeat-urge-days=7");
    }

    /** Waits until no deadline is due by the test's clock (db-scheduler ran and removed or rescheduled each). */
    private static void awaitNothingDue(JdbcTemplate jdbc) throws InterruptedException {
        String due = "SELECT count(*) FROM scheduled_tasks WHERE execution_time <= ?";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (jdbc.queryForObject(due, Long.class, Timestamp.from(CLOCK.instant())) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(jdbc.queryForObject(due, Long.class, Timestamp.from(CLOCK.instant()))).as("every due deadline ran").isZero();
    }

    private static long events(JdbcTemplate jdbc, Class<?> type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class, type.getName());
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
