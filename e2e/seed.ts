// Puts the e2e people into the server's database (the server's own test helper, then name and
// password) and makes one demo indicator internal through the real API as the administrator.
import type { Db } from '../packages/server/src/db/db.ts';
import { createTestUser } from '../packages/server/src/testing/auth.ts';
import { hashPassword } from '../packages/server/src/modules/access/secrets.ts';
import { ADMIN, E2E_PASSWORD, E2E_PEOPLE, INTERNAL_INDICATOR } from './people.ts';

/** Creates the e2e people (idempotent: existing addresses are left alone). */
export async function seedPeople(db: Db): Promise<void> {
  const hash = await hashPassword(E2E_PASSWORD);
  for (const p of E2E_PEOPLE) {
    const exists = await db.query('SELECT 1 FROM app_user WHERE email = $1', [p.email]);
    if (exists.length) continue;
    const user = await createTestUser(db, {
      roles: p.roles,
      departmentId: p.departmentId,
      email: p.email,
    });
    await db.query('UPDATE app_user SET display_name = $2, password_hash = $3 WHERE id = $1', [
      user.id,
      p.displayName,
      hash,
    ]);
  }
}

/** Signs in as the administrator over HTTP and sets the visibility of INTERNAL_INDICATOR to internal. */
export async function makeIndicatorInternal(baseUrl: string): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: E2E_PASSWORD }),
  });
  if (!login.ok) throw new Error(`e2e: Anmeldung der Administration: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'Content-Type': 'application/json', cookie, 'X-CSRF-Token': csrfToken };
  const res = await fetch(`${baseUrl}/api/indicators/${INTERNAL_INDICATOR}`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ visibility: 'internal' }),
  });
  if (!res.ok)
    throw new Error(`e2e: ${INTERNAL_INDICATOR} intern stellen: ${res.status} ${await res.text()}`);
  await fetch(`${baseUrl}/api/auth/logout`, { method: 'POST', headers, body: '{}' });
}
