-- Measures and removed areas (issue 14 § 2, ADR 0032): removing an area (the area lifecycle, issue
-- 10 § 2) deletes its values; a measure's link to the area and a goal judged in it go with them, so
-- the removal does not fail on a foreign key. The measure itself stays, with its other areas.
ALTER TABLE measure_area DROP CONSTRAINT measure_area_tenant_id_area_id_fkey;
ALTER TABLE measure_area ADD CONSTRAINT measure_area_tenant_id_area_id_fkey
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE;
ALTER TABLE measure_goal DROP CONSTRAINT measure_goal_tenant_id_area_id_fkey;
ALTER TABLE measure_goal ADD CONSTRAINT measure_goal_tenant_id_area_id_fkey
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE;
