// Client of the operating state and the client configuration; types from the contract.
import type * as c from '@sozialraum/contracts/health';
import type { z } from 'zod';
import { ApiError, request } from './http.ts';

export type Health = z.output<typeof c.healthSchema>;
/** GET /api/config; `{}` when the server has none (404). */
export type AppConfig = Partial<z.output<typeof c.clientConfigSchema>>;

export const healthApi = {
  health: () => request<Health>('/api/health'),
  /** Optional; a 404 means "no basemap configured". */
  config: async (): Promise<AppConfig> => {
    try {
      return await request<AppConfig>('/api/config');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return {};
      throw e;
    }
  },
};
