package org.plantracker.devstack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read models one tracking processor of a service builds from the service's own event store:
 * the processor's name and the tables it writes (from the projections' {@code @ProcessingGroup} and
 * {@code @ResetHandler}s). Tables that a Kafka listener writes (progress-service's
 * {@code task_schedule}) are not rebuilt by a replay and are not listed.
 *
 * @param module         the service
 * @param database       its database, as {@link DevStack#jdbcUrl} names it
 * @param processor      the tracking processor's name (the {@code tokenentry.processorname})
 * @param tables         the processor's tables, children before the tables they reference
 * @param ignoredColumns per table, columns a replay legitimately writes differently (a sequence's
 *                       next value, say): left out when a rebuilt view is compared with the live one
 */
public record ReadModel(String module, String database, String processor, List<String> tables,
                        Map<String, Set<String>> ignoredColumns) {

    /** progress-service's county and municipal views, reports, urges, problems, practices (TaskShareProjection & co). */
    public static final ReadModel PROGRESS_VIEWS = new ReadModel("progress-service", "progress", "views",
            List.of("task_share_view", "progress_report", "urge", "share_overdue", "share_figure", "task_summary",
                    "supervision_record", "problem_raiser", "problem", "good_practice", "evidence_attachment"),
            Map.of());

    /** task-service's plans, tasks and units registry (PlanProjection, TaskProjection, UnitProjection). */
    public static final ReadModel TASK_PROJECTIONS = new ReadModel("task-service", "task", "task-projections",
            List.of("plan_section_view", "plan_view", "task_unit_view", "task_target_view", "task_milestone_view",
                    "task_acknowledgement_view", "task_request_view", "task_view", "unit_view"),
            // registration order from a BIGSERIAL: a replay's rows get the sequence's next values (same order)
            Map.of("unit_view", Set.of("position")));

    public static List<ReadModel> all() {
        return List.of(PROGRESS_VIEWS, TASK_PROJECTIONS);
    }

    /**
     * Deletes every row of the read model and the processor's tokens, so that the service, started
     * next, rebuilds the views from the first stored event. Only while the service is stopped: a
     * running processor would hold its token and write on.
     */
    public void deleteRowsAndTokens(Connection c) throws Exception {
        try (PreparedStatement tokens = c.prepareStatement("DELETE FROM tokenentry WHERE processorname = ?")) {
            tokens.setString(1, processor);
            tokens.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            for (String table : tables) {
                s.executeUpdate("DELETE FROM " + table);
            }
        }
    }
}
