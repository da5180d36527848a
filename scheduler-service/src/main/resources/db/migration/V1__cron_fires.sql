-- One row per (cron, tick) ever fired: the primary key is what makes a tick fire once however many schedulers
-- run. A row without published_at was claimed but not yet on Kafka; the sweeper publishes it.
CREATE TABLE cron_fire (
    cron_id       TEXT        NOT NULL,
    tick          TIMESTAMPTZ NOT NULL,
    invocation_id UUID        NOT NULL,
    function_id   TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    PRIMARY KEY (cron_id, tick)
);
CREATE INDEX cron_fire_unpublished ON cron_fire (claimed_at) WHERE published_at IS NULL;
