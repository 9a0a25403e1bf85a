import type { BBox, Geometry } from '@sozialraum/core';

export interface GeoFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface GeometryReadResult {
  /** Features in WGS84 lon/lat (RFC 7946 order), in file order. */
  features: GeoFeature[];
  /** CRS the file was in, e.g. "EPSG:25833". */
  sourceCrs: string;
  /** Things the user should see but that did not stop the import (German). */
  warnings: string[];
  format: 'GeoJSON' | 'Shapefile' | 'GeoPackage';
}

export interface ReadGeometryOptions {
  /** Which geometries are acceptable: areas, points or anything (default 'any'). */
  expect?: 'polygon' | 'point' | 'any';
  /** CRS given by the user, e.g. "EPSG:25833" or 25833; needed for shapefiles without .prj in metres. */
  crs?: string | number;
  /** Area the data should lie in (default: Germany); null disables the swapped-axis and area checks. */
  expectedBbox?: BBox | null;
  /** Property that names features in messages, e.g. "PLR_ID". */
  idProperty?: string;
  /** Validate polygon rings (closed, ≥ 4 points, not self-intersecting); default true. */
  validate?: boolean;
  /** Swap x and y of every coordinate before anything else (the person confirmed swapped axes). */
  swapAxes?: boolean;
  /** GeoPackage layer (table) or shapefile base name when the upload holds several. */
  layer?: string;
}

export interface InputFile {
  name: string;
  bytes: Uint8Array;
}
