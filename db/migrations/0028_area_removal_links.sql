-- Removing an area (the area lifecycle, issue 9 § 3) must never fail on a foreign key with a 500.
-- Links that only say "this thing concerns that area" go with the area; the things themselves stay:
-- a conference body keeps its other areas, a Fördergebiet its other areas, a resident's report its
-- point (it is placed in no area until the areas are imported again). Money booked on the area
-- (funding_entry) is not removed silently: the removal is refused with a message (lifecycle.ts).
ALTER TABLE conference_body_area DROP CONSTRAINT conference_body_area_tenant_id_area_id_fkey;
ALTER TABLE conference_body_area ADD CONSTRAINT conference_body_area_tenant_id_area_id_fkey
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE;
ALTER TABLE funding_programme_area DROP CONSTRAINT funding_programme_area_tenant_id_area_id_fkey;
ALTER TABLE funding_programme_area ADD CONSTRAINT funding_programme_area_tenant_id_area_id_fkey
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE;
ALTER TABLE participation_report DROP CONSTRAINT participation_report_tenant_id_area_id_fkey;
ALTER TABLE participation_report ADD CONSTRAINT participation_report_tenant_id_area_id_fkey
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE SET NULL (area_id);
