-- What the service learns from task-service's events so a notification can name its plan by title,
-- find every unit of a task or plan, the city committee of a plan, and a task's section. Built only
-- from the events on plan-tracker.task-events.
CREATE TABLE plan (
    plan_id VARCHAR(200) PRIMARY KEY,
    title   VARCHAR(500) NOT NULL,
    region  VARCHAR(100)
);

CREATE TABLE unit (
    code        VARCHAR(100) PRIMARY KEY,
    registry_id VARCHAR(100),
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(30)  NOT NULL
);

CREATE TABLE task (
    task_id         VARCHAR(200) PRIMARY KEY,
    plan_id         VARCHAR(200) NOT NULL,
    number          INT          NOT NULL,
    section_ordinal INT,
    section_title   VARCHAR(500),
    title           VARCHAR(500),
    -- the task aggregate's sequence number of the assignment applied: an older one changes nothing
    assignment_version BIGINT    NOT NULL DEFAULT -1
);
CREATE INDEX task_by_plan ON task (plan_id);

CREATE TABLE task_unit (
    task_id     VARCHAR(200) NOT NULL,
    unit_code   VARCHAR(100) NOT NULL,
    unit_name   VARCHAR(200),
    unit_kind   VARCHAR(30),
    lead        BOOLEAN      NOT NULL,
    responsible BOOLEAN      NOT NULL,
    PRIMARY KEY (task_id, unit_code)
);

-- Who issued an urge, so the urged unit's read receipt (UrgeReadEvent) reaches the urging unit.
CREATE TABLE urge (
    urge_id        VARCHAR(100) PRIMARY KEY,
    issued_by      VARCHAR(100),
    issued_by_name VARCHAR(200),
    unit_code      VARCHAR(100),
    unit_name      VARCHAR(200)
);

-- The inbox grows what issue 15 asks of it.
--  position: the live stream's resume point (Last-Event-ID). Unlike id, which a transaction takes at
--            insert, it is handed out under a row lock held until commit (notification_stream_head),
--            so positions become visible in increasing order and a reader resuming after position N
--            never skips a notification that commits later with a lower number.
--  alert:    pushed to the unit (live stream, email) as it arrives; false while it waits for the daily
--            digest (digest_pending) or for a unit that asked for a digest of its type.
-- event_id: notifications of the service's own making (a digest, a disabled webhook) have longer ids
ALTER TABLE notification ALTER COLUMN event_id TYPE VARCHAR(200);
ALTER TABLE notification
    ADD COLUMN position       BIGINT,
    ADD COLUMN severity       VARCHAR(10) NOT NULL DEFAULT 'NORMAL',
    ADD COLUMN alert          BOOLEAN     NOT NULL DEFAULT TRUE,
    ADD COLUMN digest_pending BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN archived_at    TIMESTAMPTZ,
    ADD COLUMN task_number    INT;

UPDATE notification SET position = id;
ALTER TABLE notification ALTER COLUMN position SET NOT NULL;
CREATE UNIQUE INDEX notification_position ON notification (position);
CREATE INDEX notification_stream ON notification (unit_code, position) WHERE alert;
CREATE INDEX notification_digest ON notification (unit_code, id) WHERE digest_pending;
CREATE INDEX notification_by_task ON notification (unit_code, task_id, id DESC);

CREATE TABLE notification_stream_head (
    id            INT    PRIMARY KEY CHECK (id = 1),
    last_position BIGINT NOT NULL
);
INSERT INTO notification_stream_head (id, last_position) SELECT 1, coalesce(max(id), 0) FROM notification;

-- Webhook subscriptions. A unit owns its subscriptions; scope records what the owner may hear
-- (CITY_COMMITTEE: everything; COUNTY and UNIT: only what concerns the owner itself).
CREATE TABLE subscription (
    id              VARCHAR(40)   PRIMARY KEY,
    owner_unit      VARCHAR(100)  NOT NULL,
    scope           VARCHAR(20)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    description     VARCHAR(500),
    event_types     TEXT[]        NOT NULL,
    task_ids        TEXT[]        NOT NULL,
    sections        INT[]         NOT NULL,
    counties        TEXT[]        NOT NULL,
    plan_id         VARCHAR(200),
    status          VARCHAR(20)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    -- the first failure since the last success; cleared by a success
    failing_since   TIMESTAMPTZ,
    disabled_at     TIMESTAMPTZ,
    disabled_reason VARCHAR(500),
    deleted_at      TIMESTAMPTZ
);
CREATE INDEX subscription_by_owner ON subscription (owner_unit, created_at);
CREATE INDEX subscription_active ON subscription (id) WHERE status = 'ACTIVE';

-- Signing secrets: the current one (expires_at null) and, after a rotation, the previous one until
-- its overlap ends. Never part of any API answer after the one that created it.
CREATE TABLE subscription_secret (
    subscription_id VARCHAR(40)  NOT NULL REFERENCES subscription (id),
    secret          VARCHAR(200) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ,
    PRIMARY KEY (subscription_id, secret)
);

-- The outbox of every outbound channel (webhook, email, county Kafka topics, any adapter added
-- later): a delivery is stored in the transaction that handled its event, before anything is sent,
-- and a dispatcher claims due rows with FOR UPDATE SKIP LOCKED, so two instances never send the
-- same attempt.
CREATE TABLE delivery (
    id               BIGSERIAL     PRIMARY KEY,
    channel          VARCHAR(30)   NOT NULL,
    destination      VARCHAR(300)  NOT NULL,
    subscription_id  VARCHAR(40),
    message_id       VARCHAR(100)  NOT NULL,
    event_id         VARCHAR(100)  NOT NULL,
    event_type       VARCHAR(100)  NOT NULL,
    message_key      VARCHAR(300),
    payload          TEXT          NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    retry_step       INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    claim_token      VARCHAR(40),
    created_at       TIMESTAMPTZ   NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    last_error       VARCHAR(1000),
    delivered_at     TIMESTAMPTZ,
    -- one delivery per event and destination: a re-delivered event adds none
    CONSTRAINT delivery_once UNIQUE (channel, destination, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_log ON delivery (subscription_id, id DESC) WHERE subscription_id IS NOT NULL;

CREATE TABLE delivery_attempt (
    delivery_id  BIGINT        NOT NULL REFERENCES delivery (id),
    attempt      INT           NOT NULL,
    attempted_at TIMESTAMPTZ   NOT NULL,
    status_code  INT,
    error        VARCHAR(1000),
    duration_ms  BIGINT        NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- Preferences: per unit and notification type, IMMEDIATE (the default) or DAILY_DIGEST; an email
-- address for the email channel.
CREATE TABLE unit_setting (
    unit_code  VARCHAR(100) PRIMARY KEY,
    email      VARCHAR(254),
    updated_at TIMESTAMPTZ  NOT NULL
);
CREATE TABLE unit_type_preference (
    unit_code VARCHAR(100) NOT NULL,
    type      VARCHAR(40)  NOT NULL,
    mode      VARCHAR(20)  NOT NULL,
    PRIMARY KEY (unit_code, type)
);
-- one row per day a digest was made: instances race to insert it, one wins
CREATE TABLE digest_run (
    day    DATE        PRIMARY KEY,
    ran_at TIMESTAMPTZ NOT NULL
);
