// The Berlin demo's catalogue (tenant, sources, area systems, indicators, and how the files of
// demo-data/berlin map to them) is data: catalogue.json, checked against the contract's
// berlinCatalogueSchema when the seed first needs it. A broken entry stops the seed with its path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { berlinCatalogueSchema, type BerlinCatalogue } from '@sozialraum/contracts/seed';
import { z } from 'zod';

export const CATALOGUE_FILE = path.join(import.meta.dirname, 'catalogue.json');

/** Reads and checks a catalogue file; throws with the paths of every problem. */
export function readCatalogue(file = CATALOGUE_FILE): BerlinCatalogue {
  const parsed = berlinCatalogueSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path.basename(file)} ist ungültig:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let cached: BerlinCatalogue | null = null;

/** The checked catalogue of the Berlin demo (read once). */
export function berlinCatalogue(): BerlinCatalogue {
  cached ??= readCatalogue();
  return cached;
}

/** The demo's tenant (id, AGS, name) — fixed, so callers need not read the file for it. */
export const BERLIN_TENANT = { id: 'berlin', ags: '11000000', name: 'Berlin' } as const;
