// Geometry file readers (I/O side of imports); all return WGS84 features or throw ImportFileError.
export type { GeoFeature, GeometryReadResult, InputFile, ReadGeometryOptions } from './types.ts';
export { readGeometryFiles } from './read-geometry-files.ts';
export { readGeoJson, lineColumnAt } from './geojson-reader.ts';
export { readShapefile, chooseDbfEncoding } from './shapefile-reader.ts';
export { readGeoPackage, isSqlite } from './geopackage-reader.ts';
export { parseWkb, parseGeoPackageGeometry } from './wkb.ts';
export { parseCrsOption } from './finalize.ts';
