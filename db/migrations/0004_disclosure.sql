-- Statistical disclosure control (issue 4, § 5): thresholds per tenant. Without a row the defaults
-- apply (counts 1 and 2 suppressed, indices only for areas with at least 300 residents).
-- Method: docs/methods/disclosure-control.md. There is deliberately no public route to change these:
-- until access control lands, only operators (SQL, CLI, setDisclosureSettings) may lower them.
CREATE TABLE disclosure_setting (
  tenant_id             text PRIMARY KEY REFERENCES tenant(id),
  min_count             integer NOT NULL DEFAULT 3,      -- counts 1 … min_count − 1 are suppressed; 0 is shown
  min_population_index  integer NOT NULL DEFAULT 300,    -- indices only for areas with at least this many residents
  enabled               boolean NOT NULL DEFAULT true,
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT disclosure_min_count CHECK (min_count >= 1),
  CONSTRAINT disclosure_min_population CHECK (min_population_index >= 0)
);
