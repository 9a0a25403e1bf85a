// OGC API – Features Part 1 (Core, GeoJSON): https://docs.ogc.org/is/17-069r4/17-069r4.html.
// One collection per level of every area system ({systemId}-{levelId}); feature id = area code.
import type { Sql } from '../../db/db.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { prepare, PreparedCache, type Prepared } from '../../http/prepared.ts';
import type { Principal } from '../access/index.ts';
import {
  roundOut,
  datesOn,
  disclosureFor,
  getCatalogue,
  readerClass,
} from '../indicators/index.ts';
import {
  countFeatures,
  selectCollections,
  selectFeatureByCode,
  selectFeatures,
  selectValuesOf,
  type BBoxFilter,
  type CollectionRow,
  type FeatureRow,
} from './store.ts';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];
/** Items per page when the client names no limit, and the most it may ask for (spec § 7.15.3). */
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 10000;

const JSON_TYPE = 'application/json';
const GEOJSON_TYPE = 'application/geo+json';

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

/** The landing page: links to itself, the API description, conformance and the collections. */
export function landingPage(base: string) {
  return {
    title: 'Sozialraum – OGC API Features',
    description:
      'Gebiete aller Gebietssysteme und Ebenen mit den jüngsten öffentlichen Indikatorwerten als Eigenschaften.',
    links: [
      { href: `${base}/ogc`, rel: 'self', type: JSON_TYPE, title: 'diese Seite' },
      {
        href: `${base}/api/openapi.json`,
        rel: 'service-desc',
        type: 'application/vnd.oai.openapi+json;version=3.1',
        title: 'API-Beschreibung (OpenAPI 3.1)',
      },
      {
        href: `${base}/ogc/conformance`,
        rel: 'conformance',
        type: JSON_TYPE,
        title: 'Konformitätsklassen',
      },
      { href: `${base}/ogc/collections`, rel: 'data', type: JSON_TYPE, title: 'Sammlungen' },
    ] as Link[],
  };
}

function collectionId(row: CollectionRow): string {
  return `${row.system_id}-${row.level_id}`;
}

function describeCollection(row: CollectionRow, base: string) {
  const id = collectionId(row);
  const hasExtent =
    row.min_lon !== null && row.min_lat !== null && row.max_lon !== null && row.max_lat !== null;
  return {
    id,
    title: `${row.system_name} – ${row.level_name_de}`,
    description: `${row.area_count} Gebiete der Ebene „${row.level_name_de}“ (${row.level_name_en}) im Gebietssystem „${row.system_name}“; Merkmal-ID = Gebietsschlüssel.`,
    itemType: 'feature' as const,
    crs: [CRS84],
    extent: {
      spatial: {
        bbox: hasExtent
          ? [[row.min_lon!, row.min_lat!, row.max_lon!, row.max_lat!]]
          : [[-180, -90, 180, 90]],
        crs: CRS84,
      },
    },
    links: [
      {
        href: `${base}/ogc/collections/${encodeURIComponent(id)}`,
        rel: 'self',
        type: JSON_TYPE,
        title: 'diese Sammlung',
      },
      {
        href: `${base}/ogc/collections/${encodeURIComponent(id)}/items`,
        rel: 'items',
        type: GEOJSON_TYPE,
        title: 'Gebiete als GeoJSON',
      },
    ] as Link[],
  };
}

/** All collections (one per level of every area system). */
export async function listCollections(sql: Sql, tenantId: string, base: string) {
  const rows = await selectCollections(sql, tenantId);
  return {
    links: [
      { href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE, title: 'diese Seite' },
    ] as Link[],
    collections: rows.map((r) => describeCollection(r, base)),
  };
}

async function requireCollection(sql: Sql, tenantId: string, id: string): Promise<CollectionRow> {
  // Resolved against the known collections, not by splitting at '-': system ids may contain dashes.
  const row = (await selectCollections(sql, tenantId)).find((r) => collectionId(r) === id);
  if (!row)
    throw notFound(
      `Die Sammlung „${id}“ gibt es nicht. Sammlungen heißen {Gebietssystem}-{Ebene}, z. B. lor2021-plr; Liste unter /ogc/collections.`,
    );
  return row;
}

/** One collection; German 404 if unknown. */
export async function getCollection(sql: Sql, tenantId: string, id: string, base: string) {
  return describeCollection(await requireCollection(sql, tenantId, id), base);
}

/** Parses the bbox parameter "minLon,minLat,maxLon,maxLat" (6 values: with heights, ignored). */
export function parseBBox(text: string | undefined): BBoxFilter {
  if (text === undefined || text === '') return null;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    throw badRequest(
      `Abfrageparameter „bbox“: erwartet 4 Zahlen „minLon,minLat,maxLon,maxLat“ (WGS84), erhalten „${text}“.`,
      [
        {
          in: 'querystring',
          field: 'bbox',
          reason: 'erwartet 4 oder 6 durch Komma getrennte Zahlen',
        },
      ],
    );
  }
  const [minLon, minLat, maxLon, maxLat] =
    parts.length === 6
      ? [parts[0]!, parts[1]!, parts[3]!, parts[4]!]
      : (parts as [number, number, number, number]);
  if (minLat > maxLat) {
    throw badRequest(
      `Abfrageparameter „bbox“: die südliche Breite ${minLat} liegt nördlich der nördlichen ${maxLat}.`,
      [{ in: 'querystring', field: 'bbox', reason: 'minLat > maxLat' }],
    );
  }
  // minLon > maxLon would cross the antimeridian; no municipality does.
  return [minLon, minLat, maxLon, maxLat];
}

/** The latest date on the level for each indicator the principal may read that has data there. */
async function latestPairs(sql: Sql, principal: Principal, systemId: string, levelId: string) {
  const { indicators } = await getCatalogue(sql, principal);
  const pairs: { indicatorId: string; date: string; decimals: number }[] = [];
  for (const indicator of indicators) {
    const dates = datesOn(indicator, systemId, levelId);
    const latest = dates[dates.length - 1];
    if (latest)
      pairs.push({ indicatorId: indicator.id, date: latest, decimals: indicator.decimals });
  }
  return pairs;
}

async function toFeatures(
  sql: Sql,
  principal: Principal,
  collection: CollectionRow,
  rows: FeatureRow[],
) {
  const tenantId = principal.tenantId;
  const pairs = await latestPairs(sql, principal, collection.system_id, collection.level_id);
  const values = await selectValuesOf(
    sql,
    tenantId,
    rows.map((r) => r.id),
    pairs,
  );
  // Public output: small counts withheld (docs/methods/disclosure-control.md).
  const disclosure = await disclosureFor(sql, principal, pairs);
  const dateOf = new Map(pairs.map((p) => [p.indicatorId, p.date]));
  const decimalsOf = new Map(pairs.map((p) => [p.indicatorId, p.decimals]));
  const byArea = new Map<number, Map<string, number | null>>();
  // Why a value is missing (withheld for disclosure, flagged by the source): one readable
  // property per feature, so a GIS user sees the reason next to the empty field.
  const notes = new Map<number, string[]>();
  for (const v of values) {
    let m = byArea.get(v.area_id);
    if (!m) byArea.set(v.area_id, (m = new Map()));
    const shown = disclosure.protect(v.indicator_id, dateOf.get(v.indicator_id)!, v.area_id, v);
    // rounded to the indicator's precision for output (issue 9 § 5); stored values stay exact
    m.set(v.indicator_id, roundOut(shown.value, decimalsOf.get(v.indicator_id) ?? 6));
    if (shown.value === null && shown.flag_reason) {
      let list = notes.get(v.area_id);
      if (!list) notes.set(v.area_id, (list = []));
      list.push(`${v.indicator_id}: ${shown.flag_reason}`);
    }
  }
  return rows.map((r) => {
    // Every feature carries every indicator of the level (null where missing), so GIS clients
    // that read the schema from the first page see all fields.
    const indicatorValues: Record<string, number | null> = {};
    for (const p of pairs)
      indicatorValues[p.indicatorId] = byArea.get(r.id)?.get(p.indicatorId) ?? null;
    return {
      type: 'Feature' as const,
      id: r.code,
      geometry: r.geometry,
      properties: {
        ...indicatorValues,
        code: r.code,
        name: r.name,
        parentCode: r.parent_code,
        level: collection.level_id,
        hinweise: notes.get(r.id)?.join('; ') ?? null,
      },
    };
  });
}

/** One page of a collection's features with paging links. */
export async function getItems(
  sql: Sql,
  principal: Principal,
  id: string,
  base: string,
  query: { limit: number; offset: number; bbox?: string | undefined },
  now: Date,
) {
  const tenantId = principal.tenantId;
  const collection = await requireCollection(sql, tenantId, id);
  const bbox = parseBBox(query.bbox);
  const limit = Math.min(query.limit, MAX_LIMIT);
  const offset = query.offset;
  const [matched, rows] = await Promise.all([
    countFeatures(sql, tenantId, collection.system_id, collection.level_id, bbox),
    selectFeatures(sql, tenantId, collection.system_id, collection.level_id, bbox, limit, offset),
  ]);
  const features = await toFeatures(sql, principal, collection, rows);
  const itemsUrl = `${base}/ogc/collections/${encodeURIComponent(id)}/items`;
  const page = (o: number) => {
    const params = new URLSearchParams({ limit: String(limit), offset: String(o) });
    if (query.bbox) params.set('bbox', query.bbox);
    return `${itemsUrl}?${params.toString()}`;
  };
  const links: Link[] = [
    { href: page(offset), rel: 'self', type: GEOJSON_TYPE, title: 'diese Seite' },
    {
      href: `${base}/ogc/collections/${encodeURIComponent(id)}`,
      rel: 'collection',
      type: JSON_TYPE,
      title: 'die Sammlung',
    },
  ];
  if (offset + rows.length < matched)
    links.push({
      href: page(offset + limit),
      rel: 'next',
      type: GEOJSON_TYPE,
      title: 'nächste Seite',
    });
  if (offset > 0)
    links.push({
      href: page(Math.max(0, offset - limit)),
      rel: 'prev',
      type: GEOJSON_TYPE,
      title: 'vorige Seite',
    });
  return {
    type: 'FeatureCollection' as const,
    features,
    numberMatched: matched,
    numberReturned: features.length,
    timeStamp: now.toISOString(),
    links,
  };
}

type ItemsPage = Awaited<ReturnType<typeof getItems>>;

// Pages of features are read far more often than areas or values change (GIS clients page through
// a level again and again): prepared bytes per data version (http/prepared.ts), keyed by tenant,
// the reader's visibility class (which indicators and cells they see), the page asked for and the
// base URL the links are built from (the Host header, so many hosts cannot grow the cache past
// its bound).
// A page of 100 Planungsräume is about 1 MB of GeoJSON + 0.25 MB gzip: up to 96 MB per database.
const itemsCache = new PreparedCache(500, 96 * 1024 * 1024);

/**
 * One page as prepared GeoJSON bytes. Its timeStamp is when the answer was prepared: the page is
 * unchanged since then (OGC 17-069r4 § 7.15.6 names the time the response was generated).
 */
export function getItemsPrepared(
  sql: Sql,
  principal: Principal,
  id: string,
  base: string,
  query: { limit: number; offset: number; bbox?: string | undefined },
  now: () => Date,
  check: (page: ItemsPage) => ItemsPage = (page) => page,
): Promise<Prepared> {
  const limit = Math.min(query.limit, MAX_LIMIT);
  const key = [
    principal.tenantId,
    readerClass(principal),
    id,
    String(limit),
    String(query.offset),
    query.bbox ?? '',
    base,
  ].join('\u0000');
  return itemsCache.get(sql, key, async () =>
    prepare(
      check(await getItems(sql, principal, id, base, { ...query, limit }, now())),
      'application/geo+json',
    ),
  );
}

/** One feature by area code; German 404 if unknown. */
export async function getItem(
  sql: Sql,
  principal: Principal,
  id: string,
  featureId: string,
  base: string,
) {
  const tenantId = principal.tenantId;
  const collection = await requireCollection(sql, tenantId, id);
  const row = await selectFeatureByCode(
    sql,
    tenantId,
    collection.system_id,
    collection.level_id,
    featureId,
  );
  if (!row) throw notFound(`Das Gebiet „${featureId}“ gibt es in der Sammlung „${id}“ nicht.`);
  const [feature] = await toFeatures(sql, principal, collection, [row]);
  const itemUrl = `${base}/ogc/collections/${encodeURIComponent(id)}/items/${encodeURIComponent(featureId)}`;
  return {
    ...feature!,
    links: [
      { href: itemUrl, rel: 'self', type: GEOJSON_TYPE, title: 'dieses Gebiet' },
      {
        href: `${base}/ogc/collections/${encodeURIComponent(id)}`,
        rel: 'collection',
        type: JSON_TYPE,
        title: 'die Sammlung',
      },
    ] as Link[],
  };
}
