// Example cooperations of a demo (the Berlin seed's cooperations.json): links between organisations
// named by name, written inside the seed's transaction (the seed audits the whole load). Every
// name must match exactly one organisation of the directory (case-insensitive), else the load stops
// naming it — a renamed Träger in the source data shows up here, not as a silently thinner network.
import type { Sql } from '../../db/db.ts';
import * as store from './store.ts';

/** One example link: two organisation names, kind, Lebenslagen, period, what it is about. */
export interface DemoLink {
  a: string;
  b: string;
  kind: string;
  dimensions: readonly string[];
  validFrom: string | null;
  validTo: string | null;
  what: string;
}

/** Writes the example links (note: `<note>: <what>`); returns how many were new. */
export async function insertDemoLinks(
  tx: Sql,
  tenantId: string,
  links: readonly DemoLink[],
  note: string,
): Promise<number> {
  const names = [...new Set(links.flatMap((l) => [l.a, l.b]))];
  const rows = await store.selectOrganisationsByName(tx, tenantId, names);
  const idOf = (name: string): string => {
    const found = rows.filter((r) => r.name.toLowerCase() === name.toLowerCase());
    if (found.length !== 1)
      throw new Error(
        `Beispiel-Kooperationen: die Organisation „${name}“ ${found.length === 0 ? 'fehlt im' : 'ist mehrdeutig im'} Angebotsverzeichnis.`,
      );
    return found[0]!.id;
  };
  let written = 0;
  for (const l of links) {
    const [a, b] = [idOf(l.a), idOf(l.b)].sort();
    const id = await store.insertLink(tx, tenantId, {
      a: a!,
      b: b!,
      kind: l.kind,
      dimensions: l.dimensions,
      validFrom: l.validFrom,
      validTo: l.validTo,
      note: `${note}: ${l.what}`,
    });
    if (id !== null) written++;
  }
  return written;
}
