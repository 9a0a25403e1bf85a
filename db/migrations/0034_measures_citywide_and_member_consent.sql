-- Issue 14 gaps (ADR 0040). A measure for the whole city (e.g. decided by a Planungskonferenz without
-- areas) says so explicitly with citywide = true instead of naming no area by accident; it has no
-- rows in measure_area (the service refuses both together). A member of a conference body who is a
-- private person is published (OParl Person/Membership, public body pages) only with her consent,
-- recorded as name_public; staff acting in office are published without it.
ALTER TABLE measure ADD COLUMN citywide boolean NOT NULL DEFAULT false;
ALTER TABLE conference_member ADD COLUMN name_public boolean NOT NULL DEFAULT false;
