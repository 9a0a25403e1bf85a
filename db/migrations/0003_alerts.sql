-- Early warnings (issue 4, § 3 "Change detection and alerts"): rules as data, the alerts they raise
-- and who wants to hear about them. Detection (POST /api/alerts/detect) inserts alerts with
-- ON CONFLICT DO NOTHING on alert_once, so running it again adds nothing. Every change of a rule,
-- an alert's status or a subscription writes an audit_log entry in the same transaction.
-- Method: docs/methods/change-detection.md.
CREATE TABLE alert_rule (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,                   -- slug, e.g. 'kinderarmut-anstieg'
  name_de      text NOT NULL,
  department   text NOT NULL,                   -- owning department
  kind         text NOT NULL,
  -- indicator_change: {"indicatorIds": [...], "sdThreshold": 2, "minBase": 100, "direction": "increase"}
  -- class_change / repeated_negative_dynamics: {"indexId": "...", "system": "...", "level": "..."}
  params       jsonb NOT NULL DEFAULT '{}',
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT alert_rule_kind CHECK (kind IN ('indicator_change', 'class_change', 'repeated_negative_dynamics')),
  CONSTRAINT alert_rule_id_format CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$')
);

CREATE TABLE alert (
  tenant_id      text NOT NULL,
  id             integer GENERATED ALWAYS AS IDENTITY,
  rule_id        text NOT NULL,
  area_id        integer NOT NULL,
  indicator_id   text,                          -- indicator_change
  index_id       text,                          -- class_change / repeated_negative_dynamics
  ref_date       date NOT NULL,                 -- later Stichtag of the comparison
  previous_date  date NOT NULL,
  kind           text NOT NULL,
  severity       double precision NOT NULL,     -- |z| for changes, steps for class changes
  explanation_de text NOT NULL,
  details        jsonb NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'new',
  status_comment text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, rule_id) REFERENCES alert_rule(tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id),
  CONSTRAINT alert_status CHECK (status IN ('new', 'seen', 'discussed', 'closed')),
  CONSTRAINT alert_closed_comment CHECK (status <> 'closed' OR coalesce(btrim(status_comment), '') <> '')
);
CREATE UNIQUE INDEX alert_once ON alert
  (tenant_id, rule_id, area_id, ref_date, previous_date, kind, coalesce(indicator_id, ''), coalesce(index_id, ''));
CREATE INDEX alert_feed ON alert (tenant_id, created_at DESC, id DESC);

CREATE TABLE alert_subscription (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           integer GENERATED ALWAYS AS IDENTITY,
  email        text NOT NULL,
  area_id      integer,                         -- NULL = all areas
  indicator_id text,                            -- NULL = all indicators
  rule_id      text,                            -- NULL = all rules
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, rule_id) REFERENCES alert_rule(tenant_id, id) ON DELETE CASCADE
);
