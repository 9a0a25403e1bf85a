// Policy of the effect estimate (issue 15 § 3). Public like the indicators it reads: an estimate
// uses only what the caller may see — the indicator's visibility (getIndicator answers 404 for an
// indicator the caller may not read) and the disclosure control of public rows (ADR 0034).
export const permissions = {
  'effect.read':
    'Wirkung schätzen: Differenz-von-Differenzen gegen Vergleichsgebiete (nur mit sichtbaren Indikatoren und Werten)',
} as const;
