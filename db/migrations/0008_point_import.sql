-- Point data (Standorte) through the import (issue 9 § 4): every point is assigned to the area that
-- contains it on every level of every area system (spatial join in core: joinPointsToAreas). The
-- assignment is stored so counts per area can be explained and recomputed; a point outside every area
-- has no row here (the import reports it). Replacing a dataset deletes its assignments with the points.
CREATE TABLE point_area (
  tenant_id    text NOT NULL,
  dataset      text NOT NULL,
  feature_id   text NOT NULL,
  area_id      integer NOT NULL,
  PRIMARY KEY (tenant_id, dataset, feature_id, area_id),
  FOREIGN KEY (tenant_id, dataset, feature_id) REFERENCES point_feature(tenant_id, dataset, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, area_id) REFERENCES area(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX point_area_area_idx ON point_area (tenant_id, area_id);

-- What the dataset counts per area (indicators written by the point import), so a re-import replaces
-- the same indicators and the list of datasets can name them.
ALTER TABLE point_dataset ADD COLUMN count_indicator_id text;
ALTER TABLE point_dataset ADD COLUMN capacity_indicator_id text;
ALTER TABLE point_dataset ADD COLUMN capacity_column text;
