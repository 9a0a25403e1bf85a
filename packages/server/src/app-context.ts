import type { Config } from './config.ts';
import type { Db } from './db/db.ts';

/** What every module's routes and services get: the database, the tenant and the configuration. */
export interface AppContext {
  db: Db;
  tenantId: string;
  config: Config;
}
