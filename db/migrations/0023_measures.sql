-- Measures (Maßnahmen, issue 14 § 2, ADR 0032): what a municipality does about what the monitoring
-- shows. A measure belongs to a responsible department, lies in one or more areas (or at a point or
-- along a line), names Lebenslagen and target groups, runs over a period, has milestones with
-- weights, sub-measures (progress rolls up, weighted) and goals bound to indicators. Its origin (a
-- conference decision, later an agenda item) is recorded; NULL means "ohne Konferenz beschlossen".
CREATE TABLE measure (
  tenant_id      text NOT NULL REFERENCES tenant(id),
  id             integer GENERATED ALWAYS AS IDENTITY,
  title          text NOT NULL,
  description    text NOT NULL DEFAULT '',
  status         text NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'in_progress', 'paused', 'done', 'cancelled')),
  visibility     text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('public', 'internal')),
  department_id  text,                                   -- responsible department; NULL = none yet
  organisation_ids text[] NOT NULL DEFAULT '{}',         -- department records of kind 'organisation'
  lebenslagen    text[] NOT NULL DEFAULT '{}',           -- dimension ids (docs/engineering.md glossary)
  target_groups  text[] NOT NULL DEFAULT '{}',           -- free words: 'Kinder unter 6', 'Alleinerziehende'
  start_date     date,
  end_date       date,
  parent_id      integer,                                -- the measure this one is part of
  weight         double precision NOT NULL DEFAULT 1 CHECK (weight >= 0),
  progress       double precision CHECK (progress BETWEEN 0 AND 100),  -- entered; milestones win
  geometry       jsonb,                                  -- optional GeoJSON Point or LineString (WGS84)
  origin_kind    text,                                   -- 'decision' | 'agenda_item' | 'alert'
  origin_id      text,
  origin_label   text,
  origin_href    text,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, department_id) REFERENCES department(tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES measure(tenant_id, id),
  CONSTRAINT measure_period CHECK (end_date IS NULL OR start_date IS NULL OR start_date <= end_date),
  CONSTRAINT measure_origin CHECK ((origin_kind IS NULL) = (origin_id IS NULL))
);
CREATE INDEX measure_parent_idx ON measure (tenant_id, parent_id);
CREATE INDEX measure_department_idx ON measure (tenant_id, department_id);

CREATE TABLE measure_area (
  tenant_id   text NOT NULL,
  measure_id  integer NOT NULL,
  area_id     integer NOT NULL,
  PRIMARY KEY (tenant_id, measure_id, area_id),
  FOREIGN KEY (tenant_id, measure_id) REFERENCES measure(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id)
);
CREATE INDEX measure_area_area_idx ON measure_area (area_id);

CREATE TABLE measure_milestone (
  tenant_id   text NOT NULL,
  measure_id  integer NOT NULL,
  position    integer NOT NULL,
  title       text NOT NULL,
  due_date    date,
  weight      double precision NOT NULL DEFAULT 1 CHECK (weight > 0),
  done        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (tenant_id, measure_id, position),
  FOREIGN KEY (tenant_id, measure_id) REFERENCES measure(tenant_id, id) ON DELETE CASCADE
);

-- A goal: an indicator in one of the measure's areas, its baseline as found in the data when the
-- goal was set (value and reference date), and the value to reach by a date.
CREATE TABLE measure_goal (
  tenant_id       text NOT NULL,
  measure_id      integer NOT NULL,
  position        integer NOT NULL,
  indicator_id    text NOT NULL,
  area_id         integer NOT NULL,
  baseline_value  double precision NOT NULL,
  baseline_date   date NOT NULL,
  target_value    double precision NOT NULL,
  target_date     date NOT NULL,
  PRIMARY KEY (tenant_id, measure_id, position),
  FOREIGN KEY (tenant_id, measure_id) REFERENCES measure(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id),
  CONSTRAINT measure_goal_dates CHECK (baseline_date < target_date)
);
CREATE INDEX measure_goal_indicator_idx ON measure_goal (tenant_id, indicator_id);
