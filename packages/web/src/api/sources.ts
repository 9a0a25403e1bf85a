// Client of the sources capability (GET /api/sources, PATCH /api/sources/{id}); types from the contract.
import type * as c from '@sozialraum/contracts/sources';
import type { z } from 'zod';
import { enc, json, request } from './http.ts';

export type Source = z.output<typeof c.sourceSchema>;
/** Fields of a source to change (PATCH /api/sources/:id); null clears an optional field. */
export type SourcePatch = z.input<typeof c.sourcePatchSchema>;

export const sourcesApi = {
  sources: () => request<z.output<typeof c.sourceListSchema>>('/api/sources'),
  updateSource: (id: string, patch: SourcePatch) =>
    request<Source>(`/api/sources/${enc(id)}`, json('PATCH', patch)),
};
