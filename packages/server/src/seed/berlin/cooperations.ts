// The Berlin demo's example cooperations (cooperations.json): invented links between organisations
// of the demo directory, clearly marked as such, so the network screen of a fresh demo is not empty.
// Checked against the contract's demoCooperationsSchema when the seed reads it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoCooperationsSchema, type DemoCooperations } from '@sozialraum/contracts/seed';
import { z } from 'zod';

export const COOPERATIONS_FILE = path.join(import.meta.dirname, 'cooperations.json');

/** Reads and checks the example cooperations; throws with the paths of every problem. */
export function readDemoCooperations(file = COOPERATIONS_FILE): DemoCooperations {
  const parsed = demoCooperationsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${path.basename(file)} ist ungültig:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
