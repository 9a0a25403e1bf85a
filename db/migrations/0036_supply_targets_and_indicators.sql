-- Supply against need as data (issue 12 § 3, docs/adr/0042-supply-targets-cache-and-indicators.md).
-- 1. The target population of a service type: the tenant's population indicators (counts per area)
--    whose sum is the people the type is for (Kita: children under 6). Was hard-coded to the Berlin
--    demo's indicator ids; now each tenant sets its own on the Versorgung screen.
CREATE TABLE supply_target (
  tenant_id      text NOT NULL REFERENCES tenant(id),
  service_type   text NOT NULL,
  indicator_ids  text[] NOT NULL,
  modified_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, service_type),
  FOREIGN KEY (tenant_id, service_type) REFERENCES directory_taxonomy_term(tenant_id, code) ON DELETE CASCADE,
  CONSTRAINT supply_target_indicators CHECK (cardinality(indicator_ids) BETWEEN 1 AND 20)
);

-- 2. Supply ratios kept as indicators of the catalogue (map, profiles, time series): which indicator
--    holds the ratio of a service type, and what it was last computed from.
CREATE TABLE supply_indicator (
  tenant_id        text NOT NULL,
  service_type     text NOT NULL,
  indicator_id     text NOT NULL,
  system_id        text NOT NULL,
  ref_date         date NOT NULL,          -- reference date of the population used
  directory_stand  date,                   -- latest capacity date of the type's services
  computed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, service_type),
  UNIQUE (tenant_id, indicator_id),
  FOREIGN KEY (tenant_id, service_type) REFERENCES directory_taxonomy_term(tenant_id, code) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id) ON DELETE CASCADE
);

-- Existing installations keep what the hard-coded bands gave them: tenants with the Berlin residents
-- register's age-band indicators get the same targets (0–6, 6–18 = 6–15 + 15–18, 65+, all residents).
INSERT INTO supply_target (tenant_id, service_type, indicator_ids)
SELECT t.tenant_id, t.code,
       CASE
         WHEN t.target_min_age IS NULL THEN ARRAY['ewr_inhabitants']
         WHEN t.target_min_age = 0 AND t.target_max_age = 6 THEN ARRAY['ewr_age_below_6']
         WHEN t.target_min_age = 6 AND t.target_max_age = 18 THEN ARRAY['ewr_age_6_15', 'ewr_age_15_18']
         WHEN t.target_min_age = 65 AND t.target_max_age IS NULL THEN ARRAY['ewr_age_above_65']
       END
  FROM directory_taxonomy_term t
 WHERE (t.target_min_age IS NULL
        OR (t.target_min_age = 0 AND t.target_max_age = 6)
        OR (t.target_min_age = 6 AND t.target_max_age = 18)
        OR (t.target_min_age = 65 AND t.target_max_age IS NULL))
   AND EXISTS (SELECT 1 FROM indicator i WHERE i.tenant_id = t.tenant_id AND i.id = 'ewr_age_below_6');
