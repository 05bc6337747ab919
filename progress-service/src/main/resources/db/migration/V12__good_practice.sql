-- Good practices (典型经验), submitted by units and published by the city committee; built by
-- GoodPracticeProjection in the "views" processor and rebuilt with it.
CREATE TABLE good_practice (
    practice_id  VARCHAR(64)  PRIMARY KEY,
    plan_id      VARCHAR(100) NOT NULL,
    task_id      VARCHAR(150) NOT NULL,
    task_number  INTEGER      NOT NULL,
    task_title   TEXT         NOT NULL,
    unit_code    VARCHAR(100) NOT NULL,
    unit_name    TEXT         NOT NULL,
    unit_kind    VARCHAR(30)  NOT NULL,
    title        TEXT         NOT NULL,
    text         TEXT         NOT NULL,
    submitted_at TIMESTAMPTZ  NOT NULL,
    -- null until the city committee publishes it
    published_at TIMESTAMPTZ
);

CREATE INDEX good_practice_plan ON good_practice (plan_id, published_at);
