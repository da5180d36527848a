-- Desired state owned by api-service. Ids are lowercase UUID strings; maps and lists are JSON text.
CREATE TABLE namespaces (
    id                           TEXT PRIMARY KEY,
    project_id                   TEXT        NOT NULL,
    organization_id              TEXT        NOT NULL,
    region                       TEXT        NOT NULL,
    name                         TEXT        NOT NULL,
    description                  TEXT        NOT NULL,
    environment_variables        TEXT        NOT NULL,
    secret_environment_variables TEXT        NOT NULL,
    tags                         TEXT        NOT NULL,
    status                       TEXT        NOT NULL,
    error_message                TEXT,
    registry_endpoint            TEXT        NOT NULL,
    registry_namespace_id        TEXT        NOT NULL,
    token_private_key            TEXT,
    token_public_key             TEXT,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL,
    UNIQUE (project_id, region, name)
);

CREATE TABLE functions (
    id                           TEXT PRIMARY KEY,
    namespace_id                 TEXT        NOT NULL REFERENCES namespaces (id) ON DELETE CASCADE,
    project_id                   TEXT        NOT NULL,
    region                       TEXT        NOT NULL,
    name                         TEXT        NOT NULL,
    description                  TEXT        NOT NULL,
    status                       TEXT        NOT NULL,
    runtime                      TEXT        NOT NULL,
    handler                      TEXT        NOT NULL,
    min_scale                    INT         NOT NULL,
    max_scale                    INT         NOT NULL,
    memory_limit                 INT         NOT NULL,
    cpu_limit                    INT         NOT NULL,
    timeout_millis               BIGINT      NOT NULL,
    privacy                      TEXT        NOT NULL,
    http_option                  TEXT        NOT NULL,
    sandbox                      TEXT        NOT NULL,
    domain_name                  TEXT        NOT NULL UNIQUE,
    environment_variables        TEXT        NOT NULL,
    secret_environment_variables TEXT        NOT NULL,
    tags                         TEXT        NOT NULL,
    private_network_id           TEXT,
    build_message                TEXT,
    error_message                TEXT,
    runtime_message              TEXT        NOT NULL,
    code_sha256                  TEXT,
    code_size                    BIGINT      NOT NULL,
    code_uploaded_at             TIMESTAMPTZ,
    deployed_fingerprint         TEXT,
    revision                     BIGINT      NOT NULL,
    image                        TEXT,
    ready_at                     TIMESTAMPTZ,
    created_at                   TIMESTAMPTZ NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL,
    UNIQUE (namespace_id, name)
);
CREATE INDEX functions_project ON functions (project_id, region);

CREATE TABLE crons (
    id          TEXT PRIMARY KEY,
    function_id TEXT        NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    project_id  TEXT        NOT NULL,
    region      TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    schedule    TEXT        NOT NULL,
    args_json   TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX crons_function ON crons (function_id);

CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    namespace_id TEXT REFERENCES namespaces (id) ON DELETE CASCADE,
    function_id  TEXT REFERENCES functions (id) ON DELETE CASCADE,
    project_id   TEXT        NOT NULL,
    region       TEXT        NOT NULL,
    description  TEXT        NOT NULL,
    expires_at   TIMESTAMPTZ,
    status       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    CHECK ((namespace_id IS NULL) <> (function_id IS NULL))
);

CREATE TABLE domains (
    id            TEXT PRIMARY KEY,
    function_id   TEXT        NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    project_id    TEXT        NOT NULL,
    region        TEXT        NOT NULL,
    hostname      TEXT        NOT NULL UNIQUE,
    url           TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    error_message TEXT,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE triggers (
    id            TEXT PRIMARY KEY,
    function_id   TEXT        NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    project_id    TEXT        NOT NULL,
    region        TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    description   TEXT        NOT NULL,
    input_type    TEXT        NOT NULL,
    config_json   TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    error_message TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Transactional outbox: rows are published in id order and marked sent; nothing is lost while Kafka is down.
CREATE TABLE outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      TEXT        NOT NULL,
    record_key TEXT        NOT NULL,
    payload    TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
