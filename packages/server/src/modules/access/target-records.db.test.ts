// The authorization matrix one level down (issue 8 § 6): route × role × TARGET RECORD. A planner of
// the department 'sozialplanung' names, inside request bodies and upload ids, records that belong to
// another department, person or tenant — every such request is refused, changes nothing, and reveals
// no more than an unknown id would. Every writing route is classified: either it has attack cases
// here, or it states why it names no record of someone else.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { Db } from '../../db/db.ts';
import { createTestUser, injectAs, tokenHeaders } from '../../testing/auth.ts';
import { insertFixture, testContext } from '../../testing/fixtures.ts';
import { multipart } from '../../testing/multipart.ts';
import { createTestDb } from '../../testing/test-db.ts';

let db: Db;
let app: FastifyInstance;
/** Planner of 'sozialplanung' (the attacker), planner of 'gesundheit' (the owner), others. */
let planner: ReturnType<typeof injectAs>;
let plannerColleague: ReturnType<typeof injectAs>;
let owner: ReturnType<typeof injectAs>;
let leipzigAdmin: ReturnType<typeof injectAs>;
let indexEditor: ReturnType<typeof injectAs>;

/**
 * Every writing route and where its foreign-record cases are (or why it names none). A new writing
 * route fails the first test until it is classified here.
 */
const WRITE_ROUTES: Record<string, string> = {
  createConferenceBody:
    "areas and the organiser department in the body must be of the caller's tenant (400) and her own department unless conferences.organise_all (403): conferences/conferences.db.test.ts",
  updateConferenceBody:
    'body of the own department only (403), areas and department checked like createConferenceBody (conferences.db.test.ts)',
  addConferenceMember:
    "body of the own department only (403: conferences.db.test.ts); the person or organisation must be of the caller's tenant (400)",
  setConferenceMemberConsent:
    'body of the own department only (403); the member must belong to that body (404) (conferences/oparl.db.test.ts)',
  removeConferenceMember:
    'body of the own department only; the member must belong to that body (404)',
  createConferenceMeeting: 'body of the own department only (403)',
  updateConferenceMeeting: 'meeting of a body of the own department only (403)',
  inviteConferenceMeeting: 'meeting of a body of the own department only (403)',
  registerForConferenceMeeting:
    'the caller herself, and only for bodies she is a current member of (403: conferences.db.test.ts)',
  unregisterFromConferenceMeeting: 'the caller herself; members only',
  setConferenceAttendance:
    "meeting of a body of the own department only; people must be accounts of the caller's tenant (400)",
  approveConferenceMinutes: 'meeting of a body of the own department only (403)',
  buildConferenceAgenda:
    "meeting of a body of the own department only (403 for a member: conferences.db.test.ts); signals only of the body's areas, alerts filtered by what the caller may read",
  addConferenceAgendaItem: 'meeting of a body of the own department only (403)',
  orderConferenceAgenda:
    'the list must name exactly the accepted items of that meeting, else 400 (conferences.db.test.ts)',
  updateConferenceAgendaItem: 'item of a meeting of a body of the own department only (403)',
  mergeConferenceAgendaItem:
    'both items of the same meeting of the own department, else 400 (conferences.db.test.ts)',
  saveConferenceMinutes: 'item of a meeting of a body of the own department only (403)',
  addConferenceDecision:
    "item of a meeting of the own department; the task's department must be of the caller's tenant (400: conferences.db.test.ts)",
  issueConferenceCalendarToken: 'the own feed token',
  runImport: 'cases: import targets, sources, uploads',
  analyzeImport: 'creates an upload of the caller; names no existing record',
  analyzePointImport: 'creates an upload of the caller; names no existing record',
  runPointImport:
    'upload bound to the caller (uploads.ts); indicators through createImportIndicators (new only, department checked: points/import.db.test.ts)',
  discardUpload: 'cases: uploads',
  retireArea:
    "an area of the caller's tenant only (another tenant's id: 404, areas/lifecycle.db.test.ts); imports.areas covers the shared area base",
  removeArea:
    "an area of the caller's tenant only (another tenant's id: 404, areas/lifecycle.db.test.ts); the confirmation repeats the preview's counts",
  createAlertRule: 'cases: alert rules',
  updateAlertRule: 'cases: alert rules',
  detectAlerts: 'cases: alert rules (the answer is filtered)',
  updateAlertStatus: 'cases: alerts',
  createAlertSubscription: 'cases: subscriptions',
  deleteAlertSubscription: 'own subscriptions only (alerts.db.test.ts)',
  previewIndex: 'cases: index definitions',
  createIndex: 'cases: index definitions',
  updateIndex: 'cases: index definitions',
  previewIndexBinding:
    'indicators in the body: unreadable → 404 like unknown, nothing written (monitoring/bind.db.test.ts)',
  bindIndex:
    'indicators in the body: unreadable → 404 like unknown, nothing written (monitoring/bind.db.test.ts)',
  updateIndicator: 'ownership matrix (authorization-matrix.db.test.ts)',
  updateSource: 'sources.edit only; cases: sources',
  updateDisclosureSettings: 'tenant-wide setting, disclosure.configure only',
  signIn: 'names an account, no record',
  signOut: 'the own session',
  requestPasswordReset: 'names an address; answers the same for every address',
  resetPassword: 'a one-time token',
  setupFirstAdministrator: 'only while the tenant has no person',
  changePassword: 'the own account',
  createOwnToken: 'the own account; scopes limited to own permissions (sessions.db.test.ts)',
  revokeOwnToken: 'the own tokens (sessions.db.test.ts)',
  createUser: 'access.admin of the own tenant; roles and department of that tenant',
  updateUser: 'access.admin of the own tenant; role and department changes are audited',
  issueResetLink: 'access.admin of the own tenant',
  createDepartment: 'access.admin of the own tenant',
  updateDepartment: 'access.admin of the own tenant',
  saveRole: 'access.admin of the own tenant; permissions from the catalogue',
  updateDirectoryOrganisation:
    "directory.edit_all of the own tenant; the department named in the body must be an organisation record of the caller's tenant, else 400 and nothing written (directory/directory.db.test.ts)",
  replaceOpeningHours:
    "the service-at-location's organisation must be the caller's own (directory.edit_own) unless directory.edit_all; another organisation's id: 403; ids are looked up within the caller's tenant, so another tenant's id answers 404 like an unknown one (tested with an unknown id: directory/directory.db.test.ts)",
  recordDirectoryCapacity:
    "the service's organisation must be the caller's own (directory.edit_own) unless directory.edit_all; another organisation's service: 403; ids are looked up within the caller's tenant, so another tenant's id answers 404 like an unknown one (network/network-and-supply.db.test.ts)",
  importHsds:
    "every id the upload names is looked up within the caller's tenant: an organisation, service, location or place of another organisation than the caller's own is 403 (directory.edit_own), new organisations and terms need directory.edit_all (403), unknown references 400 naming file, record and JSON path; nothing written (directory/hsds-import.db.test.ts)",
  removeDirectoryCapacity:
    "as recordDirectoryCapacity: the service's organisation must be the caller's own unless directory.edit_all (403); the service and the value are looked up within the caller's tenant (404 otherwise) (directory/directory.db.test.ts)",
  createDirectoryService:
    "every id in the body is looked up within the caller's tenant: the organisation must be her own unless directory.edit_all (403, unknown 400); the type must be a term of the tenant's taxonomy (400); a place named by id must exist (400) and belong to an organisation she may edit (403) and to the service's organisation (400); area ids must be the tenant's (400); nothing written (directory/service-edit.db.test.ts)",
  replaceDirectoryService:
    "as createDirectoryService, and the service itself must belong to an organisation she may edit (403; unknown or another tenant's id 404) (directory/service-edit.db.test.ts)",
  addDirectoryTerm:
    'directory.edit_all of the own tenant; names no other record (a taken code is 409) (directory/directory.db.test.ts)',
  changeDirectoryTerm:
    "directory.edit_all; the term is looked up by code within the caller's tenant (404 otherwise), built-in terms are refused (400) (directory/directory.db.test.ts)",
  setSupplyTarget:
    "supply.configure of the own tenant; the service type is looked up in the caller's tenant (404 otherwise); every indicator in the body must be a count the caller may read in her tenant, else 400 naming it and nothing written (network/network-and-supply.db.test.ts)",
  setSupplyResidents:
    "supply.configure of the own tenant; the indicator in the body must be a count the caller may read in her tenant: another tenant's id answers 400 with the same words as an unknown one, a share is 400, nothing written (supply/residents.db.test.ts)",
  storeSupplyIndicator:
    "supply.configure of the own tenant; the service type is looked up in the caller's tenant (404 otherwise); the department in the body must exist in the caller's tenant (400) and the indicator must be hers to edit (indicators policy, 403); counts only public entries and public population (network/network-and-supply.db.test.ts)",
  createAssessment:
    "area and organisation in the body must be of the caller's tenant (400, same words for unknown); the organisation must be her own unless assessments.write_all (403); nothing written (assessments/assessments.db.test.ts)",
  replaceAssessment:
    "only the author (while she may write for its organisation) or assessments.write_all (403); the body's ids as for createAssessment; another tenant's id answers 404 (assessments/assessments.db.test.ts)",
  withdrawAssessment:
    "only the author or assessments.write_all (403); another tenant's id answers 404 (assessments/assessments.db.test.ts)",
  createMeasure:
    "department, organisations, areas, indicators, parent and the alert named in the body are checked: another department's → 403, unknown or unreadable ids → 400 with the same words, nothing written; a point or line must lie inside the measure's areas (measures/measures.db.test.ts, measures-lifecycle.db.test.ts)",
  updateMeasure:
    "the measure's current and new department must be the caller's unless measures.edit_all (403); the body's ids as for createMeasure; another tenant's id answers 404 like an unknown one (measures/measures.db.test.ts)",
  deleteMeasure:
    "the measure's department must be the caller's unless measures.edit_all (403); refused with 409 while money is booked on it or it has sub-measures; another tenant's id answers 404 like an unknown one (measures/measures-lifecycle.db.test.ts)",
  submitParticipationReport:
    'creates a report of the caller; the point must lie in the own tenant (participation.db.test.ts)',
  supportParticipationReport:
    "a public report of the caller's tenant only (id of another tenant: 404); one per device",
  flagParticipationReport:
    "a report of the caller's tenant only (id of another tenant: 404); one per device",
  confirmParticipationEmail: 'a one-time token',
  deleteParticipationReport: 'the deletion code handed to the author; a wrong code is a 404',
  addParticipationPhoto:
    'the deletion code handed to the author; a wrong code is a 404 (participation/photos.db.test.ts)',
  removeParticipationPhoto:
    "participation.moderate of the own tenant; the photo must belong to the named report of the caller's tenant (404 otherwise: participation/photo-removal.db.test.ts)",
  addParticipationComment:
    "a visible report of the caller's tenant only (another tenant's id: 404); comments must be switched on (participation/comments.db.test.ts)",
  flagParticipationComment:
    "a comment of the caller's tenant only (another tenant's id: 404); one per device",
  moderateParticipationComment:
    "participation.moderate of the own tenant; comments of the caller's tenant only",
  getOwnParticipationReport:
    'reads only: the deletion code handed to the author; a wrong code is a 404',
  moderateParticipationReport:
    "participation.moderate of the own tenant; reports of the caller's tenant only",
  answerParticipationReport:
    "participation.answer of the own tenant; reports of the caller's tenant only",
  updateParticipationSettings: 'tenant-wide setting, participation.configure only',
  open311SubmitRequest:
    "creates a report of the caller's tenant; the api_key is looked up within that tenant only (another tenant's key: 403) and the point must lie in it (open311.db.test.ts)",
  createOpen311Key: 'tenant-wide setting, participation.configure of the own tenant',
  revokeOpen311Key:
    "participation.configure of the own tenant; keys are looked up within the caller's tenant, so another tenant's id answers 404 like an unknown one (tested with an unknown id: open311.db.test.ts)",
  setFundingProgrammeAreas:
    "funding.edit of the own tenant; the programme is a catalogue entry, every area id in the body must be an area of the caller's tenant, else 400 and nothing written (funding/funding.db.test.ts)",
  importFundingEntries:
    "funding.edit of the own tenant; area codes in the file are resolved within the caller's tenant only, unknown ones refuse the whole file; measures (id or title) only among the measures the importer may read, others are row errors (funding/funding.db.test.ts, funding/transparency.db.test.ts)",
  setFundingSettings:
    "funding.edit of the own tenant; the settings row is the caller's tenant's, a residents indicator must be one the caller may read, else 400 (funding/transparency.db.test.ts)",
  createNetworkLink:
    "both organisation ids in the body must be of the caller's tenant (else 400, nothing written) and one of them her own unless network.edit_all (403): network/network-and-supply.db.test.ts",
  deleteNetworkLink:
    "links of the caller's tenant only (another tenant's id: 404); one of its organisations must be her own unless network.edit_all (403): network/network-and-supply.db.test.ts",
  setNetworkWorkAreas:
    "the organisation must be of the caller's tenant (404) and her own unless network.edit_all (403); every area id in the body must be the tenant's (400): network/network-and-supply.db.test.ts",
  answerSurvey:
    "an open survey of the caller's tenant only (another tenant's id: 404); the area answer must be an area of the survey's picker level, checked by core against the tenant's areas (400); one response per browser or account (409) (surveys/surveys.db.test.ts)",
  createSurvey:
    "surveys.edit of the own tenant; the area id and picker level in the body must be the caller's tenant's, else 400 and nothing written (surveys/surveys.db.test.ts)",
  updateSurvey:
    "surveys.edit of the own tenant; another tenant's survey id answers 404; area and picker level checked as for createSurvey (surveys/surveys.db.test.ts)",
  setSurveyStatus:
    "surveys.edit of the own tenant; another tenant's survey id answers 404 (surveys/surveys.db.test.ts)",
  moderateSurveyFreeText:
    "surveys.edit of the own tenant; the response must belong to the named survey of the caller's tenant (404), the question must be a free-text question of it (400) (surveys/moderation.db.test.ts)",
  createSurveyIndicator:
    "surveys.edit of the own tenant; question and option must be the survey's (400), the department must exist (400) and be one the caller may write indicators for (indicators policy, 403) (surveys/surveys.db.test.ts)",
};

const SECRET = 'health_secret';

async function insertTargets(): Promise<void> {
  await db.exec(`
    INSERT INTO indicator (tenant_id, id, name_de, name_en, short_de, definition_de, unit, kind, scale, dimension,
                           polarity, department, source_id, decimals, visibility, sort_key) VALUES
      ('berlin', '${SECRET}', 'Gesundheit geheim', 'Health secret', NULL, 'Nur Gesundheitsplanung', 'percent', 'share', 100,
       'health', 'higher_is_worse', 'gesundheit', 'afs', 1, 'department', 20);
    INSERT INTO tenant (id, ags, name) VALUES ('leipzig', '14713000', 'Leipzig');
    INSERT INTO department (tenant_id, id, name) VALUES ('leipzig', 'sozialplanung', 'Sozialamt Leipzig');
  `);
  // a custom role that edits indices without reading other departments' indicators
  await db.exec(`
    INSERT INTO role (tenant_id, id, name_de, description_de, builtin) VALUES
      ('berlin', 'index_editor', 'Indexpflege', 'Test', false);
    INSERT INTO role_permission (tenant_id, role_id, permission_id) VALUES
      ('berlin', 'index_editor', 'indicators.read'), ('berlin', 'index_editor', 'monitoring.read'),
      ('berlin', 'index_editor', 'monitoring.edit');
  `);
}

const PLANNER_EMAIL = 'planerin@berlin.example';
const as = async (
  roles: string[],
  departmentId: string | null,
  tenantId = 'berlin',
  email?: string,
) =>
  injectAs(
    app,
    await tokenHeaders(
      db,
      await createTestUser(db, { roles, departmentId, tenantId, ...(email ? { email } : {}) }),
    ),
  );

beforeAll(async () => {
  db = await createTestDb();
  await insertFixture(db);
  app = await buildApp(testContext(db), { validateResponses: true, warmCaches: false });
  await app.ready();
  await insertTargets();
  planner = await as(['department_planner'], 'sozialplanung', 'berlin', PLANNER_EMAIL);
  plannerColleague = await as(['department_planner'], 'sozialplanung');
  owner = await as(['department_planner'], 'gesundheit');
  leipzigAdmin = await as(['administrator'], 'sozialplanung', 'leipzig');
  indexEditor = await as(['index_editor'], 'sozialplanung');
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Rows that must not change when a request is refused. */
async function snapshot() {
  return {
    indicators: await db.query(
      'SELECT tenant_id, id, name_de, department, visibility, source_id FROM indicator ORDER BY tenant_id, id',
    ),
    sources: await db.query('SELECT * FROM source ORDER BY tenant_id, id'),
    observations: await db.query('SELECT count(*)::int AS n FROM observation'),
    rules: await db.query('SELECT * FROM alert_rule ORDER BY id'),
    audit: await db.query('SELECT count(*)::int AS n FROM audit_log'),
  };
}

const CSV = Buffer.from(
  'PLR;Stichtag;Wert\r\n01100101;31.12.2025;12,5\r\n01100102;31.12.2025;7,5\r\n02100101;31.12.2025;3,0\r\n02100102;31.12.2025;1,0\r\n',
  'latin1',
);
const SOURCE = {
  title: 'Eigene Erhebung',
  publisher: 'Sozialplanung',
  licence: 'dl-de/by-2-0',
  attribution: 'Sozialplanung Berlin',
};

async function upload(api: ReturnType<typeof injectAs>): Promise<string> {
  const res = await api({
    method: 'POST',
    url: '/api/imports/analyze',
    ...multipart([{ name: 'werte.csv', content: CSV }]),
  });
  expect(res.statusCode).toBe(200);
  return res.json().uploadId as string;
}

function runBody(indicatorId: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'table',
    dryRun: false,
    systemId: 'lor2021',
    levelId: 'plr',
    mapping: {
      layout: 'wide',
      areaColumn: 'PLR',
      areaKey: 'code',
      date: { column: 'Stichtag' },
      indicators: [{ column: 'Wert', indicatorId }],
    },
    ...extra,
  };
}

async function runImport(
  api: ReturnType<typeof injectAs>,
  body: Record<string, unknown>,
  uploadId?: string,
): Promise<LightMyRequestResponse> {
  const id = uploadId ?? (await upload(api));
  return api({ method: 'POST', url: `/api/imports/${id}/run`, payload: body });
}

const newIndicator = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  nameDe: 'Neuer Wert',
  unit: 'percent',
  dimension: 'health',
  polarity: 'higher_is_worse',
  ...extra,
});

describe('every writing route is classified', () => {
  it('names each POST/PUT/PATCH/DELETE route with its cases or the reason it targets no foreign record', () => {
    const writing = app.sozialraumOpenApi.routes
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method))
      .map((r) => r.operationId);
    expect(writing.length).toBeGreaterThan(20);
    const unclassified = writing.filter((id) => !(id in WRITE_ROUTES));
    const stale = Object.keys(WRITE_ROUTES).filter((id) => !writing.includes(id));
    expect({ unclassified, stale }).toEqual({ unclassified: [], stale: [] });
  });
});

describe('import targets', () => {
  it('refuses a new indicator whose id is another department’s indicator, and changes nothing (issue 8 § 1)', async () => {
    const before = await snapshot();
    const res = await runImport(
      planner,
      runBody(SECRET, {
        newIndicators: [newIndicator(SECRET, { department: 'sozialplanung' })],
        source: SOURCE,
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'failed', rowsWritten: 0 });
    expect(res.json().errors[0].message).toBe(
      `Die Kennung „${SECRET}“ ist schon vergeben. Bitte für den neuen Indikator eine andere Kennung wählen.`,
    );
    expect(JSON.stringify(res.json())).not.toContain('gesundheit');
    const after = await snapshot();
    expect(after.indicators).toEqual(before.indicators);
    expect(after.observations).toEqual(before.observations);
  });

  it('gives the owner her existing indicator unchanged instead of overwriting its metadata', async () => {
    const before = await db.query(`SELECT name_de, visibility FROM indicator WHERE id = $1`, [
      SECRET,
    ]);
    const res = await runImport(
      owner,
      runBody(SECRET, {
        newIndicators: [newIndicator(SECRET, { nameDe: 'Überschrieben?' })],
        source: SOURCE,
      }),
    );
    expect(res.json()).toMatchObject({ status: 'succeeded', rowsWritten: 4 });
    expect(res.json().warnings.join(' ')).toContain('seine Beschreibung bleibt unverändert');
    expect(
      await db.query(`SELECT name_de, visibility FROM indicator WHERE id = $1`, [SECRET]),
    ).toEqual(before);
  });

  it('refuses new indicators for another department', async () => {
    const before = await snapshot();
    const res = await runImport(
      planner,
      runBody('fremd_neu', {
        newIndicators: [newIndicator('fremd_neu', { department: 'gesundheit' })],
        source: SOURCE,
      }),
    );
    expect(res.json().status).toBe('failed');
    expect(res.json().errors[0].message).toContain(
      'für die eigene Abteilung „sozialplanung“ an, nicht für „gesundheit“',
    );
    expect((await snapshot()).indicators).toEqual(before.indicators);
  });

  it('treats an indicator the importer may not read as unknown: no value written, no owner named', async () => {
    const before = await snapshot();
    const secret = await runImport(planner, runBody(SECRET));
    const unknown = await runImport(planner, runBody('gibt_es_nicht'));
    expect(secret.json().status).toBe('failed');
    // the same answer for "not yours" and "does not exist"
    const words = (r: LightMyRequestResponse, id: string) =>
      JSON.stringify({ ...r.json(), importId: undefined }).replaceAll(id, 'ID');
    expect(words(secret, SECRET)).toBe(words(unknown, 'gibt_es_nicht'));
    expect((await snapshot()).observations).toEqual(before.observations);
  });

  it('refuses values into a readable indicator of another department, naming the owner', async () => {
    const res = await runImport(planner, runBody('internal_note'));
    expect(res.json().status).toBe('failed');
    expect(res.json().errors[0].message).toContain('gehört der Abteilung „gesundheit“');
    // ADR 0012: also the importer's own department and the permission for all departments
    expect(res.json().errors[0].message).toContain(
      'Sie schreiben für die Abteilung „sozialplanung“ (für alle Abteilungen braucht es die Berechtigung „indicators.edit_all“)',
    );
  });

  it('creates new indicators internal, owned by the importer’s department, audited with both (issue 8 § 5)', async () => {
    const res = await runImport(
      planner,
      runBody('eigener_neu', { newIndicators: [newIndicator('eigener_neu')], source: SOURCE }),
    );
    expect(res.json().status).toBe('succeeded');
    expect(
      await db.query(`SELECT department, visibility FROM indicator WHERE id = 'eigener_neu'`),
    ).toEqual([{ department: 'sozialplanung', visibility: 'internal' }]);
    const [entry] = await db.query<{ detail: { createdIndicators: unknown } }>(
      `SELECT detail FROM audit_log WHERE action = 'import.observations' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry!.detail.createdIndicators).toEqual([
      { id: 'eigener_neu', department: 'sozialplanung', visibility: 'internal' },
    ]);
    // the public does not see it until someone publishes it
    const anon = await app.inject({ url: '/api/indicators/eigener_neu' });
    expect(anon.statusCode).toBe(404);
  });
});

describe('sources', () => {
  it('never rewrites an existing source through an import; it is referenced as it is (issue 8 § 2)', async () => {
    const before = await db.query(`SELECT * FROM source WHERE id = 'afs'`);
    const res = await runImport(
      planner,
      runBody('mit_quelle', {
        newIndicators: [newIndicator('mit_quelle')],
        source: { ...SOURCE, id: 'afs', title: 'Übernommen', licence: 'proprietär' },
      }),
    );
    expect(res.json().status).toBe('succeeded');
    expect(res.json().warnings.join(' ')).toContain('Die Quelle „afs“ gibt es schon');
    expect(await db.query(`SELECT * FROM source WHERE id = 'afs'`)).toEqual(before);
    expect(await db.query(`SELECT source_id FROM indicator WHERE id = 'mit_quelle'`)).toEqual([
      { source_id: 'afs' },
    ]);
  });

  it('adds a variant instead of overwriting when a new source’s title slug is taken by another source', async () => {
    const res = await runImport(
      planner,
      runBody('slug_quelle', {
        newIndicators: [newIndicator('slug_quelle')],
        source: { ...SOURCE, title: 'Einwohnerregister', licence: 'anders' },
      }),
    );
    expect(res.json().status).toBe('succeeded');
    const [row] = await db.query<{ source_id: string }>(
      `SELECT source_id FROM indicator WHERE id = 'slug_quelle'`,
    );
    expect(row!.source_id).toBe('einwohnerregister');
    const again = await runImport(
      planner,
      runBody('slug_quelle2', {
        newIndicators: [newIndicator('slug_quelle2')],
        source: { ...SOURCE, title: 'Einwohnerregister', licence: 'noch anders' },
      }),
    );
    expect(again.json().status).toBe('succeeded');
    const rows = await db.query<{ id: string; licence: string }>(
      `SELECT id, licence FROM source WHERE id LIKE 'einwohnerregister%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'einwohnerregister', licence: 'anders' },
      { id: 'einwohnerregister_2', licence: 'noch anders' },
    ]);
  });

  it('changes a source only with sources.edit, audited with before and after', async () => {
    const refused = await planner({
      method: 'PATCH',
      url: '/api/sources/afs',
      payload: { licence: 'proprietär' },
    });
    expect(refused.statusCode).toBe(403);
    const steward = await as(['data_steward'], 'sozialplanung');
    const res = await steward({
      method: 'PATCH',
      url: '/api/sources/afs',
      payload: { notes: 'geprüft 2026' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().notes).toBe('geprüft 2026');
    const [entry] = await db.query<{ detail: unknown; permission: string }>(
      `SELECT detail, permission FROM audit_log WHERE action = 'sources.update' AND entity_id = 'afs'`,
    );
    expect(entry).toEqual({
      detail: { notes: { before: null, after: 'geprüft 2026' } },
      permission: 'sources.edit',
    });
    const other = await leipzigAdmin({
      method: 'PATCH',
      url: '/api/sources/afs',
      payload: { notes: 'aus Leipzig' },
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('uploads (issue 8 § 4)', () => {
  it('exist only for the person and tenant that uploaded them', async () => {
    const id = await upload(planner);
    for (const stranger of [plannerColleague, leipzigAdmin]) {
      const run = await stranger({
        method: 'POST',
        url: `/api/imports/${id}/run`,
        payload: runBody('ewr_total', { dryRun: true }),
      });
      expect(run.statusCode).toBe(404);
      expect((await stranger({ url: `/api/imports/${id}/events` })).statusCode).toBe(404);
      expect((await stranger({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(
        404,
      );
    }
    // still there for its owner
    const own = await planner({
      method: 'POST',
      url: `/api/imports/${id}/run`,
      payload: runBody('share_unemployed', { dryRun: true }),
    });
    expect(own.statusCode).toBe(200);
    expect((await planner({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(200);
  });
});

describe('alert rules (issue 8 § 3)', () => {
  const rule = (id: string, indicatorIds: string[]) => ({
    id,
    nameDe: 'Test',
    department: 'sozialplanung',
    kind: 'indicator_change',
    params: { indicatorIds },
  });
  const swap = (r: LightMyRequestResponse, id: string) => r.body.replaceAll(id, 'ID');

  it('refuses a rule on an indicator the creator may not read with the answer for an unknown one', async () => {
    const before = await snapshot();
    const secret = await planner({
      method: 'POST',
      url: '/api/alert-rules',
      payload: rule('r1', [SECRET]),
    });
    const unknown = await planner({
      method: 'POST',
      url: '/api/alert-rules',
      payload: rule('r1', ['gibt_es_nicht']),
    });
    expect(secret.statusCode).toBe(400);
    expect(swap(secret, SECRET)).toBe(swap(unknown, 'gibt_es_nicht'));
    expect((await snapshot()).rules).toEqual(before.rules);
  });

  it('refuses such an indicator when an own rule’s parameters are changed', async () => {
    const created = await planner({
      method: 'POST',
      url: '/api/alert-rules',
      payload: rule('eigene', ['share_unemployed']),
    });
    expect(created.statusCode).toBe(201);
    const res = await planner({
      method: 'PATCH',
      url: '/api/alert-rules/eigene',
      payload: { params: { indicatorIds: ['share_unemployed', SECRET] } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('unbekannte Indikatoren');
  });

  it('hides other departments’ rules on unreadable indicators from the list, PATCH and the detection answer', async () => {
    const created = await owner({
      method: 'POST',
      url: '/api/alert-rules',
      payload: { ...rule('gesundheit-geheim', [SECRET]), department: 'gesundheit' },
    });
    expect(created.statusCode).toBe(201);
    const list = (await planner('/api/alert-rules')).json() as { id: string }[];
    expect(list.map((r) => r.id)).not.toContain('gesundheit-geheim');
    expect((await owner('/api/alert-rules')).body).toContain('gesundheit-geheim');
    const patch = await planner({
      method: 'PATCH',
      url: '/api/alert-rules/gesundheit-geheim',
      payload: { nameDe: 'x' },
    });
    const patchUnknown = await planner({
      method: 'PATCH',
      url: '/api/alert-rules/keine-regel',
      payload: { nameDe: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect(swap(patch, 'gesundheit-geheim')).toBe(swap(patchUnknown, 'keine-regel'));
    const detect = await planner({ method: 'POST', url: '/api/alerts/detect', payload: {} });
    expect(detect.statusCode).toBe(200);
    expect(detect.body).not.toContain(SECRET);
    expect(detect.body).not.toContain('gesundheit-geheim');
    const ownDetect = await owner({ method: 'POST', url: '/api/alerts/detect', payload: {} });
    expect(ownDetect.body).toContain('gesundheit-geheim');
  });

  it('refuses subscriptions to an unreadable indicator or rule like unknown ones', async () => {
    // subscriptions go to the own address
    const sub = (payload: Record<string, unknown>) =>
      planner({
        method: 'POST',
        url: '/api/alert-subscriptions',
        payload: { email: PLANNER_EMAIL, ...payload },
      });
    const secret = await sub({ indicatorId: SECRET });
    const unknown = await sub({ indicatorId: 'gibt_es_nicht' });
    expect(secret.statusCode).toBe(400);
    expect(swap(secret, SECRET)).toBe(swap(unknown, 'gibt_es_nicht'));
    const secretRule = await sub({ ruleId: 'gesundheit-geheim' });
    expect(secretRule.statusCode).toBe(400);
    expect(swap(secretRule, 'gesundheit-geheim')).toBe(
      swap(await sub({ ruleId: 'keine-regel' }), 'keine-regel'),
    );
  });
});

describe('alerts', () => {
  it('answers a status change of an alert about an unreadable indicator like an unknown alert', async () => {
    const [area] = await db.query<{ id: number }>(`SELECT id FROM area WHERE code = '01100101'`);
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO alert (tenant_id, rule_id, kind, area_id, indicator_id, ref_date, previous_date, severity, explanation_de, details)
       VALUES ('berlin', 'gesundheit-geheim', 'indicator_change', $1, $2, '2025-12-31', '2024-12-31', 1, 'GEHEIM', '{}')
       RETURNING id`,
      [area!.id, SECRET],
    );
    const res = await planner({
      method: 'PATCH',
      url: `/api/alerts/${row!.id}`,
      payload: { status: 'seen' },
    });
    expect(res.statusCode).toBe(404);
    expect(swap404(res, row!.id)).toBe(
      swap404(
        await planner({ method: 'PATCH', url: '/api/alerts/999999', payload: { status: 'seen' } }),
        999999,
      ),
    );
    expect((await planner('/api/alerts')).body).not.toContain('GEHEIM');
    expect((await owner('/api/alerts')).body).toContain('GEHEIM');
  });
});
const swap404 = (r: LightMyRequestResponse, id: number) => r.body.replaceAll(String(id), 'ID');

describe('index definitions', () => {
  const definition = (id: string, inputs: string[]) => ({
    id,
    label: 'Test',
    status: {
      label: 'Status-Index',
      inputs: inputs.map((indicatorId) => ({
        indicatorId,
        label: indicatorId,
        direction: 'higher_is_worse',
      })),
      standardisation: 'zscore',
      combination: 'sum',
      restandardise: false,
      classes: {
        kind: 'fixed',
        boundaries: [
          { value: -1, onBoundary: 'upper' },
          { value: 1, onBoundary: 'lower' },
        ],
        classes: [
          { code: 'g', label: 'günstig' },
          { code: 'm', label: 'mittel' },
          { code: 'u', label: 'ungünstig' },
        ],
      },
    },
    validity: { exclusions: [] },
  });

  it('refuses an input the author may not read with the answer for an unknown one', async () => {
    const secret = await indexEditor({
      method: 'POST',
      url: '/api/indices/preview',
      payload: {
        definition: definition('x', ['share_unemployed', SECRET]),
        system: 'lor2021',
        level: 'plr',
        date: '2023-12-31',
      },
    });
    const unknown = await indexEditor({
      method: 'POST',
      url: '/api/indices/preview',
      payload: {
        definition: definition('x', ['share_unemployed', 'gibt_es_nicht']),
        system: 'lor2021',
        level: 'plr',
        date: '2023-12-31',
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_indicator');
    expect(secret.statusCode).toBe(400);
    expect(secret.body.replaceAll(SECRET, 'ID')).toBe(
      unknown.body.replaceAll('gibt_es_nicht', 'ID'),
    );
  });
});
