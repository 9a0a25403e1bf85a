-- Funding per measure and the transparency view (issue 15 §§ 1–2, ADR 0035). Money can be booked on a
-- measure: measure_id is nullable (most finance tables know only programme and area) and RESTRICTs
-- the measure's deletion — money that was paid never silently loses what it paid for. The key of a
-- money row now includes the measure, so two measures in one area and year keep their own rows.
ALTER TABLE funding_entry ADD COLUMN measure_id integer;
ALTER TABLE funding_entry
  ADD CONSTRAINT funding_entry_measure_fk FOREIGN KEY (tenant_id, measure_id)
  REFERENCES measure(tenant_id, id) ON DELETE RESTRICT;
DROP INDEX funding_entry_key_idx;
CREATE UNIQUE INDEX funding_entry_key_idx
  ON funding_entry (tenant_id, programme_id, coalesce(area_id, 0), coalesce(measure_id, 0), year, kind, source);
CREATE INDEX funding_entry_measure_idx ON funding_entry (tenant_id, measure_id) WHERE measure_id IS NOT NULL;

-- What the public (people without funding.read_money) sees of the money per area:
-- 'none' nothing, 'totals' the sum per area, 'by_programme' also per programme and source level.
-- residents_indicator names the indicator counting residents (NULL: the first public count
-- indicator of the dimension demography by sort key).
CREATE TABLE funding_settings (
  tenant_id            text PRIMARY KEY REFERENCES tenant(id),
  public_detail        text NOT NULL DEFAULT 'totals' CHECK (public_detail IN ('none', 'totals', 'by_programme')),
  residents_indicator  text
);
