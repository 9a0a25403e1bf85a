// Puts the e2e people into the server's database (the server's own test helper, then name and
// password) and makes one demo indicator internal through the real API as the administrator.
import type { Db } from '../packages/server/src/db/db.ts';
import { createTestUser } from '../packages/server/src/testing/auth.ts';
import { hashPassword } from '../packages/server/src/modules/access/secrets.ts';
import {
  ADMIN,
  E2E_PASSWORD,
  E2E_PEOPLE,
  type E2ePerson,
  INTERNAL_INDICATOR,
  PROVIDER,
  PROVIDER_ORGANISATION,
} from './people.ts';

/** Creates the e2e people (idempotent: existing addresses are left alone). */
export async function seedPeople(db: Db): Promise<void> {
  await seedProviderOrganisation(db);
  await seedPersons(db, E2E_PEOPLE);
}

/**
 * Creates these e2e people without the demo's provider organisation (a server of a journey's own,
 * on an empty database); existing addresses are left alone.
 */
export async function seedPersons(db: Db, people: readonly E2ePerson[]): Promise<void> {
  const hash = await hashPassword(E2E_PASSWORD);
  for (const p of people) {
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

/** The Träger of PROVIDER as a department record (kind organisation), linked to its directory entry. */
async function seedProviderOrganisation(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO department (tenant_id, id, name, kind, org_type)
     VALUES ('berlin', $1, $2, 'organisation', 'Träger') ON CONFLICT DO NOTHING`,
    [PROVIDER.departmentId, PROVIDER_ORGANISATION],
  );
  const linked = await db.query(
    `UPDATE directory_organization SET department_id = $1 WHERE tenant_id = 'berlin' AND name = $2
     RETURNING id`,
    [PROVIDER.departmentId, PROVIDER_ORGANISATION],
  );
  if (linked.length !== 1)
    throw new Error(
      `e2e: Träger „${PROVIDER_ORGANISATION}“ im Angebotsverzeichnis: ${linked.length} Treffer`,
    );
}
