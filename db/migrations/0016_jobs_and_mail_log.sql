-- Shared services (issue 10 § 3, ADR 0025): a record of every job the server ran in the background
-- or on a person's request (imports, scheduled alert detection), and a delivery log of every e-mail.

-- One row per job. status: queued → running → succeeded | failed. A job left 'running' by a process
-- that ended is resumed (kinds that declare themselves resumable) or marked failed at the next start.
CREATE TABLE job (
  tenant_id     text NOT NULL REFERENCES tenant(id),
  id            integer GENERATED ALWAYS AS IDENTITY,
  kind          text NOT NULL,                    -- 'imports.table' | 'imports.areas' | 'alerts.detect' | …
  subject       text,                             -- what the job works on, e.g. the upload id of an import
  params        jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,       -- runs started (1 + retries)
  max_attempts  integer NOT NULL DEFAULT 1,
  progress      jsonb,                            -- the latest progress event
  error         text,                             -- German message when failed
  result        jsonb,                            -- a short summary of what it did
  started_by    text NOT NULL,                    -- the actor as the audit log names it; 'system' for the schedule
  user_id       integer,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  started_at    timestamptz,
  finished_at   timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX job_open ON job (tenant_id, status) WHERE status IN ('queued', 'running');

-- One row per e-mail handed to the SMTP server (or refused by it / timed out).
CREATE TABLE mail_delivery (
  tenant_id     text NOT NULL REFERENCES tenant(id),
  id            integer GENERATED ALWAYS AS IDENTITY,
  purpose       text NOT NULL,                    -- 'alerts' | 'password_reset'
  recipient     text NOT NULL,
  subject       text NOT NULL,
  status        text NOT NULL CHECK (status IN ('sent', 'failed')),
  error         text,
  duration_ms   integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id)
);
