-- Funding (issue 15 § 1, ADR 0034): programme areas (Fördergebiete) with validity and money per
-- programme × area × year × kind × source. The programmes themselves are the catalogue shipped in
-- the code (packages/server/src/modules/funding/programme-catalogue.json, each fact with its source);
-- programme_id names a catalogue entry. A measure_id column can be added later (issue 14) without
-- touching these keys.
CREATE TABLE funding_programme_area (
  tenant_id     text NOT NULL REFERENCES tenant(id),
  programme_id  text NOT NULL,
  area_id       integer NOT NULL,
  valid_from    date,
  valid_to      date,
  PRIMARY KEY (tenant_id, programme_id, area_id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id),
  CONSTRAINT funding_programme_area_validity CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);

CREATE TABLE funding_entry (
  tenant_id     text NOT NULL REFERENCES tenant(id),
  id            integer GENERATED ALWAYS AS IDENTITY,
  programme_id  text NOT NULL,
  area_id       integer,                 -- NULL = the programme's whole set of areas in this tenant
  year          integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  kind          text NOT NULL CHECK (kind IN ('planned', 'approved', 'spent')),
  source        text NOT NULL CHECK (source IN ('eu', 'bund', 'land', 'kommune', 'stiftung', 'traeger', 'total')),
  amount        numeric(14, 2) NOT NULL CHECK (amount >= 0),   -- euros
  import_id     integer,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id)
);
CREATE UNIQUE INDEX funding_entry_key_idx
  ON funding_entry (tenant_id, programme_id, coalesce(area_id, 0), year, kind, source);
