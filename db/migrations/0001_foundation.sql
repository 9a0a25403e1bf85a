-- Sozialraum foundation schema. Plain SQL that runs unchanged on PGlite (PostgreSQL 18, WASM)
-- and on PostgreSQL >= 15. No PostGIS (see docs/adr/0003-geometry-without-postgis.md).
-- Every tenant-owned table carries tenant_id as the first column of its primary key, so the
-- schema can later be distributed by tenant (Citus) without a redesign (docs/adr/0002).

CREATE TABLE tenant (
  id          text PRIMARY KEY,                 -- slug, e.g. 'berlin'
  ags         text NOT NULL,                    -- Amtlicher Gemeindeschlüssel, kept as text (leading zeros)
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT tenant_ags_format CHECK (ags ~ '^[0-9]{2,12}$')
);

-- Where data come from: every indicator, area system and dataset points to a source, so every
-- number on screen can be traced to its publisher, licence and attribution text.
CREATE TABLE source (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,
  title        text NOT NULL,
  publisher    text NOT NULL,
  licence      text NOT NULL,                   -- e.g. 'CC BY 3.0 DE', 'dl-de/by-2-0'
  licence_url  text,
  attribution  text NOT NULL,                   -- the text that must be shown
  url          text,
  notes        text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE area_system (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,                   -- e.g. 'lor2021'
  name         text NOT NULL,                   -- e.g. 'LOR 2021'
  description  text,
  valid_from   date,
  valid_to     date,                            -- NULL = still valid
  source_id    text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id),
  CONSTRAINT area_system_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);

CREATE TABLE area_level (
  tenant_id    text NOT NULL,
  system_id    text NOT NULL,
  id           text NOT NULL,                   -- e.g. 'plr'
  name_de      text NOT NULL,                   -- e.g. 'Planungsraum'
  name_en      text NOT NULL,
  depth        integer NOT NULL,                -- 0 = top (Bezirk), increasing downwards
  PRIMARY KEY (tenant_id, system_id, id),
  UNIQUE (tenant_id, system_id, depth),
  FOREIGN KEY (tenant_id, system_id) REFERENCES area_system(tenant_id, id)
);

CREATE TABLE area (
  tenant_id    text NOT NULL,
  id           integer GENERATED ALWAYS AS IDENTITY,
  system_id    text NOT NULL,
  level_id     text NOT NULL,
  code         text NOT NULL,                   -- official code as text: '01100101'
  name         text NOT NULL,
  parent_id    integer,                         -- area of the next level up, same system
  geometry     jsonb,                           -- GeoJSON Polygon/MultiPolygon in WGS84 (lon, lat), full precision
  bbox         double precision[],              -- [minLon, minLat, maxLon, maxLat]
  area_m2      double precision,                -- as published by the source (not recomputed)
  valid_from   date,
  valid_to     date,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, system_id, level_id, code),
  FOREIGN KEY (tenant_id, system_id, level_id) REFERENCES area_level(tenant_id, system_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES area(tenant_id, id)
);
CREATE INDEX area_parent_idx ON area (tenant_id, parent_id);

-- Lebenslage dimensions as in the glossary of docs/engineering.md.
CREATE TABLE indicator (
  tenant_id       text NOT NULL REFERENCES tenant(id),
  id              text NOT NULL,               -- slug, e.g. 'ewr_share_age_below_6'
  name_de         text NOT NULL,
  name_en         text NOT NULL,
  short_de        text,                        -- short label for tight spaces
  definition_de   text NOT NULL,
  definition_en   text,
  unit            text NOT NULL,               -- 'percent' | 'per_mille' | 'count' | 'euro' | 'sqm' | 'per_100' | 'index' | 'ratio' | 'percentage_points' | 'class'
  kind            text NOT NULL,               -- 'count' (summed upwards) | 'share' (num/den * scale) | 'value' (not aggregated)
  scale           double precision NOT NULL DEFAULT 1,  -- share = numerator / denominator * scale (100 for percent)
  dimension       text NOT NULL,
  polarity        text NOT NULL,               -- 'higher_is_better' | 'higher_is_worse' | 'neutral'
  department      text NOT NULL,               -- owning department (records arrive with the access issue)
  source_id       text NOT NULL,
  update_cycle    text,                        -- e.g. 'halbjährlich', 'zweijährlich'
  numerator_def   text,
  denominator_def text,
  numerator_indicator_id   text,               -- derived shares: computed from these count indicators
  denominator_indicator_id text,
  decimals        integer NOT NULL DEFAULT 1,
  visibility      text NOT NULL DEFAULT 'public',
  method_note     text,                        -- how the value is computed, shown under every figure
  sort_key        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id),
  CONSTRAINT indicator_kind CHECK (kind IN ('count', 'share', 'value')),
  CONSTRAINT indicator_polarity CHECK (polarity IN ('higher_is_better', 'higher_is_worse', 'neutral')),
  CONSTRAINT indicator_dimension CHECK (dimension IN ('income', 'work', 'education', 'health', 'housing', 'environment', 'participation', 'demography', 'social_index')),
  CONSTRAINT indicator_visibility CHECK (visibility IN ('public', 'internal', 'department'))
);

CREATE TABLE import_run (
  tenant_id     text NOT NULL REFERENCES tenant(id),
  id            integer GENERATED ALWAYS AS IDENTITY,
  kind          text NOT NULL,                 -- 'areas' | 'observations' | 'points' | 'demo'
  file_name     text NOT NULL,
  file_sha256   text NOT NULL,
  format        text NOT NULL,                 -- detected: 'csv;utf-8;semicolon;decimal-comma', 'shapefile', ...
  options       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL,                 -- 'succeeded' | 'failed' | 'unchanged'
  rows_read     integer NOT NULL DEFAULT 0,
  rows_written  integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]',   -- [{file, line, column, message}], first N
  error_count   integer NOT NULL DEFAULT 0,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  actor         text NOT NULL DEFAULT 'system',
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE observation (
  tenant_id     text NOT NULL,
  indicator_id  text NOT NULL,
  area_id       integer NOT NULL,
  ref_date      date NOT NULL,                 -- Stichtag
  value         double precision,              -- NULL when suppressed or invalid
  numerator     double precision,
  denominator   double precision,
  flag          text,                          -- NULL | 'suppressed' | 'invalid'
  flag_reason   text,
  -- 'imported' from a file; 'aggregated' from the areas of the level below (docs/methods/aggregation.md);
  -- 'derived' as numerator/denominator of two count indicators. Recomputation only replaces its own origin.
  origin        text NOT NULL DEFAULT 'imported',
  import_id     integer,
  PRIMARY KEY (tenant_id, indicator_id, ref_date, area_id),
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id),
  CONSTRAINT observation_flag CHECK (flag IS NULL OR flag IN ('suppressed', 'invalid')),
  CONSTRAINT observation_origin CHECK (origin IN ('imported', 'aggregated', 'derived'))
);
CREATE INDEX observation_area_idx ON observation (tenant_id, area_id, indicator_id);

-- Point datasets (service locations); their own capability (HSDS directory) comes later.
CREATE TABLE point_dataset (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,
  name_de      text NOT NULL,
  name_en      text NOT NULL,
  reference_date date,
  source_id    text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id)
);

CREATE TABLE point_feature (
  tenant_id    text NOT NULL,
  dataset      text NOT NULL,                  -- e.g. 'kitas'
  id           text NOT NULL,                  -- external id of the source, as text
  name         text NOT NULL,
  lon          double precision NOT NULL,
  lat          double precision NOT NULL,
  properties   jsonb NOT NULL DEFAULT '{}',
  source_id    text NOT NULL,
  import_id    integer,
  PRIMARY KEY (tenant_id, dataset, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id),
  FOREIGN KEY (tenant_id, dataset) REFERENCES point_dataset(tenant_id, id)
);

-- Audit by construction: written in the same transaction as the change (the access issue adds
-- hash chaining and actors).
CREATE TABLE audit_log (
  tenant_id    text NOT NULL,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  action       text NOT NULL,                  -- module.verb, e.g. 'import.observations'
  entity       text NOT NULL,
  entity_id    text NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, id)
);
