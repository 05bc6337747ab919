-- The YELLOW "behind its targets" light (LightRules) compares each unit's last reported value for a
-- measurable target with the target.
-- task_target: the tasks' measurable targets as task-service last described them (TargetSetEvent,
-- TargetRemovedEvent from Kafka; kept by TaskAssignmentListener like task_schedule, not rebuilt by a replay).
CREATE TABLE task_target (
    task_id      text    NOT NULL,
    target_id    text    NOT NULL,
    target_value numeric NOT NULL,
    direction    text    NOT NULL,
    PRIMARY KEY (task_id, target_id)
);

-- share_figure: each share's last reported value per target (figures[] of its newest report that named the
-- target); a projection of progress-service's own events, cleared and rebuilt by a replay.
CREATE TABLE share_figure (
    share_id  text    NOT NULL,
    target_id text    NOT NULL,
    value     numeric NOT NULL,
    period    text    NOT NULL,
    PRIMARY KEY (share_id, target_id)
);
