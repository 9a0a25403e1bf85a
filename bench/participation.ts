// (j) Participation under load (issue 13 "Proof and load"): 1,000 report submissions at once against
// the embedded database — none lost, none 5xx, every accepted report stored exactly once — a flood
// from one address limited, and the throughput as a ratio to 1,000 bare GET /api/health in the
// same run. The per-address limits (10 reports per 10 minutes, 30 anonymous writes a minute) are
// what a real city sees from many residents, so the submissions come from 100 loopback addresses
// (127.0.1.1–127.0.1.100, ten each); Linux routes all of 127.0.0.0/8 to the loopback device.
import http from 'node:http';
import { solveChallenge } from '../packages/server/src/modules/participation/index.ts';
import type { Db } from '../packages/server/src/db/db.ts';
import { de, printSection, seconds, type Section } from './format.ts';

const REPORTS = 1000;
const ADDRESSES = 100;
// The client's proof of work is not what this measures (checking it is one hash on the server at any
// difficulty); 8 bits keep preparing 1,000 solutions under a second instead of about a minute.
const BENCH_DIFFICULTY = 8;
// A point in Berlin-Mitte, inside the municipality's area geometry.
const POINT = { lon: 13.4, lat: 52.52 };

interface Answer {
  status: number;
  body: string;
}

function send(
  base: string,
  path: string,
  opts: { method?: string; body?: string; localAddress?: string; agent: http.Agent },
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      base + path,
      {
        method: opts.method ?? 'GET',
        agent: opts.agent,
        localAddress: opts.localAddress,
        headers: opts.body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(opts.body);
  });
}

async function solvedBodies(base: string, agent: http.Agent, n: number, tag: string) {
  const bodies: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await send(base, '/api/participation/challenge', { agent });
    const { challenge } = JSON.parse(res.body) as { challenge: string };
    bodies.push(
      JSON.stringify({
        kind: 'hint',
        topic: 'housing',
        text: `Lasttest ${tag} Nr. ${i}: Der Spielplatz braucht Schatten.`,
        ...POINT,
        pow: { challenge, nonce: solveChallenge(challenge) },
      }),
    );
  }
  return bodies;
}

const count = (answers: Answer[], f: (s: number) => boolean) =>
  answers.filter((a) => f(a.status)).length;

/** Runs section j against a running app on the demo database; returns its table. */
export async function benchParticipation(db: Db, base: string, tenantId: string): Promise<Section> {
  if (!base.startsWith('http://127.0.0.1:')) throw new Error('Lasttests nur gegen 127.0.0.1');
  console.log('(j) Beteiligung: 1.000 Hinweise gleichzeitig …');
  await db.query(
    `INSERT INTO participation_settings (tenant_id, pow_difficulty) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET pow_difficulty = EXCLUDED.pow_difficulty`,
    [tenantId, BENCH_DIFFICULTY],
  );
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const tag = `j${Date.now()}`;
  const bodies = await solvedBodies(base, agent, REPORTS, tag);
  const floodBodies = await solvedBodies(base, agent, 30, `${tag}-flut`);

  // baseline: as many bare health requests, all at once, from the same addresses
  const healthStart = performance.now();
  const health = await Promise.all(
    Array.from({ length: REPORTS }, (_, i) =>
      send(base, '/api/health', { agent, localAddress: `127.0.1.${(i % ADDRESSES) + 1}` }),
    ),
  );
  const healthMs = performance.now() - healthStart;

  const start = performance.now();
  const answers = await Promise.all(
    bodies.map((body, i) =>
      send(base, '/api/participation/reports', {
        method: 'POST',
        body,
        agent,
        localAddress: `127.0.1.${(i % ADDRESSES) + 1}`,
      }),
    ),
  );
  const ms = performance.now() - start;

  // a flood: 30 more from one address that has not written yet
  const flood = await Promise.all(
    floodBodies.map((body) =>
      send(base, '/api/participation/reports', {
        method: 'POST',
        body,
        agent,
        localAddress: '127.0.2.1',
      }),
    ),
  );
  agent.destroy();

  const accepted = count(answers, (s) => s === 201);
  const stored = await db.query<{ n: number; distinct_texts: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT body)::int AS distinct_texts
       FROM participation_report WHERE tenant_id = $1 AND body LIKE $2`,
    [tenantId, `Lasttest ${tag} %`],
  );
  const floodAccepted = count(flood, (s) => s === 201);
  const storedAll = stored[0]!;
  const section: Section = {
    title: 'j. Beteiligung: 1.000 Hinweise gleichzeitig (PGlite)',
    rows: [
      [
        '1.000 Einreichungen gleichzeitig (100 Adressen)',
        seconds(ms),
        `1.000 × GET /api/health gleichzeitig: ${seconds(healthMs)}`,
        `${de(ms / healthMs, 1)}×`,
      ],
      [
        'Einreichungen je s',
        de(REPORTS / (ms / 1000)),
        `GET /api/health: ${de(REPORTS / (healthMs / 1000))} je s`,
        `${de(healthMs / ms, 3)}×`,
      ],
      [
        'angenommen (201) / 5xx / andere',
        `${accepted} / ${count(answers, (s) => s >= 500 || s === 0)} / ${count(answers, (s) => s !== 201 && s < 500 && s !== 0)}`,
        `health 200: ${count(health, (s) => s === 200)}`,
        accepted === REPORTS ? 'keiner verloren' : '**Verlust**',
      ],
      [
        'gespeichert (Zeilen / verschiedene Texte)',
        `${storedAll.n} / ${storedAll.distinct_texts}`,
        `angenommen: ${accepted}`,
        storedAll.n === accepted && storedAll.distinct_texts === accepted
          ? 'jeder genau einmal'
          : '**Abweichung**',
      ],
      [
        'Flut: 30 Einreichungen von einer Adresse',
        `${floodAccepted} angenommen, ${count(flood, (s) => s === 429)} × 429`,
        'Grenze: 10 je 10 Minuten',
        floodAccepted <= 10 ? 'begrenzt' : '**nicht begrenzt**',
      ],
    ],
    notes: [
      `Rechenaufgabe für den Lauf auf ${BENCH_DIFFICULTY} Bit gesetzt (Standard 16): gemessen wird der Server, der jede Lösung mit einem Hash prüft; die 1.030 Aufgaben werden vorher geholt und gelöst.`,
      'Jede Einreichung: Aufgabe verbrauchen, Punkt gegen die Gebietsgeometrie prüfen, kleinstes Gebiet bestimmen, speichern und protokollieren – in einer Transaktion.',
    ],
  };
  printSection(section);
  return section;
}
