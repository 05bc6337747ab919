-- Records a consumer could never process (unreadable, invalid, or failing for a reason that is not
-- a passing outage), parked here and on <topic>.DLT, for an operator to inspect and send back
-- (/api/admin/dead-letters). A record is parked once per consumer group and position.
CREATE TABLE dead_letter (
    id             BIGSERIAL    PRIMARY KEY,
    consumer_group VARCHAR(200) NOT NULL,
    topic          VARCHAR(249) NOT NULL,
    partition_no   INTEGER      NOT NULL,
    record_offset  BIGINT       NOT NULL,
    record_key     TEXT,
    record_value   BYTEA,
    -- the record's headers as a JSON array of [name, base64 value], so any header survives a redelivery
    headers        TEXT         NOT NULL,
    event_id       VARCHAR(64),
    event_type     VARCHAR(100),
    failure        TEXT         NOT NULL,
    parked_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    status         VARCHAR(20)  NOT NULL DEFAULT 'PARKED',
    redelivered_at TIMESTAMPTZ,
    redelivered_by VARCHAR(200),
    CONSTRAINT dead_letter_once UNIQUE (consumer_group, topic, partition_no, record_offset)
);

CREATE INDEX dead_letter_by_status ON dead_letter (status, id);
