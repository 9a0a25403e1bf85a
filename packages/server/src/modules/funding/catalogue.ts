// The programme catalogue shipped with the code (programme-catalogue.json): real programmes with
// what is publicly known, each fact with its source and the date it was checked; unknown → null.
import type { Programme } from '@sozialraum/contracts/funding';
import { programmeSchema } from '@sozialraum/contracts/funding';
import { z } from 'zod';
import raw from './programme-catalogue.json' with { type: 'json' };

const catalogueSchema = z.object({ about: z.string(), programmes: z.array(programmeSchema) });

/** All programmes of the catalogue (validated once at load: a broken file stops the start). */
export const PROGRAMMES: readonly Programme[] = catalogueSchema.parse(raw).programmes;

const byId = new Map(PROGRAMMES.map((p) => [p.id, p]));

/** The programme with this id, or undefined. */
export function findProgramme(id: string): Programme | undefined {
  return byId.get(id);
}

/** The programme named in a funding table: by id, name or short name (case-insensitive). */
export function matchProgramme(text: string): Programme | undefined {
  const t = text.trim().toLowerCase();
  return PROGRAMMES.find(
    (p) => p.id === t || p.name.toLowerCase() === t || p.shortName?.toLowerCase() === t,
  );
}
