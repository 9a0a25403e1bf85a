// Benchmark of issue 3 (section f): sign-in with argon2id and an authorised read under 32
// concurrent clients. The authorised read (a signed-in viewer's session cookie, and an API token)
// is reported as a ratio to the same route without sign-in, measured in the same run (goal ≥ 0.8).
// Sign-in is compared with plain argon2id verifications in a loop (its unavoidable cost).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../packages/server/src/db/db.ts';
import { RateLimit } from '../packages/server/src/modules/access/throttle.ts';
import { verifyPassword } from '../packages/server/src/modules/access/secrets.ts';
import {
  createTestUser,
  TEST_PASSWORD,
  tokenHeaders,
} from '../packages/server/src/testing/auth.ts';
import { de, load, VALUES_PATH, type LoadResult, type Section } from './run.ts';

export async function benchAccess(
  db: Db,
  app: FastifyInstance,
  base: string,
  loadSeconds: number,
): Promise<Section> {
  const clients = 32;
  console.log(`(f) Anmeldung und berechtigtes Lesen: ${clients} Clients je ${loadSeconds} s …`);
  const viewer = await createTestUser(db, {
    roles: ['viewer'],
    email: 'bench.viewer@berlin.example',
  });
  const login = await fetch(base + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: viewer.email, password: TEST_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in → ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const token = await tokenHeaders(db, viewer);
  const check = await fetch(base + VALUES_PATH, { headers: { cookie } });
  if (!check.ok) throw new Error(`authorised GET ${VALUES_PATH} → ${check.status}`);

  const ms = loadSeconds * 1000;
  // warm-up (JIT, caches), then five rounds of anonymous / session / token, interleaved so that
  // load from other processes on a shared machine hits all three alike; ratios per round, median.
  await load(base + VALUES_PATH, clients, 1000);
  await load(base + VALUES_PATH, clients, 1000, { headers: { cookie } });
  await load(base + VALUES_PATH, clients, 1000, { headers: token });
  const roundMs = Math.max(1000, Math.round(ms / 5));
  const rounds: { anonymous: LoadResult; session: LoadResult; apiToken: LoadResult }[] = [];
  for (let i = 0; i < 5; i++) {
    const anonymousRun = await load(base + VALUES_PATH, clients, roundMs);
    const sessionRun = await load(base + VALUES_PATH, clients, roundMs, { headers: { cookie } });
    const tokenRun = await load(base + VALUES_PATH, clients, roundMs, { headers: token });
    rounds.push({ anonymous: anonymousRun, session: sessionRun, apiToken: tokenRun });
  }
  const sum = (pick: (r: (typeof rounds)[number]) => LoadResult) =>
    rounds.reduce(
      (acc, r) => {
        const x = pick(r);
        return {
          requests: acc.requests + x.requests,
          errors: acc.errors + x.errors,
          seconds: acc.seconds + x.seconds,
          p50: Math.max(acc.p50, x.p50),
          p95: Math.max(acc.p95, x.p95),
          p99: Math.max(acc.p99, x.p99),
        };
      },
      { requests: 0, errors: 0, seconds: 0, p50: 0, p95: 0, p99: 0 },
    );
  const anonymous = sum((r) => r.anonymous);
  const session = sum((r) => r.session);
  const apiToken = sum((r) => r.apiToken);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rate = (r: LoadResult) => r.requests / r.seconds;
  const sessionRatio = median(rounds.map((r) => rate(r.session) / rate(r.anonymous)));
  const tokenRatio = median(rounds.map((r) => rate(r.apiToken) / rate(r.anonymous)));

  // The sign-in benchmark must measure argon2id, not the per-IP limit on anonymous writes.
  const access = app.sozialraumAccess;
  const limit = access.anonymousWrites;
  access.anonymousWrites = new RateLimit(Number.MAX_SAFE_INTEGER, 60_000);
  // sign-in: every request verifies argon2id (m = 19 MiB, t = 2, p = 1) and creates a session
  const signInBody = JSON.stringify({ email: viewer.email, password: TEST_PASSWORD });
  const signIn = await load(base + '/api/auth/login', clients, ms, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signInBody,
  });
  const [row] = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM app_user WHERE id = $1 AND tenant_id = $2',
    [viewer.id, viewer.tenantId],
  );
  let verified = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < ms / 2) {
    // four at a time, like the server: argon2 runs on the libuv thread pool (4 threads)
    await Promise.all(
      Array.from({ length: 4 }, () => verifyPassword(row!.password_hash, TEST_PASSWORD)),
    );
    verified += 4;
  }
  const verifyRate = verified / ((Date.now() - t0) / 1000);
  access.anonymousWrites = limit;
  await db.query('DELETE FROM user_session WHERE user_id = $1 AND tenant_id = $2', [
    viewer.id,
    viewer.tenantId,
  ]);

  const rps = rate;
  const anon = rps(anonymous);
  const lat = (x: number) => `${de(x, 1)} ms`;
  return {
    title: `f. Anmeldung und berechtigtes Lesen (${clients} Clients, je ${loadSeconds} s)`,
    rows: [
      [
        'Kartenwerte mit Sitzungs-Cookie: Anfragen/s',
        de(rps(session)),
        `ohne Anmeldung: ${de(anon)}`,
        `${de(sessionRatio, 2)}`,
      ],
      [
        'Kartenwerte mit API-Token: Anfragen/s',
        de(rps(apiToken)),
        `ohne Anmeldung: ${de(anon)}`,
        `${de(tokenRatio, 2)}`,
      ],
      [
        'Latenz p50 mit Sitzung',
        lat(session.p50),
        lat(anonymous.p50),
        `${de(session.p50 / anonymous.p50, 2)}×`,
      ],
      [
        'Latenz p99 mit Sitzung',
        lat(session.p99),
        lat(anonymous.p99),
        `${de(session.p99 / anonymous.p99, 2)}×`,
      ],
      [
        'Anmeldungen/s (argon2id + Sitzung)',
        de(rps(signIn), 1),
        `argon2id-Prüfungen/s allein: ${de(verifyRate, 1)}`,
        `${de(rps(signIn) / verifyRate, 2)}`,
      ],
      ['Anmeldung: Latenz p50 / p99', `${lat(signIn.p50)} / ${lat(signIn.p99)}`, '–', '–'],
      [
        'Fehler / Anfragen',
        `${session.errors + apiToken.errors + signIn.errors} / ${de(session.requests + apiToken.requests + signIn.requests)}`,
        `${anonymous.errors} / ${de(anonymous.requests)}`,
        '–',
      ],
    ],
    notes: [
      `\`GET ${VALUES_PATH}\` als angemeldete Person mit Rolle „Lesend“ (Sitzungs-Cookie bzw. \`Authorization: Bearer\`) gegen dieselbe Anfrage ohne Anmeldung; fünf Runden „ohne – Sitzung – Token“ nacheinander (Last anderer Prozesse trifft alle gleich), Verhältnis = Median der Runden, Anfragen/s = Summe der Runden. Ziel ≥ 0,8: ${sessionRatio >= 0.8 && tokenRatio >= 0.8 ? 'erreicht' : 'nicht erreicht'}.`,
      'Berechtigung je Anfrage: Sitzung/Token aus einem Speicher-Cache (30 s, bei Abmeldung, Passwort- und Rollenänderung sofort verworfen), Prüfung der Berechtigung und der Sichtbarkeit des Indikators; `last_seen_at` wird höchstens einmal je Minute geschrieben.',
      'Anmeldung: argon2id mit m = 19 MiB, t = 2, p = 1 (OWASP), richtige Zugangsdaten, die Begrenzung anonymer Schreibanfragen (30/min je IP) für diese Messung aufgehoben; Vergleich: dieselbe Prüfung in einer Schleife, vier parallel (wie der Thread-Pool des Servers), ohne HTTP und ohne Sitzung.',
    ],
  };
}
