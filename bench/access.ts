// Benchmark of issue 3 (section f): sign-in with argon2id and an authorised read under 32
// concurrent clients. The authorised read (a signed-in viewer's session cookie, and an API token)
// is reported as a ratio to the same route without sign-in, measured in the same run (goal ≥ 0.8).
// Sign-in is compared with plain argon2id verifications in a loop (its unavoidable cost).
import type { Db } from '../packages/server/src/db/db.ts';
import { verifyPassword } from '../packages/server/src/modules/access/secrets.ts';
import {
  createTestUser,
  TEST_PASSWORD,
  tokenHeaders,
} from '../packages/server/src/testing/auth.ts';
import { de, load, VALUES_PATH, type LoadResult, type Section } from './run.ts';

export async function benchAccess(db: Db, base: string, loadSeconds: number): Promise<Section> {
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
  // warm-up (JIT, caches), then the measured runs, alternating so drift hits both alike
  await load(base + VALUES_PATH, clients, 1000);
  await load(base + VALUES_PATH, clients, 1000, { headers: { cookie } });
  const anonymous = await load(base + VALUES_PATH, clients, ms);
  const session = await load(base + VALUES_PATH, clients, ms, { headers: { cookie } });
  const apiToken = await load(base + VALUES_PATH, clients, ms, { headers: token });
  const anonymous2 = await load(base + VALUES_PATH, clients, ms);

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
    // two at a time: the server also has the thread pool's parallelism for argon2
    await Promise.all([
      verifyPassword(row!.password_hash, TEST_PASSWORD),
      verifyPassword(row!.password_hash, TEST_PASSWORD),
    ]);
    verified += 2;
  }
  const verifyRate = verified / ((Date.now() - t0) / 1000);
  await db.query('DELETE FROM user_session WHERE user_id = $1 AND tenant_id = $2', [
    viewer.id,
    viewer.tenantId,
  ]);

  const rps = (r: LoadResult) => r.requests / r.seconds;
  const anon = (rps(anonymous) + rps(anonymous2)) / 2;
  const lat = (x: number) => `${de(x, 1)} ms`;
  return {
    title: `f. Anmeldung und berechtigtes Lesen (${clients} Clients, je ${loadSeconds} s)`,
    rows: [
      [
        'Kartenwerte mit Sitzungs-Cookie: Anfragen/s',
        de(rps(session)),
        `ohne Anmeldung: ${de(anon)}`,
        `${de(rps(session) / anon, 2)}`,
      ],
      [
        'Kartenwerte mit API-Token: Anfragen/s',
        de(rps(apiToken)),
        `ohne Anmeldung: ${de(anon)}`,
        `${de(rps(apiToken) / anon, 2)}`,
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
        `${anonymous.errors + anonymous2.errors} / ${de(anonymous.requests + anonymous2.requests)}`,
        '–',
      ],
    ],
    notes: [
      `\`GET ${VALUES_PATH}\` als angemeldete Person mit Rolle „Lesend“ (Sitzungs-Cookie bzw. \`Authorization: Bearer\`) gegen dieselbe Anfrage ohne Anmeldung; Ohne-Anmeldung-Wert = Mittel aus einem Lauf vor und einem nach den angemeldeten Läufen. Ziel ≥ 0,8: ${rps(session) / anon >= 0.8 && rps(apiToken) / anon >= 0.8 ? 'erreicht' : 'nicht erreicht'}.`,
      'Berechtigung je Anfrage: Sitzung/Token aus einem Speicher-Cache (30 s, bei Abmeldung, Passwort- und Rollenänderung sofort verworfen), Prüfung der Berechtigung und der Sichtbarkeit des Indikators; `last_seen_at` wird höchstens einmal je Minute geschrieben.',
      'Anmeldung: argon2id mit m = 19 MiB, t = 2, p = 1 (OWASP); Vergleich: dieselbe Prüfung in einer Schleife, zwei parallel, ohne HTTP und ohne Sitzung.',
    ],
  };
}
