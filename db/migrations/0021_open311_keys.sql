-- Open311 GeoReport v2 (issue 13 § 1, ADR 0031): apps that submit reports carry an api_key; only
-- its SHA-256 is stored. Reads of public reports need no key.
CREATE TABLE participation_api_key (
  tenant_id   text NOT NULL REFERENCES tenant(id),
  key_hash    text NOT NULL,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  PRIMARY KEY (tenant_id, key_hash)
);
