// Policy of funding (issue 15 § 1). Programmes and their areas are public facts; money (planned,
// approved, spent) is read by signed-in staff only, because planned sums are drafts of a budget;
// changing programme areas and importing money needs funding.edit (Sozialplanung, data stewards,
// finance staff given the permission) — ADR 0034.
export const permissions = {
  'funding.read': 'Förderprogramme und ihre Fördergebiete lesen',
  'funding.read_money': 'Fördermittel lesen: geplant, bewilligt, verausgabt je Jahr und Quelle',
  'funding.edit': 'Fördergebiete festlegen und Fördermittel importieren (protokolliert)',
} as const;

/** Whether the principal sees the money of programmes. */
export function seesMoney(principal: { permissions: ReadonlySet<string> }): boolean {
  return principal.permissions.has('funding.read_money');
}
