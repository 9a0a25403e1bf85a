// The API reproduces the official Berlin MSS classes from the demo's stored index indicators.
// Loads the real Berlin demo once (≈ 1 min): the only test file of this module that does.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { loadBerlinDemo } from '../../seed/berlin/index.ts';

let db: Db;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  await loadBerlinDemo(db);
  app = await buildApp(testContext(db), { validateResponses: true });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const DYN: Record<number, string> = { 1: '+', 2: '+/-', 3: '-' };

interface AreaRow {
  areaId: number;
  code: string;
  scored: boolean;
  reason: string | null;
  status: { classCode: string } | null;
  dynamics: { classCode: string } | null;
  group: { code: string } | null;
}

async function official(system: string, date: string) {
  const rows = await db.query<{ area_id: number; indicator_id: string; value: number }>(
    `SELECT o.area_id, o.indicator_id, o.value FROM observation o JOIN area a ON a.tenant_id = o.tenant_id AND a.id = o.area_id
      WHERE o.indicator_id IN ('mss_status_class', 'mss_dynamics_class') AND o.ref_date = $1 AND a.system_id = $2 AND a.level_id = 'plr' AND o.value IS NOT NULL`,
    [date, system],
  );
  const status = new Map<number, string>();
  const dynamics = new Map<number, string>();
  for (const r of rows)
    (r.indicator_id === 'mss_status_class' ? status : dynamics).set(
      Number(r.area_id),
      r.indicator_id === 'mss_status_class' ? String(r.value) : (DYN[r.value] ?? '?'),
    );
  return { status, dynamics };
}

async function compare(system: string, date: string, index = 'mss-2019-2021') {
  const res = await app.inject(
    `/api/indices/${index}/results?system=${system}&level=plr&date=${date}`,
  );
  expect(res.statusCode).toBe(200);
  const body = res.json() as {
    areas: AreaRow[];
    counts: { scored: number; unscored: number; matrix: { count: number }[] };
  };
  const off = await official(system, date);
  const mismatches: string[] = [];
  for (const a of body.areas.filter((x) => x.scored)) {
    if (a.status?.classCode !== off.status.get(a.areaId))
      mismatches.push(`${a.code} Status ${a.status?.classCode} ≠ ${off.status.get(a.areaId)}`);
    if (a.dynamics?.classCode !== off.dynamics.get(a.areaId))
      mismatches.push(`${a.code} Dynamik ${a.dynamics?.classCode} ≠ ${off.dynamics.get(a.areaId)}`);
    if (a.group?.code !== `${off.status.get(a.areaId)}${off.dynamics.get(a.areaId)}`)
      mismatches.push(`${a.code} Gruppe ${a.group?.code}`);
  }
  return { body, off, mismatches };
}

describe('MSS presets against the official Berlin results', () => {
  it('MSS 2021 (LOR 2021, 2020-12-31): 536 scored areas with the official status and dynamics classes, 6 unscored with their reason', async () => {
    const { body, off, mismatches } = await compare('lor2021', '2020-12-31');
    expect(mismatches).toEqual([]);
    expect(body.counts.scored).toBe(536);
    expect(off.status.size).toBe(536);
    const unscored = body.areas.filter((a) => !a.scored);
    expect(unscored).toHaveLength(6);
    for (const a of unscored) expect(a.reason).toMatch(/^MSS 2021: /);
    expect(body.counts.matrix.reduce((s, g) => s + g.count, 0)).toBe(536);
  });

  it('MSS 2019 (LOR 2006, 2018-12-31): 436 scored areas with the official classes, the others with their reason', async () => {
    const { body, off, mismatches } = await compare('lor2006', '2018-12-31');
    expect(mismatches).toEqual([]);
    expect(body.counts.scored).toBe(436);
    expect(off.status.size).toBe(436);
    // 447 areas in the MSS 2019 files: 11 not scored, stored with the reason; LOR 2006 areas absent from the files have no value
    const unscored = body.areas.filter((x) => !x.scored);
    expect(
      unscored.filter(
        (a) => a.reason === 'im MSS 2019 nicht bewertet (zu wenige Einwohner oder ausgeschlossen)',
      ),
    ).toHaveLength(11);
    for (const a of unscored)
      expect(a.reason).toMatch(
        /^(im MSS 2019 nicht bewertet|Kein Wert für Arbeitslosigkeit am 2018-12-31)/,
      );
  });

  it.each([
    [2013, '2012-12-31'],
    [2017, '2016-12-31'],
  ])(
    'MSS %i (LOR 2006, %s) with the 4 + 4 preset: every scored area has the official classes',
    async (edition, date) => {
      const { body, off, mismatches } = await compare('lor2006', date, 'mss-2013-2017');
      expect(mismatches).toEqual([]);
      expect(body.counts.scored).toBe(off.status.size);
      expect(body.counts.scored).toBeGreaterThan(400);
      expect(
        body.areas.filter(
          (a) =>
            !a.scored &&
            a.reason ===
              `im MSS ${edition} nicht bewertet (zu wenige Einwohner oder ausgeschlossen)`,
        ).length,
      ).toBeGreaterThan(0);
    },
  );

  it('lists the status class changes 2013 → 2017 exactly where the official classes differ, and repeated negative dynamics', async () => {
    const res = await app.inject(
      '/api/indices/mss-2013-2017/changes?system=lor2006&level=plr&from=2012-12-31&to=2016-12-31',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      status: { areaId: number; fromCode: string; toCode: string; explanation: string }[];
      repeatedNegativeDynamics: { areaId: number; explanation: string }[];
    };
    const a = await official('lor2006', '2012-12-31');
    const b = await official('lor2006', '2016-12-31');
    const expected = [...b.status]
      .filter(([id, cls]) => a.status.has(id) && a.status.get(id) !== cls)
      .map(([id]) => id)
      .sort((x, y) => x - y);
    expect(body.status.map((c) => c.areaId).sort((x, y) => x - y)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const c of body.status)
      expect([c.fromCode, c.toCode]).toEqual([a.status.get(c.areaId), b.status.get(c.areaId)]);
    const negTwice = [...b.dynamics]
      .filter(([id, d]) => d === '-' && a.dynamics.get(id) === '-')
      .map(([id]) => id)
      .sort((x, y) => x - y);
    expect(body.repeatedNegativeDynamics.map((r) => r.areaId).sort((x, y) => x - y)).toEqual(
      negTwice,
    );
    expect(negTwice).toHaveLength(8);
    expect(body.repeatedNegativeDynamics[0]?.explanation).toBe(
      "Dynamik zweimal in Folge 'negativ' (Stand 31.12.2012, Stand 31.12.2016)",
    );
    expect(body.status.find((c) => c.fromCode === '3' && c.toCode === '2')?.explanation).toBe(
      "Status-Index: von 'niedrig' (Stand 31.12.2012) nach 'mittel' (Stand 31.12.2016)",
    );
  });

  it('explains a scored MSS 2021 area in a German sentence and lists the editions of the preset', async () => {
    const res = await app.inject(
      '/api/indices/mss-2019-2021/results?system=lor2021&level=plr&date=2020-12-31',
    );
    const area = (res.json().areas as AreaRow[]).find((a) => a.scored)!;
    const e = (
      await app.inject(
        `/api/indices/mss-2019-2021/explain/${area.areaId}?system=lor2021&level=plr&date=2020-12-31`,
      )
    ).json();
    expect(e.text).toMatch(/^Status-Index -?\d+,\d\d \((hoch|mittel|niedrig|sehr niedrig)\)/);
    expect(e.status.contributions).toHaveLength(3);
    const detail = (await app.inject('/api/indices/mss-2019-2021')).json();
    expect(detail.editions).toEqual(
      expect.arrayContaining([
        { system: 'lor2021', level: 'plr', date: '2020-12-31' },
        { system: 'lor2006', level: 'plr', date: '2018-12-31' },
      ]),
    );
  });
});
