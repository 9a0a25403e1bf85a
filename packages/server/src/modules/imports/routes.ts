// Import routes (upload, analyse, dry run, run, progress). Owned by the imports module.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';

/** Registers the import routes. */
export async function registerImportRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {
  // filled in by the imports module
}
