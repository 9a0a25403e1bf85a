-- Service-level opening hours and cost options of the directory (issue 12 § 1, HSDS 3.0 import and
-- export): an HSDS schedule may belong to a service as a whole (service_id, no place), and a
-- service may list its costs as HSDS cost_option objects (option, amount, currency, period).
ALTER TABLE directory_schedule ADD COLUMN service_id text;
ALTER TABLE directory_schedule ALTER COLUMN service_at_location_id DROP NOT NULL;
ALTER TABLE directory_schedule ADD FOREIGN KEY (tenant_id, service_id)
  REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE;
ALTER TABLE directory_schedule ADD CONSTRAINT directory_schedule_owner
  CHECK ((service_at_location_id IS NULL) <> (service_id IS NULL));
CREATE INDEX directory_schedule_service_idx ON directory_schedule (tenant_id, service_id);

CREATE TABLE directory_cost_option (
  tenant_id           text NOT NULL,
  id                  text NOT NULL,
  service_id          text NOT NULL,
  option              text,                    -- e.g. 'Mittagessen', 'Ermäßigt'
  amount              numeric,
  currency            text,                    -- ISO 4217, e.g. 'EUR'
  amount_description  text,
  valid_from          date,
  valid_to            date,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT directory_cost_option_amount CHECK (amount IS NULL OR amount >= 0),
  CONSTRAINT directory_cost_option_currency CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
  CONSTRAINT directory_cost_option_period CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX directory_cost_option_service_idx ON directory_cost_option (tenant_id, service_id);
