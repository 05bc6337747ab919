-- The answers to requests sent with an Idempotency-Key, per caller and key, so that a client on a
-- poor connection may send a POST again and get the first answer instead of a second record.
CREATE TABLE idempotency_record (
    principal        VARCHAR(200) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    -- SHA-256 of the request (method, path, query, content type, body): the same key with another
    -- request is refused
    fingerprint      VARCHAR(64)  NOT NULL,
    response_status  INTEGER,
    response_headers TEXT,
    response_body    BYTEA,
    started_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at     TIMESTAMPTZ,
    PRIMARY KEY (principal, idempotency_key)
);

CREATE INDEX idempotency_record_age ON idempotency_record (started_at);
