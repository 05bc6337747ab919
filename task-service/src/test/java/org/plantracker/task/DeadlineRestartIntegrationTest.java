package org.plantracker.task;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.test.MutableClock;
import org.plantracker.platform.test.ServiceInstance;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.task.HttpClientForTests.Response;
import org.plantracker.task.api.AcknowledgementOverdueEvent;
import org.plantracker.task.api.TaskOverdueEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines survive a restart: one instance of task-service imports a plan (every task's acknowledgement
 * deadline) and schedules a near-term task (its due date), and stops; the clock passes both dates while it
 * is down; a second instance on the same database fires every deadline exactly once — nothing lost,
 * nothing twice.
 */
class DeadlineRestartIntegrationTest {

    private static final ZoneId JIXI = ZoneId.of("Asia/Shanghai");
    /**
     * 10:00 on 4 March 2030 in Jixi (units acknowledge by 9 March): later than the machine's clock, so only the
     * test's clock, which db-scheduler reads, can make a deadline due.
     */
    private static final Instant START = Instant.parse("2030-03-04T02:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2030, 3, 4);
    private static final LocalDate ACKNOWLEDGE_BY = LocalDate.of(2030, 3, 9);
    private static final MutableClock CLOCK = new MutableClock(START);
    private static final String COMMITTEE = TestTokens.supervisor("jixi-committee");

    @Test
    void deadlinesScheduledBeforeARestartFireOnceAfterIt() throws Exception {
        String database = TestInfrastructure.newDatabase("task_restart");
        String task7;
        long pendingAcknowledgements;

        try (ConfigurableApplicationContext first = start(database)) {
            HttpClientForTests http = new HttpClientForTests(port(first));
            Response imported = http.importPlan(HttpClientForTests.jixiPlanVariant("截止期限重启测试"), COMMITTEE, null);
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            task7 = imported.json().path("planId").asText() + "-07";
            Response scheduled = http.put("/api/tasks/" + task7 + "/schedule", COMMITTEE, null,
                    Map.of("kind", "NEAR_TERM", "dueDate", TODAY.toString()));
            assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);

            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, "SELECT count(*) FROM scheduled_tasks"))
                    .as("30 acknowledgement deadlines and task 7's due date").isEqualTo(31);
            pendingAcknowledgements = count(jdbc,
                    "SELECT count(*) FROM task_acknowledgement_view WHERE state = 'PENDING'");
            assertThat(pendingAcknowledgements).isGreaterThan(300);
            assertThat(eventsOfType(jdbc, AcknowledgementOverdueEvent.class) + eventsOfType(jdbc, TaskOverdueEvent.class))
                    .as("nothing is due yet").isZero();
        }

        // both dates pass while no instance runs
        CLOCK.set(ACKNOWLEDGE_BY.plusDays(2).atStartOfDay(JIXI).toInstant());

        try (ConfigurableApplicationContext second = start(database)) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (count(jdbc, "SELECT count(*) FROM scheduled_tasks") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(count(jdbc, "SELECT count(*) FROM scheduled_tasks")).as("every deadline ran and is done").isZero();

            assertThat(eventsOfType(jdbc, AcknowledgementOverdueEvent.class))
                    .as("one overdue acknowledgement per unit still pending").isEqualTo(pendingAcknowledgements);
            assertThat(eventsOfType(jdbc, TaskOverdueEvent.class)).isEqualTo(1);
            assertThat(count(jdbc, """
                    SELECT count(*) FROM (SELECT aggregateidentifier, convert_from(payload, 'UTF8')::jsonb -> 'unit' ->> 'code'
                    FROM domainevententry WHERE payloadtype = '%s' GROUP BY 1, 2 HAVING count(*) > 1) twice
                    """.formatted(AcknowledgementOverdueEvent.class.getName())))
                    .as("no unit is overdue twice on a task").isZero();

            JsonNode task = new HttpClientForTests(port(second)).await("/api/tasks/" + task7, COMMITTEE,
                    t -> t.path("overdue").asBoolean() && t.path("acknowledgements").findValues("state").stream()
                            .allMatch(state -> state.asText().equals("OVERDUE")));
            assertThat(task.path("acknowledgements")).isNotEmpty();
        }
    }

    private static ConfigurableApplicationContext start(String databaseUrl) {
        return ServiceInstance.start(TaskServiceApplication.class, CLOCK, databaseUrl);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ServiceInstance.port(context);
    }

    private static long eventsOfType(JdbcTemplate jdbc, Class<?> type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class,
                type.getName());
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
