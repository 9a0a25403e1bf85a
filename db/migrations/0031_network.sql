-- The actor network (issue 12 § 2): cooperation links between organisations of the service
-- directory, with a type, a period and the Lebenslagen they concern, and the areas an organisation
-- works in beyond the places of its services (a Träger's Sozialraumteam, a Quartiersmanagement).
-- Memberships in networks and bodies are conference_member rows (0025): a body is one kind of
-- network, so they are not kept twice (docs/adr/0037-network-and-supply.md).
CREATE TABLE network_link (
  tenant_id             text NOT NULL REFERENCES tenant(id),
  id                    integer GENERATED ALWAYS AS IDENTITY,
  -- an undirected pair, stored with the smaller id first so a pair and kind exist once
  organization_a_id     text NOT NULL,
  organization_b_id     text NOT NULL,
  kind                  text NOT NULL,             -- core LINK_KINDS
  dimensions            text[] NOT NULL DEFAULT '{}',  -- Lebenslagen the cooperation concerns
  valid_from            date,
  valid_to              date,
  note                  text NOT NULL DEFAULT '',
  created_at            timestamptz NOT NULL DEFAULT now(),
  modified_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, organization_a_id, organization_b_id, kind),
  FOREIGN KEY (tenant_id, organization_a_id) REFERENCES directory_organization(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organization_b_id) REFERENCES directory_organization(tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT network_link_pair CHECK (organization_a_id < organization_b_id),
  CONSTRAINT network_link_period CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
  CONSTRAINT network_link_kind CHECK (kind IN ('kooperationsvertrag', 'projekt', 'verweisung',
    'fachaustausch', 'traegerverbund', 'sonstige'))
);
CREATE INDEX network_link_b_idx ON network_link (tenant_id, organization_b_id);

-- Areas an organisation works in (besides where its services are located or which they serve).
CREATE TABLE network_organization_area (
  tenant_id        text NOT NULL,
  organization_id  text NOT NULL,
  area_id          integer NOT NULL,
  PRIMARY KEY (tenant_id, organization_id, area_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES directory_organization(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX network_organization_area_area_idx ON network_organization_area (tenant_id, area_id);
