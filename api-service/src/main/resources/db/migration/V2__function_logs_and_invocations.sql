-- What the runtime reports about functions: their output lines and the calls they served. Only the newest 1,000
-- rows of each function are kept; seq is the write order, breaking ties between equal timestamps.
CREATE TABLE function_log (
    id          TEXT PRIMARY KEY,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    function_id TEXT        NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    instance_id TEXT,
    stream      TEXT        NOT NULL,
    message     TEXT        NOT NULL,
    timestamp   TIMESTAMPTZ NOT NULL
);
CREATE INDEX function_log_by_time ON function_log (function_id, timestamp, seq);

CREATE TABLE invocation (
    id              TEXT PRIMARY KEY,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,
    function_id     TEXT        NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    revision        BIGINT      NOT NULL,
    source          TEXT        NOT NULL,
    status          INT         NOT NULL,
    duration_micros BIGINT      NOT NULL,
    cold            BOOLEAN     NOT NULL,
    instance_id     TEXT,
    timestamp       TIMESTAMPTZ NOT NULL
);
CREATE INDEX invocation_by_time ON invocation (function_id, timestamp, seq);
