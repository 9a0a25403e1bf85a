// Contract of the disclosure thresholds (statistical disclosure control of the tenant).
import { z } from 'zod';

export const disclosureSettingsSchema = z.object({
  minCount: z.number().int().min(1).max(100),
  minPopulationIndex: z.number().int().min(0).max(100_000),
  enabled: z.boolean(),
});
export type DisclosureSettings = z.output<typeof disclosureSettingsSchema>;
/** PUT /api/disclosure/settings: the thresholds to change. */
export const disclosureSettingsPatchSchema = disclosureSettingsSchema.partial();
