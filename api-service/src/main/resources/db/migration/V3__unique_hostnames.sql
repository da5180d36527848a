-- The gateway routes by Host, so a hostname belongs to one function only, whether it is a function's own
-- domain_name or a custom domain. One table holds both kinds; its primary key settles two requests that race for
-- the same name (the loser's insert fails with a unique violation, answered 409 already_exists).
CREATE TABLE hostnames (
    hostname    TEXT PRIMARY KEY,
    function_id TEXT NOT NULL REFERENCES functions (id) ON DELETE CASCADE,
    domain_id   TEXT REFERENCES domains (id) ON DELETE CASCADE
);

INSERT INTO hostnames (hostname, function_id) SELECT lower(domain_name), id FROM functions;
INSERT INTO hostnames (hostname, function_id, domain_id)
SELECT lower(hostname), function_id, id FROM domains ON CONFLICT (hostname) DO NOTHING;

-- Triggers keep the table in step with every writer of functions and domains; deletes follow by cascade.
CREATE FUNCTION claim_function_hostname() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hostnames (hostname, function_id) VALUES (lower(NEW.domain_name), NEW.id);
    RETURN NEW;
END $$;

CREATE FUNCTION claim_domain_hostname() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO hostnames (hostname, function_id, domain_id) VALUES (lower(NEW.hostname), NEW.function_id, NEW.id);
    RETURN NEW;
END $$;

CREATE TRIGGER functions_claim_hostname AFTER INSERT ON functions
    FOR EACH ROW EXECUTE FUNCTION claim_function_hostname();
CREATE TRIGGER domains_claim_hostname AFTER INSERT ON domains
    FOR EACH ROW EXECUTE FUNCTION claim_domain_hostname();
