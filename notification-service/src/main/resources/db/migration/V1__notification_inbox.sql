-- The inbox: one row per notification for one unit. Written only by the Kafka consumer, in the
-- same transaction as the processed_event row of the event that caused it.
CREATE TABLE notification (
    -- increasing, so "newest first" and paging (?before=) are plain index scans, and a later live
    -- stream can resume from it (Last-Event-ID)
    id             BIGSERIAL    PRIMARY KEY,
    unit_code      VARCHAR(100) NOT NULL,
    unit_name      VARCHAR(200),
    type           VARCHAR(40)  NOT NULL,
    title          VARCHAR(500) NOT NULL,
    body           TEXT         NOT NULL,
    task_id        VARCHAR(200),
    plan_id        VARCHAR(200),
    event_id       VARCHAR(64)  NOT NULL,
    event_type     VARCHAR(100) NOT NULL,
    correlation_id VARCHAR(128),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_at        TIMESTAMPTZ,
    -- a re-delivered or re-published event never notifies a unit twice
    CONSTRAINT notification_once_per_event_and_unit UNIQUE (event_id, unit_code)
);

CREATE INDEX notification_inbox ON notification (unit_code, id DESC);
CREATE INDEX notification_inbox_unread ON notification (unit_code, id DESC) WHERE read_at IS NULL;
