// Change signals between modules (issue 12 § 3: supply indicators "recomputed when the directory or
// the population changes"). A module that changed data says so after its transaction committed;
// modules that keep something derived listen. Listeners are kept per database object, so several
// test apps in one process never hear each other. In-process only: a listener that must survive a
// restart starts a job (modules/jobs), which the runner records and resumes.
import type { Db } from '../../db/db.ts';

/** What changed: directory entries (services, places, locations, organisations), observations
 * (an import or an edit of indicator values), or the supply targets. */
export type ChangeTopic = 'directory' | 'observations' | 'supply-targets';

export type ChangeListener = (tenantId: string, topic: ChangeTopic) => void;

const listeners = new WeakMap<Db, Set<ChangeListener>>();

/** Tells the listeners of this database that a tenant's data of a topic changed (after commit). */
export function signalChange(db: Db, tenantId: string, topic: ChangeTopic): void {
  for (const l of listeners.get(db) ?? []) {
    try {
      l(tenantId, topic);
    } catch {
      // a listener's failure is its own; the write that signalled has already succeeded
    }
  }
}

/** Listens to the changes of one database; returns the function that stops listening. */
export function onChange(db: Db, listener: ChangeListener): () => void {
  const set = listeners.get(db) ?? new Set<ChangeListener>();
  listeners.set(db, set);
  set.add(listener);
  return () => set.delete(listener);
}
