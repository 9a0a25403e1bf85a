// Geometry: CRS recognition and reprojection, coordinate plausibility, polygon validity,
// topology-preserving simplification, point-in-polygon and areas. Method notes: docs/methods/geometry.md.
export type {
  Position,
  Ring,
  Geometry,
  AreaGeometry,
  BBox,
  PointGeometry,
  MultiPointGeometry,
  LineStringGeometry,
  MultiLineStringGeometry,
  PolygonGeometry,
  MultiPolygonGeometry,
  GeometryCollection,
} from './types.ts';
export { polygonsOf, forEachPosition, mapPositions } from './types.ts';
export type { CrsDefinition, CrsResult } from './crs.ts';
export {
  SUPPORTED_CRS,
  crsFromPrj,
  crsFromGeoJson,
  reprojectGeometry,
  projectFromWgs84,
} from './crs.ts';
export type { CoordinateCheck, CoordinateIssue, CoordinateIssueKind } from './check-coordinates.ts';
export { GERMANY_BBOX, checkCoordinates, guessProjectedCrs } from './check-coordinates.ts';
export type { PolygonIssue } from './validate.ts';
export { validatePolygon, validatePolygons, describeFeature } from './validate.ts';
export type { SimplifyOptions, SimplifyStats } from './simplify-topology.ts';
export { simplifyTopology, simplifyTopologyWithStats } from './simplify-topology.ts';
export { EARTH_RADIUS_M, bboxOf, ringArea, geodesicArea, planarRingArea } from './measure.ts';
export { areaSnippetSvg, type AreaSnippetInput } from './snippet-svg.ts';
export type { AreaView, AreaViewFrame, AreaViewInput, AreaViewShape } from './area-view.ts';
export { areaView, projectToView, unprojectFromView } from './area-view.ts';
export { distanceM, areaCentroid, distanceToAreaM } from './distance.ts';
export type { PointLocator } from './point-in-polygon.ts';
export { pointInPolygon, createPointLocator } from './point-in-polygon.ts';
export type { GridLocatorOptions } from './grid-locator.ts';
export { createGridLocator } from './grid-locator.ts';
export type { CoveringFeature } from './covering.ts';
export { findCoveringFeatures } from './covering.ts';
export type { JoinLevel, JoinPoint, PointJoinResult } from './point-join.ts';
export { joinPointsToAreas } from './point-join.ts';
export type { AreaOverlap, OverlapTarget } from './overlap.ts';
export { areaOverlaps, intervalsAt, residentsOverlaps } from './overlap.ts';
