-- Finished steps of work done in many short transactions (ADR 0053: the Berlin demo's second phase
-- after the server listens). Each step writes its row in the same transaction as its data, so a
-- step is either done and recorded or neither; after a restart the work resumes after the last
-- recorded step. Keyed by the kind of work, not one job's id: a job started anew after a failed
-- one continues where the earlier stopped.
CREATE TABLE job_step (
  tenant_id  text NOT NULL REFERENCES tenant(id),
  kind       text NOT NULL,                       -- e.g. 'seed.berlin'
  step       text NOT NULL,                       -- e.g. 'ewr:2019-12-31:3'
  done_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, kind, step)
);
