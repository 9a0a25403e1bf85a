-- Service directory (issue 12 § 1), modelled on Open Referral HSDS 3.0: organisations (Träger),
-- services, locations, service-at-location, opening hours, service areas, capacity with date,
-- contacts and languages. Ids are UUIDs kept as text (HSDS requires the uuid format). A row is
-- public when `public` is true: the HSDS API shows only those to visitors without sign-in.
CREATE TABLE directory_organization (
  tenant_id        text NOT NULL REFERENCES tenant(id),
  id               text NOT NULL,
  name             text NOT NULL,
  kind             text NOT NULL,                -- core ORGANISATION_KINDS
  spitzenverband   text,                         -- AWO, Caritas, Paritätischer, DRK, Diakonie, ZWST
  dedup_key        text NOT NULL,                -- core organisationKey(name, kind), ADR 0030
  description      text NOT NULL DEFAULT '',
  website          text,
  email            text,
  phone            text,
  department_id    text,                         -- the access record whose people (role Träger) edit it
  source_id        text,
  public           boolean NOT NULL DEFAULT true,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, dedup_key),
  FOREIGN KEY (tenant_id, department_id) REFERENCES department(tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id),
  CONSTRAINT directory_organization_kind CHECK (kind IN ('oeffentlich', 'frei_gemeinnuetzig',
    'kirchlich', 'privat', 'wohnungsunternehmen', 'verein', 'initiative', 'betrieb', 'sonstige'))
);
CREATE INDEX directory_organization_department_idx ON directory_organization (tenant_id, department_id);

CREATE TABLE directory_service (
  tenant_id                text NOT NULL,
  id                       text NOT NULL,
  organization_id          text NOT NULL,
  service_type             text NOT NULL,        -- code of a term of the tenant's taxonomy (0019)
  name                     text NOT NULL,
  description              text,
  status                   text NOT NULL DEFAULT 'active',
  url                      text,
  email                    text,
  phone                    text,
  eligibility_description  text,
  minimum_age              integer,
  maximum_age              integer,
  fees_description         text,                 -- cost in words ("kostenfrei", "nach Einkommen")
  languages                text[] NOT NULL DEFAULT '{}',   -- ISO 639-1 codes
  external_ref             text,                 -- the id in the source file (e.g. 'kitas:01010010')
  source_id                text,
  public                   boolean NOT NULL DEFAULT true,
  updated_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, external_ref),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES directory_organization(tenant_id, id),
  FOREIGN KEY (tenant_id, source_id) REFERENCES source(tenant_id, id),
  CONSTRAINT directory_service_status CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  CONSTRAINT directory_service_ages CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
);
CREATE INDEX directory_service_org_idx ON directory_service (tenant_id, organization_id);
CREATE INDEX directory_service_type_idx ON directory_service (tenant_id, service_type);

CREATE TABLE directory_location (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  organization_id  text NOT NULL,
  name             text NOT NULL,
  street           text,                         -- street and house number
  postcode         text,
  city             text NOT NULL DEFAULT '',
  lon              double precision,
  lat              double precision,
  accessibility    text,                         -- free text: step-free entrance, lift, …
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES directory_organization(tenant_id, id),
  CONSTRAINT directory_location_point CHECK ((lon IS NULL) = (lat IS NULL)
    AND (lon IS NULL OR (lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90)))
);
CREATE INDEX directory_location_org_idx ON directory_location (tenant_id, organization_id);

CREATE TABLE directory_service_at_location (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  service_id   text NOT NULL,
  location_id  text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, service_id, location_id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, location_id) REFERENCES directory_location(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX directory_sal_location_idx ON directory_service_at_location (tenant_id, location_id);

-- Weekly opening hours of a service at a location (HSDS schedule, freq WEEKLY).
CREATE TABLE directory_schedule (
  tenant_id                text NOT NULL,
  id                       text NOT NULL,
  service_at_location_id   text NOT NULL,
  weekday                  integer NOT NULL,     -- ISO: 1 = Monday … 7 = Sunday
  opens_at                 text NOT NULL,        -- 'HH:MM' local time (Europe/Berlin)
  closes_at                text NOT NULL,        -- 'HH:MM', '24:00' = end of day
  notes                    text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_at_location_id)
    REFERENCES directory_service_at_location(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT directory_schedule_weekday CHECK (weekday BETWEEN 1 AND 7),
  CONSTRAINT directory_schedule_times CHECK (opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
    AND closes_at ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' AND opens_at < closes_at)
);
CREATE INDEX directory_schedule_sal_idx ON directory_schedule (tenant_id, service_at_location_id);

-- Which areas a service is for (its catchment), as areas of the tenant's area systems.
CREATE TABLE directory_service_area (
  tenant_id    text NOT NULL,
  id           text NOT NULL,
  service_id   text NOT NULL,
  area_id      integer NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, service_id, area_id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE
);

-- Capacity (places, beds) of a service with the date it was counted on.
CREATE TABLE directory_capacity (
  tenant_id    text NOT NULL,
  service_id   text NOT NULL,
  kind         text NOT NULL,
  ref_date     date NOT NULL,
  value        integer NOT NULL,
  PRIMARY KEY (tenant_id, service_id, kind, ref_date),
  FOREIGN KEY (tenant_id, service_id) REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT directory_capacity_kind CHECK (kind IN ('places', 'beds')),
  CONSTRAINT directory_capacity_value CHECK (value >= 0)
);

-- Named contacts of an organisation or a service.
CREATE TABLE directory_contact (
  tenant_id        text NOT NULL,
  id               text NOT NULL,
  organization_id  text,
  service_id       text,
  name             text,
  title            text,
  email            text,
  phone            text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES directory_organization(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, service_id) REFERENCES directory_service(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT directory_contact_owner CHECK ((organization_id IS NULL) <> (service_id IS NULL))
);
