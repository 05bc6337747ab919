-- What the task-events consumer remembers of each task between its events: the units of the task's
-- latest assignment (to send the task's schedule to each of their shares) and the latest schedule (to
-- give it to a unit assigned later). Written in the same transaction as the consumer's processed-event
-- mark, so it moves exactly with the events consumed. Not a view: the shares' own events carry the
-- schedule (TaskShareScheduledEvent) and the views are rebuilt from those.
CREATE TABLE task_schedule (
    task_id            VARCHAR(150) PRIMARY KEY,
    unit_codes         TEXT[]       NOT NULL DEFAULT '{}',
    assignment_version BIGINT       NOT NULL DEFAULT 0,
    kind               VARCHAR(20),
    due_date           DATE,
    reporting_cycle    VARCHAR(20),
    schedule_version   BIGINT       NOT NULL DEFAULT 0
);
