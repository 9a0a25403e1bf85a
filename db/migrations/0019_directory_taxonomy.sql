-- The directory's taxonomy as data (issue 12 § 1): the built-in service types of core
-- (SERVICE_TYPES) are written per tenant at start-up; a tenant adds its own terms beside them
-- (builtin = false). A term maps to Lebenslagen (dimensions) and to SGB books with their sections.
-- And where each location lies: its area on every level of every area system (spatial join in core).
CREATE TABLE directory_taxonomy (
  tenant_id    text NOT NULL REFERENCES tenant(id),
  id           text NOT NULL,                    -- uuid
  name         text NOT NULL,
  description  text NOT NULL,
  uri          text,
  version      text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE directory_taxonomy_term (
  tenant_id     text NOT NULL,
  id            text NOT NULL,                   -- uuid
  taxonomy_id   text NOT NULL,
  code          text NOT NULL,                   -- e.g. 'kita'
  name          text NOT NULL,
  description   text NOT NULL,
  dimensions    text[] NOT NULL DEFAULT '{}',    -- Lebenslagen, main one first
  legal_basis   text[] NOT NULL DEFAULT '{}',    -- e.g. 'SGB VIII §§ 22–24'
  target_min_age integer,
  target_max_age integer,
  builtin       boolean NOT NULL DEFAULT false,
  CONSTRAINT directory_term_code CHECK (code ~ '^[a-z0-9_]{1,60}$'),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, taxonomy_id) REFERENCES directory_taxonomy(tenant_id, id)
);

CREATE TABLE directory_location_area (
  tenant_id    text NOT NULL,
  location_id  text NOT NULL,
  area_id      integer NOT NULL,
  PRIMARY KEY (tenant_id, location_id, area_id),
  FOREIGN KEY (tenant_id, location_id) REFERENCES directory_location(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_location_area_area_idx ON directory_location_area (tenant_id, area_id);

-- A service's type is a term of the tenant's taxonomy.
ALTER TABLE directory_service ADD FOREIGN KEY (tenant_id, service_type)
  REFERENCES directory_taxonomy_term(tenant_id, code);
