-- Values of a large new indicator stored as packs (ADR 0063, issue 9 § 7): one row per indicator,
-- reference date and set of areas holding the values of up to 500 areas as an array, instead of one
-- row per value. In PGlite a stored row costs ≥ 3 µs without any index and ~7.6 µs with
-- observation's two keys (measured, ADR 0016 amendment); the 1,000,000-row bench file spent most of
-- its time there. Everything reads through the view `observation`, which shows a pack's values as
-- rows, so no reader changes. Writers write observation_row; a pack is written only by the import
-- that created its indicator, and any other write to such an indicator first turns its packs back
-- into rows (ingest/store-packs.ts, unpackIndicators). A key is never in both places.
ALTER TABLE observation RENAME TO observation_row;

-- An ordered set of areas (ascending ids); the position of an area is its index in a pack's array.
CREATE TABLE observation_layout (
  tenant_id  text NOT NULL REFERENCES tenant(id),
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  digest     text NOT NULL,                      -- md5 of the id list: finds a layout by content
  size       integer NOT NULL,
  UNIQUE (tenant_id, digest)
);

CREATE TABLE observation_layout_area (
  layout_id  integer NOT NULL REFERENCES observation_layout(id) ON DELETE CASCADE,
  pos        integer NOT NULL,                   -- 1-based, as PostgreSQL arrays
  tenant_id  text NOT NULL,
  area_id    integer NOT NULL,
  PRIMARY KEY (layout_id, pos),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id)
);
-- an area's values in packs (profile, series, removing the area)
CREATE INDEX observation_layout_area_idx ON observation_layout_area (area_id, layout_id);

CREATE TABLE observation_pack (
  tenant_id    text NOT NULL,
  indicator_id text NOT NULL,
  ref_date     date NOT NULL,
  layout_id    integer NOT NULL REFERENCES observation_layout(id),
  -- one value per area of the layout, none NULL: a value with a flag, numerator or denominator
  -- stays a row
  vals         double precision[] NOT NULL,
  origin       text NOT NULL,
  import_id    integer,
  PRIMARY KEY (indicator_id, ref_date, layout_id, tenant_id),
  FOREIGN KEY (tenant_id, indicator_id) REFERENCES indicator(tenant_id, id),
  CONSTRAINT observation_pack_origin CHECK (origin IN ('imported', 'aggregated'))
);
CREATE INDEX observation_pack_layout_idx ON observation_pack (layout_id);
-- kept in the row (≤ 500 values ≈ 4 KB): reading one value of the array then copies nothing, where a
-- TOASTed array would be fetched and copied whole for every value read
ALTER TABLE observation_pack ALTER COLUMN vals SET STORAGE PLAIN;

CREATE VIEW observation AS
  SELECT tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag,
         flag_reason, origin, import_id
  FROM observation_row
  UNION ALL
  SELECT p.tenant_id, p.indicator_id, l.area_id, p.ref_date, p.vals[l.pos],
         NULL::double precision, NULL::double precision, NULL::text, NULL::text, p.origin,
         p.import_id
  FROM observation_pack p
  JOIN observation_layout_area l ON l.layout_id = p.layout_id;
