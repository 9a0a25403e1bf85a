-- Local actors' assessments (Einschätzungen, issue 13 § 4, ADR 0036): people of organisations
-- (Quartiersmanagement, Schulsozialarbeit, Träger, Präventionsrat) and planners give dated,
-- structured assessments per area and Lebenslage: trend, urgency, text, evidence. A change replaces
-- the row and writes the audit entry (before/after) in the same transaction; withdrawing keeps the
-- row with withdrawn_at, so the area's history stays complete. An assessment only concerns its area:
-- it goes with the area when the area is removed (as the links of 0028).
CREATE TABLE assessment (
  tenant_id        text NOT NULL REFERENCES tenant(id),
  id               integer GENERATED ALWAYS AS IDENTITY,
  area_id          integer NOT NULL,
  dimension        text NOT NULL,                 -- Lebenslage (core DIMENSIONS)
  observed_date    date NOT NULL,                 -- the date the assessment speaks of
  trend            text NOT NULL CHECK (trend IN ('better', 'same', 'worse')),
  urgency          integer NOT NULL CHECK (urgency BETWEEN 1 AND 3),  -- 1 niedrig, 2 mittel, 3 hoch
  body             text NOT NULL,
  evidence         text NOT NULL DEFAULT '',       -- sources, observations, links (free text)
  organisation_id  text NOT NULL,                  -- department record (kind department or organisation)
  author_user_id   integer,
  author_name      text NOT NULL,
  visibility       text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('public', 'internal')),
  withdrawn_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES department(tenant_id, id)
);
CREATE INDEX assessment_area_idx ON assessment (tenant_id, area_id, observed_date DESC);

-- The seismograph counts reports and negative assessments (issue 13 § 5): a new rule kind.
ALTER TABLE alert_rule DROP CONSTRAINT alert_rule_kind;
ALTER TABLE alert_rule ADD CONSTRAINT alert_rule_kind CHECK (kind IN
  ('indicator_change', 'class_change', 'repeated_negative_dynamics', 'participation_signal'));
