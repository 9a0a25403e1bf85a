-- Area names as other tables write them ("Am_Wasserturm", "07 Am Wasserturm"), accepted by a person
-- in an import's review table (issue 9 § 2). Stored per area system and reused by later analyses and
-- runs: the name matcher checks them first (confidence 'exact', reason "Synonym (bestätigt)").
-- `synonym` is the normalised name (normalizeAreaName: NFC, single blanks, lower case).
CREATE TABLE area_name_synonym (
  tenant_id    text NOT NULL,
  area_system  text NOT NULL,
  -- the same name can be a Bezirk and a Planungsraum: a synonym holds for one level
  level_id     text NOT NULL,
  synonym      text NOT NULL,
  area_id      integer NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, area_system, level_id, synonym),
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX area_name_synonym_area_idx ON area_name_synonym (tenant_id, area_id);
