-- Events this service has already consumed from Kafka, per consumer: a re-published or
-- re-delivered event is recognised by its id and skipped. Written in the same transaction as the
-- work the event caused.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
