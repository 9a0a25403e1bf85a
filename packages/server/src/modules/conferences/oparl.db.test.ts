// OParl 1.1 at /oparl (issue 14 § 1): a client starting at the System object reaches every object
// type Sozialraum serves — System, Body, Organization, Person, Membership, Meeting, AgendaItem,
// Paper, File, Consultation, Location — through the Body's lists and each object's own URL, and every
// object, listed, fetched or embedded, is valid against the official OParl 1.1 schemas
// (standards/oparl-1.1, Ajv with formats). Paging follows links.next; modified_since filters.
// Only public content: proposals, drafts and private persons' names never appear.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext, type Fixture } from '../../testing/fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';

const SCHEMAS = path.join(import.meta.dirname, '../../../../../standards/oparl-1.1/schema');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;
// the schemas escape ':' and '/' in patterns, which JavaScript allows only without the u flag
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateSchema: false,
  unicodeRegExp: false,
});
addFormats(ajv);
// OParl's own format: an absolute http(s) URL
ajv.addFormat('url', /^https?:\/\/[^\s/$.?#].[^\s]*$/i);
const validators = new Map<string, ValidateFunction>();
for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.json'))) {
  const schema = JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')) as object;
  validators.set(`https://schema.oparl.org/1.1/${f.replace('.json', '')}`, ajv.compile(schema));
}

let db: Db;
let app: FastifyInstance;
let fx: Fixture;
let base: string;
let meetingId: number;
let bodyId: number;
let organiserApi: ReturnType<typeof injectAs>;

/** GET of an absolute OParl URL of this server. */
async function get(url: string) {
  const res = await app.inject(
    url.startsWith(base) ? url.slice(base.length - '/oparl'.length) : url,
  );
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<Record<string, unknown>>();
}

beforeAll(async () => {
  db = await createTestDb();
  fx = await insertFixture(db);
  app = await buildApp(testContext(db), {
    validateResponses: true,
    logger: false,
    warmCaches: false,
  });
  await app.ready();
  const user = await createTestUser(db, {
    roles: ['department_planner'],
    departmentId: 'sozialplanung',
  });
  const member = await createTestUser(db, { roles: ['viewer'] });
  const api = injectAs(app, await tokenHeaders(db, user));
  const call = async (method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => {
    const res = await api({ method, url, ...(payload === undefined ? {} : { payload }) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<Record<string, unknown>>();
  };
  const body = await call('POST', '/api/conferences/bodies', {
    kind: 'sozialraumkonferenz',
    name: 'Sozialraumkonferenz Mitte',
    areaIds: [fx.areaId['01']],
  });
  bodyId = body.id as number;
  // a resident who consented to being named, one who did not, and staff acting in office (ADR 0040)
  const privat = await createTestUser(db, { roles: ['viewer'] });
  const staff = await createTestUser(db, {
    roles: ['department_planner'],
    departmentId: 'gesundheit',
  });
  for (const [id, name] of [
    [member.id, 'Clara Einverstanden'],
    [privat.id, 'Erika Privatperson'],
    [staff.id, 'Amtsleiter Gesundheit'],
  ] as const)
    await db.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [id, name]);
  await call('POST', `/api/conferences/bodies/${bodyId}/members`, {
    userId: member.id,
    role: 'chair',
    validFrom: '2025-01-01',
    namePublic: true,
  });
  await call('POST', `/api/conferences/bodies/${bodyId}/members`, {
    userId: privat.id,
    role: 'member',
    validFrom: '2025-01-01',
  });
  await call('POST', `/api/conferences/bodies/${bodyId}/members`, {
    userId: staff.id,
    role: 'member',
    validFrom: '2025-01-01',
  });
  // an organisation as member (a Träger's seat, ADR 0046), and one not listed publicly
  await db.exec(`
    INSERT INTO directory_organization (tenant_id, id, name, kind, dedup_key, website, public) VALUES
      ('berlin', 'awo-mitte', 'AWO Kreisverband Mitte', 'frei_gemeinnuetzig', 'awo-mitte', 'https://awo-mitte.example', true),
      ('berlin', 'verborgen', 'Verborgene Initiative', 'initiative', 'verborgen', NULL, false);
  `);
  for (const organisationId of ['awo-mitte', 'verborgen'])
    await call('POST', `/api/conferences/bodies/${bodyId}/members`, {
      organisationId,
      role: 'member',
      validFrom: '2025-02-01',
    });
  organiserApi = api;
  const meeting = await call('POST', `/api/conferences/bodies/${bodyId}/meetings`, {
    title: '1. Sitzung',
    start: '2026-03-30T18:00',
    end: '2026-03-30T20:00',
    place: 'Rathaus Tiergarten, Mathilde-Jacob-Platz 1',
  });
  meetingId = meeting.id as number;
  const m = await call('POST', `/api/conferences/meetings/${meetingId}/agenda-items`, {
    title: 'Spielplätze im Kiez',
  });
  const itemId = (m.agenda as { id: number }[])[0]!.id;
  await call('POST', `/api/conferences/meetings/${meetingId}/agenda-items`, { title: 'Entwurf' });
  await call('PUT', `/api/conferences/agenda-items/${itemId}/minutes`, {
    notes: 'Anna Weber fragt nach dem Spielplatz. Das Grünflächenamt sagt eine Prüfung zu.',
    speakers: [{ name: 'Anna Weber', private: true }],
  });
  await call('POST', `/api/conferences/agenda-items/${itemId}/decisions`, {
    text: 'Das Grünflächenamt prüft neue Bänke.',
    vote: { yes: 7, no: 0, abstain: 1 },
  });
  await call('POST', `/api/conferences/meetings/${meetingId}/minutes-approval`);
  // a second, unapproved meeting with a draft that must not appear
  const draft = await call('POST', `/api/conferences/bodies/${bodyId}/meetings`, {
    title: '2. Sitzung',
    start: '2026-10-26T18:00',
    end: '2026-10-26T20:00',
  });
  const d = await call('POST', `/api/conferences/meetings/${draft.id as number}/agenda-items`, {
    title: 'Wohnen',
  });
  await call(
    'PUT',
    `/api/conferences/agenda-items/${(d.agenda as { id: number }[])[0]!.id}/minutes`,
    {
      notes: 'GEHEIMER ENTWURF',
    },
  );
  base = (await app.inject('/oparl')).json<{ id: string }>().id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Every object inside a value (embedded ones too), with the JSON path it was found at. */
function collect(value: unknown, at: string, out: { at: string; o: Record<string, unknown> }[]) {
  if (Array.isArray(value)) value.forEach((v, i) => collect(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('https://schema.oparl.org/'))
      out.push({ at, o });
    for (const [k, v] of Object.entries(o)) collect(v, `${at}.${k}`, out);
  }
}

describe('OParl 1.1', () => {
  it('serves every object type, each valid against its OParl 1.1 schema, listed, fetched and embedded', async () => {
    const found: { at: string; o: Record<string, unknown> }[] = [];
    const system = await get('/oparl');
    collect(system, 'System', found);
    expect(system.oparlVersion).toBe('https://schema.oparl.org/1.1/');
    const bodies = await get(system.body as string);
    collect(bodies.data, 'bodies', found);
    const body = (bodies.data as Record<string, unknown>[])[0]!;
    collect(await get(body.id as string), 'Body', found);
    for (const list of [
      'organization',
      'person',
      'meeting',
      'paper',
      'agendaItem',
      'consultation',
      'file',
      'locationList',
      'membership',
      'legislativeTermList',
    ]) {
      const page = await get(body[list] as string);
      expect(page.pagination, list).toBeDefined();
      for (const o of page.data as Record<string, unknown>[]) {
        collect(o, list, found);
        // each object answers at its own URL with the same content
        expect(await get(o.id as string), o.id as string).toEqual(o);
      }
    }
    const errors: string[] = [];
    for (const { at, o } of found) {
      const validate = validators.get(o.type as string);
      if (!validate) errors.push(`${at}: no schema for ${String(o.type)}`);
      else if (!validate(o))
        for (const e of validate.errors ?? []) errors.push(`${at} ${e.instancePath} ${e.message}`);
    }
    expect(errors).toEqual([]);
    const types = new Set(found.map((f) => (f.o.type as string).split('/').pop()));
    expect([...types].sort()).toEqual(
      [
        'AgendaItem',
        'Body',
        'Consultation',
        'File',
        'Location',
        'Meeting',
        'Membership',
        'Organization',
        'Paper',
        'Person',
        'System',
      ].sort(),
    );
    // a schema check that cannot fail is no check: a Meeting without its id is refused
    expect(
      validators.get('https://schema.oparl.org/1.1/Meeting')!({
        type: 'https://schema.oparl.org/1.1/Meeting',
      }),
    ).toBe(false);
  });

  it('serves a member organisation as an Organization with a seat Membership onBehalfOf it', async () => {
    const orgs = (await get(`${base}/body/berlin/organization`)).data as Record<string, unknown>[];
    const awo = orgs.find((o) => o.name === 'AWO Kreisverband Mitte')!;
    expect(awo).toMatchObject({
      id: `${base}/organization/traeger-awo-mitte`,
      organizationType: 'Sonstiges',
      website: 'https://awo-mitte.example',
    });
    expect(validators.get(awo.type as string)!(awo)).toBe(true);
    expect(await get(awo.id as string)).toMatchObject({ name: 'AWO Kreisverband Mitte' });
    const body = await get(`${base}/organization/${bodyId}`);
    const seats: Record<string, unknown>[] = [];
    for (const id of body.membership as string[]) {
      const m = await get(id);
      if (m.onBehalfOf) seats.push(m);
    }
    expect(seats).toHaveLength(1);
    expect(seats[0]).toMatchObject({
      organization: `${base}/organization/${bodyId}`,
      onBehalfOf: awo.id,
      role: 'Mitglied',
      startDate: '2025-02-01',
    });
    expect(seats[0]!.person).toBeUndefined();
    expect(validators.get(seats[0]!.type as string)!(seats[0])).toBe(true);
    // an organisation the directory does not list publicly stays out
    expect(JSON.stringify(orgs)).not.toContain('Verborgene Initiative');
    const memberships = JSON.stringify(await get(`${base}/body/berlin/membership`));
    expect(memberships).not.toContain('verborgen');
  });

  it('shows Berlin local times with offset, decisions of approved minutes, no drafts and no private names', async () => {
    const meeting = await get(`${base}/meeting/${meetingId}`);
    expect(meeting.start).toBe('2026-03-30T18:00:00+02:00');
    expect((meeting.resultsProtocol as { text: string }).text).toContain('[Name entfernt] fragt');
    const items = meeting.agendaItem as Record<string, unknown>[];
    expect(items.map((i) => i.name)).toEqual(['Spielplätze im Kiez', 'Entwurf']);
    expect(items[0]!.resolutionText).toBe('Das Grünflächenamt prüft neue Bänke.');
    const all = JSON.stringify(await get(`${base}/body/berlin/meeting`));
    expect(all).not.toContain('GEHEIMER ENTWURF');
    expect(all).not.toContain('Weber');
    expect((await app.inject('/oparl/meeting/999999')).statusCode).toBe(404);
    expect((await app.inject('/oparl/body/leipzig')).statusCode).toBe(404);
  });

  it('publishes persons only with consent or as staff in office; the public body page withholds the others', async () => {
    const people = JSON.stringify(await get(`${base}/body/berlin/person`));
    expect(people).toContain('Clara Einverstanden');
    expect(people).toContain('Amtsleiter Gesundheit');
    expect(people).not.toContain('Erika Privatperson');
    const org = JSON.stringify(await get(`${base}/organization/${bodyId}`));
    expect(org).not.toContain('Erika Privatperson');
    const memberships = await get(`${base}/body/berlin/membership`);
    const list = memberships.data as { person?: string }[];
    expect(list.filter((m) => m.person)).toHaveLength(2);
    expect(list).toHaveLength(3); // and the AWO's seat
    // the public body page: the role stays, the name and account are withheld
    type Member = {
      name: string;
      userId: number | null;
      nameWithheld: boolean;
      role: string;
      kind: string;
    };
    const pub = (await app.inject(`/api/conferences/bodies/${bodyId}`)).json<{
      members: Member[];
    }>();
    expect(JSON.stringify(pub)).not.toContain('Erika Privatperson');
    // … and, as in OParl, an organisation the directory does not list publicly
    expect(JSON.stringify(pub)).not.toContain('Verborgene Initiative');
    expect(JSON.stringify(pub)).toContain('AWO Kreisverband Mitte');
    expect(pub.members.filter((m) => m.nameWithheld)).toEqual([
      expect.objectContaining({ name: 'Name nicht veröffentlicht', userId: null, role: 'member' }),
      expect.objectContaining({ name: 'Name nicht veröffentlicht', kind: 'organisation' }),
    ]);
    // the organiser sees every name
    const own = (await organiserApi(`/api/conferences/bodies/${bodyId}`)).json<{
      members: Member[];
    }>();
    expect(own.members.map((m) => m.name)).toContain('Erika Privatperson');
    expect(own.members.some((m) => m.nameWithheld)).toBe(false);
    // consent given later and withdrawn again (audited): OParl follows
    const clara = (own.members as (Member & { id: number })[]).find(
      (m) => m.name === 'Clara Einverstanden',
    )!;
    const patch = (payload: object, id = clara.id) =>
      organiserApi({
        method: 'PATCH',
        url: `/api/conferences/bodies/${bodyId}/members/${id}`,
        payload,
      });
    expect((await patch({ namePublic: false })).statusCode).toBe(200);
    expect(JSON.stringify(await get(`${base}/body/berlin/person`))).not.toContain(
      'Clara Einverstanden',
    );
    expect((await patch({ namePublic: 'ja' })).statusCode).toBe(400);
    expect((await patch({ namePublic: true }, 999999)).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/conferences/bodies/${bodyId}/members/${clara.id}`,
          payload: { namePublic: true },
        })
      ).statusCode,
    ).toBe(401);
    expect((await patch({ namePublic: true })).statusCode).toBe(200);
    expect(JSON.stringify(await get(`${base}/body/berlin/person`))).toContain(
      'Clara Einverstanden',
    );
  });

  it('pages long lists through links.next and filters by modified_since', async () => {
    for (let i = 0; i < 120; i++)
      await db.query(
        `INSERT INTO conference_meeting (tenant_id, body_id, title, starts_at, ends_at, modified_at)
         VALUES ('berlin', $1, $2, '2025-01-01T17:00Z', '2025-01-01T19:00Z', '2025-01-02T00:00Z')`,
        [bodyId, `Alt ${i}`],
      );
    const first = await get(`${base}/body/berlin/meeting`);
    expect((first.data as unknown[]).length).toBe(100);
    expect(first.pagination).toMatchObject({ totalElements: 122, currentPage: 1, totalPages: 2 });
    const next = (first.links as { next: string }).next;
    const second = await get(next);
    expect((second.data as unknown[]).length).toBe(22);
    expect((second.links as { next?: string }).next).toBeUndefined();
    const recent = await get(
      `${base}/body/berlin/meeting?modified_since=2026-01-01T00:00:00%2B01:00`,
    );
    expect((recent.data as { name: string }[]).map((m) => m.name)).toEqual([
      'Sozialraumkonferenz Mitte: 1. Sitzung',
      'Sozialraumkonferenz Mitte: 2. Sitzung',
    ]);
    const bad = await app.inject(`/oparl/body/berlin/meeting?modified_since=gestern`);
    expect(bad.statusCode).toBe(400);
  });
});
