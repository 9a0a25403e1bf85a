// `sozialraum admin create` and `sozialraum audit verify`. No default password ever: a new
// administrator gets a one-time link to set their own password (ADR 0007).
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import { prepareDb } from '../../serve.ts';
import { verifyAuditChain, writeAudit } from '../audit/index.ts';
import { ensureTenant } from '../ingest/index.ts';
import { createUser } from './service.ts';
import { setTenantParent, tenantExists } from './store.ts';

export const ADMIN_HELP = `sozialraum admin create --email <Adresse> --name <Name> [--department <id>] [--tenant <id>]

Legt eine Person mit der Rolle Administration an und gibt einen Einmal-Link aus, mit dem sie ihr
Passwort selbst setzt (7 Tage gültig). Es gibt kein voreingestelltes Passwort.`;

export async function runAdminCli(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    console.log(ADMIN_HELP);
    return sub === undefined || sub === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      tenant: { type: 'string' },
    },
  });
  if (!values.email || !values.name) {
    console.error(`--email und --name sind nötig.\n\n${ADMIN_HELP}`);
    return 2;
  }
  const db = await prepareDb({ ...config, loadDemo: false }, () => {});
  try {
    const tenantId = values.tenant ?? config.tenantId;
    const { user, setupLink } = await createUser(
      db,
      config,
      tenantId,
      {
        email: values.email,
        displayName: values.name,
        departmentId: values.department ?? null,
        roles: ['administrator'],
      },
      { actor: 'cli' },
    );
    console.log(
      `Administration angelegt: ${user.displayName} <${user.email}> im Mandanten „${tenantId}“.`,
    );
    console.log(
      `Passwort setzen (einmalig, gültig bis ${setupLink.expiresAt.toLocaleString('de-DE')}):`,
    );
    console.log(`  ${setupLink.url}`);
    return 0;
  } finally {
    await db.close();
  }
}

export const TENANT_HELP = `sozialraum tenant create --id <id> --ags <AGS> --name <Name> [--parent <id>]

Legt einen weiteren Mandanten an (z. B. eine Gemeinde eines Kreises; --parent nennt den Kreis), mit
den eingebauten Rollen und Standard-Abteilungen. Danach: sozialraum admin create --tenant <id> …`;

export async function runTenantCli(args: string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    console.log(TENANT_HELP);
    return sub === undefined || sub === '--help' ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      id: { type: 'string' },
      ags: { type: 'string' },
      name: { type: 'string' },
      parent: { type: 'string' },
    },
  });
  if (!values.id || !values.ags || !values.name) {
    console.error(`--id, --ags und --name sind nötig.\n\n${TENANT_HELP}`);
    return 2;
  }
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(values.id) || !/^[0-9]{2,12}$/.test(values.ags)) {
    console.error(
      '--id: Kleinbuchstaben, Ziffern, - und _; --ags: 2–12 Ziffern (Amtlicher Gemeindeschlüssel).',
    );
    return 2;
  }
  const db = await prepareDb({ ...config, loadDemo: false }, () => {});
  try {
    await db.transaction(async (tx) => {
      if (await tenantExists(tx, values.id!))
        throw new Error(`Den Mandanten „${values.id}“ gibt es schon.`);
      if (values.parent) {
        if (!(await tenantExists(tx, values.parent)))
          throw new Error(`Den übergeordneten Mandanten „${values.parent}“ gibt es nicht.`);
      }
      await ensureTenant(tx, values.id!, values.ags!, values.name!);
      await setTenantParent(tx, values.id!, values.parent ?? null);
      await writeAudit(tx, values.id!, {
        actor: 'cli',
        action: 'access.tenant_created',
        entity: 'tenant',
        entityId: values.id!,
        detail: { ags: values.ags, name: values.name, parent: values.parent ?? null },
      });
    });
    console.log(`Mandant „${values.id}“ (${values.name}, AGS ${values.ags}) angelegt.`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function runAuditCli(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'verify') {
    console.log(
      'sozialraum audit verify [--tenant <id>]   Hash-Kette des Änderungsprotokolls prüfen',
    );
    return args[0] === undefined ? 0 : 2;
  }
  const { values } = parseArgs({ args: args.slice(1), options: { tenant: { type: 'string' } } });
  const { openDb } = await import('../../db/db.ts');
  const { migrate } = await import('../../db/migrate.ts');
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  try {
    // Verify never seals: a row inserted past writeAudit must show up as unchained.
    await migrate(db);
    const report = await verifyAuditChain(db, values.tenant);
    for (const t of report.tenants)
      console.log(`Mandant ${t.tenantId}: ${t.entries.toLocaleString('de-DE')} Einträge geprüft.`);
    if (report.problems.length === 0) {
      console.log('Die Hash-Kette ist vollständig und unverändert.');
      return 0;
    }
    console.error(`${report.problems.length} Problem(e) gefunden:`);
    for (const p of report.problems)
      console.error(
        `  Mandant ${p.tenantId}, Nr. ${p.seq ?? '–'} (id ${p.id ?? '–'}): ${p.problem}`,
      );
    return 1;
  } finally {
    await db.close();
  }
}
