// A small, hand-checkable data set for HTTP and store tests, inserted with plain SQL:
// tenant 'berlin', one source, area system 'lor2021' with levels 'bez' (2 Bezirke) and 'plr'
// (4 Planungsräume, 0.1° squares side by side along 52.0–52.1° N), three public indicators and one
// internal one; ewr_total is the tenant's indicator of all residents. Golden values used by tests
// are noted next to the rows.
import type { AppContext } from '../app-context.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Db } from '../db/db.ts';

export const FIXTURE_TENANT = 'berlin';

/** Area ids by code, as assigned by the database. */
export interface Fixture {
  areaId: Record<string, number>;
}

// A square [x0, 52.0]–[x0 + w, 52.1] with a vertex that rounds to 5 decimals (52.0000004 → 52).
function square(x0: number, w: number) {
  const x1 = Math.round((x0 + w) * 1e6) / 1e6;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, 52.0000004],
        [x1, 52.0],
        [x1, 52.1],
        [x0, 52.1],
        [x0, 52.0000004],
      ],
    ],
  };
}

/** Inserts the fixture into an empty migrated database. */
export async function insertFixture(db: Db): Promise<Fixture> {
  await db.exec(`
    INSERT INTO tenant (id, ags, name) VALUES ('berlin', '11000000', 'Berlin');
    INSERT INTO department (tenant_id, id, name) VALUES ('berlin', 'sozialplanung', 'Sozialplanung'),
      ('berlin', 'gesundheit', 'Gesundheitsplanung');
    INSERT INTO source (tenant_id, id, title, publisher, licence, licence_url, attribution, url, notes)
    VALUES ('berlin', 'afs', 'Einwohnerregister', 'Amt für Statistik Berlin-Brandenburg', 'CC BY 3.0 DE',
            'https://creativecommons.org/licenses/by/3.0/de/', 'Amt für Statistik Berlin-Brandenburg', 'https://www.statistik-berlin-brandenburg.de', NULL);
    INSERT INTO area_system (tenant_id, id, name, description, valid_from, valid_to, source_id)
    VALUES ('berlin', 'lor2021', 'LOR 2021', 'Lebensweltlich orientierte Räume ab 2021', '2021-01-01', NULL, 'afs');
    INSERT INTO area_level (tenant_id, system_id, id, name_de, name_en, depth) VALUES
      ('berlin', 'lor2021', 'bez', 'Bezirk', 'District', 0),
      ('berlin', 'lor2021', 'plr', 'Planungsraum', 'Planning area', 1);
  `);
  const insertArea = async (
    level: string,
    code: string,
    name: string,
    parentId: number | null,
    x0: number,
    w: number,
  ) => {
    const geometry = square(x0, w);
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO area (tenant_id, system_id, level_id, code, name, parent_id, geometry, bbox, area_m2)
       VALUES ('berlin', 'lor2021', $1, $2, $3, $4, $5::jsonb, $6::float8[], $7)
       RETURNING id`,
      [level, code, name, parentId, JSON.stringify(geometry), [x0, 52.0, x0 + w, 52.1], w * 1e8],
    );
    return row!.id;
  };
  const areaId: Record<string, number> = {};
  areaId['01'] = await insertArea('bez', '01', 'Mitte', null, 13.0, 0.2);
  areaId['02'] = await insertArea('bez', '02', 'Friedrichshain-Kreuzberg', null, 13.2, 0.2);
  areaId['01100101'] = await insertArea('plr', '01100101', 'Stülerstraße', areaId['01'], 13.0, 0.1);
  areaId['01100102'] = await insertArea(
    'plr',
    '01100102',
    'Großer Tiergarten',
    areaId['01'],
    13.1,
    0.1,
  );
  areaId['02100101'] = await insertArea(
    'plr',
    '02100101',
    'Askanischer Platz',
    areaId['02'],
    13.2,
    0.1,
  );
  areaId['02100102'] = await insertArea('plr', '02100102', 'Mehringplatz', areaId['02'], 13.3, 0.1);

  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', 'ewr_total', 'Einwohnende insgesamt', 'Residents', 'Einwohnende', 'Melderechtlich registrierte Einwohnende am Ort der Hauptwohnung', 'count', 'count', 1, 'demography', 'neutral', 'sozialplanung', 'afs', 0, 'public', 1),
      ('berlin', 'share_unemployed', 'Anteil Arbeitslose', 'Unemployed share', NULL, 'Arbeitslose je 100 Einwohnende 15–65', 'percent', 'share', 100, 'work', 'higher_is_worse', 'sozialplanung', 'afs', 1, 'public', 2),
      ('berlin', 'income_median', 'Medianeinkommen', 'Median income', NULL, 'Median des Haushaltsnettoeinkommens', 'euro', 'value', 1, 'income', 'higher_is_better', 'sozialplanung', 'afs', 0, 'public', 3),
      ('berlin', 'internal_note', 'Interne Kennzahl', 'Internal figure', NULL, 'Nur intern', 'count', 'count', 1, 'health', 'neutral', 'gesundheit', 'afs', 0, 'internal', 4);
  `);
  const obs: [
    string,
    string,
    string,
    number | null,
    number | null,
    number | null,
    string | null,
  ][] = [
    // ewr_total: PLR 2023 100/200/300/400 (city Summe 1000; ranks 4,3,2,1), 2022 90/190/290/390.
    ['ewr_total', '01100101', '2022-12-31', 90, null, null, null],
    ['ewr_total', '01100102', '2022-12-31', 190, null, null, null],
    ['ewr_total', '02100101', '2022-12-31', 290, null, null, null],
    ['ewr_total', '02100102', '2022-12-31', 390, null, null, null],
    ['ewr_total', '01100101', '2023-12-31', 100, null, null, null],
    ['ewr_total', '01100102', '2023-12-31', 200, null, null, null],
    ['ewr_total', '02100101', '2023-12-31', 300, null, null, null],
    ['ewr_total', '02100102', '2023-12-31', 400, null, null, null],
    ['ewr_total', '01', '2022-12-31', 280, null, null, null],
    ['ewr_total', '02', '2022-12-31', 680, null, null, null],
    ['ewr_total', '01', '2023-12-31', 300, null, null, null],
    ['ewr_total', '02', '2023-12-31', 700, null, null, null],
    // share_unemployed 2023: 5/50, 20/100, 30/100, suppressed (city 55/250 = 22 %); Bezirke 25/150 and
    // 02 withheld as incomplete, as recomputeAggregates stores it (ADR 0005) — a published 02 total
    // would reveal the suppressed child as total − 30 (docs/methods/disclosure-control.md).
    ['share_unemployed', '01100101', '2023-12-31', 10, 5, 50, null],
    ['share_unemployed', '01100102', '2023-12-31', 20, 20, 100, null],
    ['share_unemployed', '02100101', '2023-12-31', 30, 30, 100, null],
    ['share_unemployed', '02100102', '2023-12-31', null, null, 150, 'suppressed'],
    ['share_unemployed', '01', '2023-12-31', 25 / 1.5, 25, 150, null],
    ['share_unemployed', '02', '2023-12-31', null, null, 250, 'invalid'],
    // income_median 2023, PLR only: 1500/2000/2500/1800 (city median 1900).
    ['income_median', '01100101', '2023-12-31', 1500, null, null, null],
    ['income_median', '01100102', '2023-12-31', 2000, null, null, null],
    ['income_median', '02100101', '2023-12-31', 2500, null, null, null],
    ['income_median', '02100102', '2023-12-31', 1800, null, null, null],
    ['internal_note', '01100101', '2023-12-31', 7, null, null, null],
  ];
  for (const [indicator, code, date, value, numerator, denominator, flag] of obs) {
    await db.query(
      `INSERT INTO observation_row (tenant_id, indicator_id, area_id, ref_date, value, numerator, denominator, flag, flag_reason)
       VALUES ('berlin', $1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        indicator,
        areaId[code],
        date,
        value,
        numerator,
        denominator,
        flag,
        flag === 'suppressed'
          ? 'weniger als 3 Fälle'
          : flag
            ? 'unvollständig: 1 von 2 Teilgebieten ohne Wert'
            : null,
      ],
    );
  }
  // ewr_total counts all residents (ADR 0058): the gaps need divides by it and the index rule counts
  // with it. The toy counts (90 … 400) are below the default 300 of that rule; the fixture tenant
  // publishes indices from 50 residents so that index tests see all four areas (disclosure tests set 300).
  await db.exec(`
    INSERT INTO supply_residents (tenant_id, indicator_id) VALUES ('berlin', 'ewr_total');
    INSERT INTO disclosure_setting (tenant_id, min_count, min_population_index, enabled)
    VALUES ('berlin', 3, 50, true);
  `);
  await db.exec(`
    INSERT INTO point_dataset (tenant_id, id, name_de, name_en, reference_date, source_id)
    VALUES ('berlin', 'kitas', 'Kindertagesstätten', 'Day-care centres', '2024-03-01', 'afs');
    INSERT INTO point_feature (tenant_id, dataset, id, name, lon, lat, properties, source_id) VALUES
      ('berlin', 'kitas', '0001', 'Kita Sonnenschein', 13.05, 52.05, '{"places": 40}', 'afs'),
      ('berlin', 'kitas', '0002', 'Kita Regenbogen', 13.25, 52.05, '{"places": 85}', 'afs');
  `);
  await insertDirectoryFixture(db);
  return { areaId };
}

/** Ids of the fixture's one directory entry (a Familienzentrum without a located place). */
export const FIXTURE_DIRECTORY = {
  organisation: '11111111-1111-5111-8111-111111111111',
  service: '22222222-2222-5222-8222-222222222222',
  location: '33333333-3333-5333-8333-333333333333',
  serviceAtLocation: '44444444-4444-5444-8444-444444444444',
};

async function insertDirectoryFixture(db: Db): Promise<void> {
  const d = FIXTURE_DIRECTORY;
  await db.exec(`
    INSERT INTO directory_taxonomy (tenant_id, id, name, description)
    VALUES ('berlin', '55555555-5555-5555-8555-555555555555', 'Fixture-Taxonomie', 'Angebotsarten');
    INSERT INTO directory_taxonomy_term (tenant_id, id, taxonomy_id, code, name, description, dimensions)
    VALUES ('berlin', '66666666-6666-5666-8666-666666666666', '55555555-5555-5555-8555-555555555555',
            'familienzentrum', 'Familienzentrum', 'Familienförderung', '{participation,education}');
    INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key)
    VALUES ('berlin', '${d.organisation}', 'Fixture-Träger e.V.', 'verein', 'verein|fixture-träger e.v.');
    INSERT INTO directory_service (tenant_id, id, organization_id, service_type, name)
    VALUES ('berlin', '${d.service}', '${d.organisation}', 'familienzentrum', 'Familienzentrum Mitte');
    INSERT INTO directory_location (tenant_id, id, organization_id, name, city)
    VALUES ('berlin', '${d.location}', '${d.organisation}', 'Familienzentrum Mitte', 'Berlin');
    INSERT INTO directory_service_at_location (tenant_id, id, service_id, location_id)
    VALUES ('berlin', '${d.serviceAtLocation}', '${d.service}', '${d.location}');
  `);
}

/** An AppContext for tests: the fixture tenant, default config with overrides (e.g. webDist). */
export function testContext(db: Db, overrides: Partial<Config> = {}): AppContext {
  return {
    db,
    tenantId: FIXTURE_TENANT,
    config: {
      ...loadConfig({}),
      webDist: '/nonexistent-web-dist',
      // no scheduled alert detection in tests (ADR 0025)
      alertScheduleMinutes: null,
      ...overrides,
    },
  };
}
