-- Every diagnosis made through the service, as it was shown (visitors' data redacted unless the service runs
-- with --no-redact), and what really fixed it once a support person says so. The same script runs on H2 and
-- PostgreSQL: plain types only.
CREATE TABLE cases (
    id             VARCHAR(64)       NOT NULL PRIMARY KEY,
    label          VARCHAR(1000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    rules_version  VARCHAR(64),
    top_cause      VARCHAR(200),
    facts          CHARACTER VARYING NOT NULL,
    diagnosis      CHARACTER VARYING NOT NULL,
    outcome_fix    VARCHAR(200),
    outcome_cause  VARCHAR(200),
    outcome_note   CHARACTER VARYING,
    outcome_at     TIMESTAMP WITH TIME ZONE
);

CREATE INDEX cases_created_at ON cases (created_at);
CREATE INDEX cases_outcome_at ON cases (outcome_at);
