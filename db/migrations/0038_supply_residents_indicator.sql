-- Which indicator counts all residents of an area, per tenant ("Einwohnende insgesamt", issue 12 § 3,
-- docs/adr/0058-residents-in-total-per-tenant.md). Two rules needed it and guessed: the need "share of
-- the target population among all residents" of the gaps view took the first demography count that is
-- not a target, and the disclosure rule "no index below 300 residents" read the Berlin demo's id
-- `ewr_inhabitants`. Now each tenant names its own on the Versorgung screen (one count indicator).
CREATE TABLE supply_residents (
  tenant_id     text PRIMARY KEY REFERENCES tenant(id),
  indicator_id  text NOT NULL,
  modified_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id) ON DELETE CASCADE
);

-- Existing installations keep what the hard-coded id gave them: tenants with the Berlin residents
-- register's indicator of all residents get it (as 0036 backfilled the supply targets).
INSERT INTO supply_residents (tenant_id, indicator_id)
SELECT i.tenant_id, i.id FROM indicator i WHERE i.id = 'ewr_inhabitants' AND i.kind = 'count';
