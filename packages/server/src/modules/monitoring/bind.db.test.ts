// Binding an index preset to other indicators (issue 9 § 6) over HTTP on the real database: one call
// previews or creates the new index; every input must be bound; every indicator named must be
// readable by the caller (404 otherwise, like one that does not exist); direction and unit
// differences are warnings; the creation is audited with its bindings; refusals write nothing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
/** index editor of 'sozialplanung' without 'indicators.read_all' */
let editor: ReturnType<typeof injectAs>;
let reader: ReturnType<typeof injectAs>;

const PRESET = 'mss-2019-2021';
/** preset input → the new edition's indicator */
const BINDINGS: Record<string, string> = {
  mss_s1_unemployment: 'mss23_s1',
  mss_s3_transfer: 'mss23_s3',
  mss_s4_child_poverty: 'mss23_s4',
  mss_d1_unemployment_change: 'mss23_d1',
  mss_d3_transfer_change: 'mss23_d3',
  mss_d4_child_poverty_change: 'mss23_d4',
};

async function insertIndicators(): Promise<void> {
  const row = (
    id: string,
    unit: string,
    polarity: string,
    dept = 'sozialplanung',
    vis = 'public',
  ) =>
    `('berlin', '${id}', 'Neu ${id}', 'New ${id}', NULL, 'Test', '${unit}', 'value', 1, 'social_index', '${polarity}', '${dept}', 'afs', 2, '${vis}', 50)`;
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ${[
        row('mss_s1_unemployment', 'percent', 'higher_is_worse'),
        row('mss23_s1', 'per_100', 'higher_is_worse'),
        row('mss23_s3', 'percent', 'higher_is_better'),
        row('mss23_s4', 'percent', 'higher_is_worse'),
        row('mss23_d1', 'percentage_points', 'higher_is_worse'),
        row('mss23_d3', 'percentage_points', 'higher_is_worse'),
        row('mss23_d4', 'percentage_points', 'higher_is_worse'),
        row('gesundheit_geheim', 'percent', 'higher_is_worse', 'gesundheit', 'department'),
      ].join(',\n')};
    INSERT INTO role (tenant_id, id, name_de, description_de, builtin) VALUES
      ('berlin', 'index_editor', 'Indexpflege', 'Test', false);
    INSERT INTO role_permission (tenant_id, role_id, permission_id) VALUES
      ('berlin', 'index_editor', 'indicators.read'), ('berlin', 'index_editor', 'monitoring.read'),
      ('berlin', 'index_editor', 'monitoring.edit');
  `);
}

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
  await insertIndicators();
  const as = async (roles: string[]) =>
    injectAs(
      app,
      await tokenHeaders(db, await createTestUser(db, { roles, departmentId: 'sozialplanung' })),
    );
  editor = await as(['index_editor']);
  reader = await as(['department_planner']);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const counts = async () => ({
  audit: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n,
  defs: (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM index_definition'))[0]!.n,
});

const bind = (
  api: ReturnType<typeof injectAs>,
  payload: Record<string, unknown>,
  suffix = '',
  id = PRESET,
) => api({ method: 'POST', url: `/api/indices/${id}/bind${suffix}`, payload });

describe('POST /api/indices/:id/bind/preview', () => {
  it('shows the definition the binding creates, with warnings, and writes nothing', async () => {
    const before = await counts();
    const res = await bind(editor, { id: 'mss-2023', bindings: BINDINGS }, '/preview');
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan.basedOn).toBe(PRESET);
    expect(plan.definition.id).toBe('mss-2023');
    expect(plan.definition.label).toBe('MSS 2019/2021 (3 + 3 Indikatoren) – eigene Indikatoren');
    expect(
      plan.definition.status.inputs.map((i: { indicatorId: string }) => i.indicatorId),
    ).toEqual(['mss23_s1', 'mss23_s3', 'mss23_s4']);
    // the dynamics part names which status input each change belongs to: renamed too
    expect(plan.definition.dynamics.changeOf).toEqual({
      mss23_d1: 'mss23_s1',
      mss23_d3: 'mss23_s3',
      mss23_d4: 'mss23_s4',
    });
    expect(plan.inputs[0]).toMatchObject({
      part: 'status',
      input: 'mss_s1_unemployment',
      label: 'Arbeitslosigkeit',
      indicatorId: 'mss23_s1',
      indicatorName: 'Neu mss23_s1',
    });
    expect(plan.warnings).toEqual([
      'Eingang „mss_s1_unemployment“ hatte die Einheit „Prozent (%)“, der Indikator „mss23_s1“ hat „je 100“.',
      'Eingang „mss_s3_transfer“ (Transferbezug) rechnet „höher ist ungünstiger“, der Indikator „mss23_s3“ ist als „höher ist günstiger“ beschrieben.',
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/indices/:id/bind', () => {
  it('creates the bound index (201, Location) audited with its bindings', async () => {
    const before = await counts();
    const res = await bind(editor, { id: 'mss-2023', label: 'MSS 2023', bindings: BINDINGS });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.location).toBe('/api/indices/mss-2023');
    const body = res.json();
    expect(body).toMatchObject({ id: 'mss-2023', version: 1, label: 'MSS 2023', basedOn: PRESET });
    expect(body.warnings).toHaveLength(2);
    const stored = (await editor('/api/indices/mss-2023')).json();
    expect(
      stored.definition.status.inputs.map((i: { indicatorId: string }) => i.indicatorId),
    ).toEqual(['mss23_s1', 'mss23_s3', 'mss23_s4']);
    expect(await counts()).toEqual({ audit: before.audit + 1, defs: before.defs + 1 });
    const [audit] = await db.query<{ action: string; detail: Record<string, unknown> }>(
      `SELECT action, detail FROM audit_log WHERE entity = 'index_definition' AND entity_id = 'mss-2023'`,
    );
    expect(audit).toEqual({
      action: 'monitoring.index_created',
      detail: { version: 1, nameDe: 'MSS 2023', preset: PRESET, bindings: BINDINGS },
    });
  });

  it('refuses the same id again with 409 and a preset id with 409', async () => {
    const before = await counts();
    const taken = await bind(editor, { id: 'mss-2023', bindings: BINDINGS });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe(
      'Die Kennung „mss-2023“ ist schon vergeben; bitte eine andere Kennung wählen.',
    );
    expect((await bind(editor, { id: 'mss-2013-2017', bindings: BINDINGS })).statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe('refusals write nothing', () => {
  async function refused(
    api: ReturnType<typeof injectAs>,
    payload: Record<string, unknown>,
    status: number,
    id = PRESET,
  ): Promise<string> {
    const before = await counts();
    const res = await bind(api, payload, '', id);
    expect(res.statusCode, res.body).toBe(status);
    expect(await counts()).toEqual(before);
    return res.json().error.message as string;
  }

  it('names every input left open, names no input twice and refuses keys that are no input', async () => {
    const { mss_d4_child_poverty_change: _, ...open } = BINDINGS;
    expect(await refused(editor, { id: 'x1', bindings: open }, 400)).toBe(
      'Eingang „mss_d4_child_poverty_change“ (Veränderung Kinderarmut) ist keinem Indikator zugeordnet.',
    );
    expect(
      await refused(editor, { id: 'x2', bindings: { ...BINDINGS, S9: 'mss23_s1' } }, 400),
    ).toBe('„S9“ ist kein Eingang dieses Index.');
    expect(
      await refused(
        editor,
        { id: 'x3', bindings: { ...BINDINGS, mss_s3_transfer: 'mss23_s1' } },
        400,
      ),
    ).toContain(
      'Der Indikator „mss23_s1“ ist den Eingängen „mss_s1_unemployment“ und „mss_s3_transfer“',
    );
  });

  it('answers 404 for an indicator the caller may not read, exactly as for an unknown one', async () => {
    const secret = await refused(
      editor,
      { id: 'x4', bindings: { ...BINDINGS, mss_s4_child_poverty: 'gesundheit_geheim' } },
      404,
    );
    const unknown = await refused(
      editor,
      { id: 'x4', bindings: { ...BINDINGS, mss_s4_child_poverty: 'gibt_es_nicht' } },
      404,
    );
    expect(secret).toBe('Den Indikator „gesundheit_geheim“ gibt es nicht.');
    expect(unknown).toBe('Den Indikator „gibt_es_nicht“ gibt es nicht.');
  });

  it('answers 404 for an unknown index and 403 without monitoring.edit', async () => {
    expect(await refused(editor, { id: 'x5', bindings: BINDINGS }, 404, 'kein-index')).toBe(
      'Den Index „kein-index“ gibt es nicht.',
    );
    await refused(reader, { id: 'x6', bindings: BINDINGS }, 403);
  });

  it('refuses a malformed new id with a German message', async () => {
    expect(await refused(editor, { id: 'MSS 2023!', bindings: BINDINGS }, 400)).toContain(
      'Kleinbuchstaben, Ziffern, - und _',
    );
  });
});
