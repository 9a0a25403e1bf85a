// Plain German reasons for invalid request fields. zod's German locale words number issues for its
// own types ("erwartet Zahl, erhalten NaN" after z.coerce, "erwartet, dass number <=1 ist"); here a
// number field names what it takes — a whole number or a number, with the range its schema allows —
// and what came, as it was sent ("eine Zahl von 0 bis 1 erwartet, erhalten „400“"). Other issues
// keep the locale's words. A field whose schema carries a title (.meta({ title })) is named by it.
import { z } from 'zod';

type Issue = z.core.$ZodIssue;

const de = (n: number): string => n.toLocaleString('de-DE', { maximumFractionDigits: 10 });

/** The value at a path of the input as it was sent (before coercion). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** What was sent, quoted and cut to 40 characters; "nichts" when the field is missing or empty. */
function sent(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'nichts';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `„${s.length > 40 ? `${s.slice(0, 40)}…` : s}“`;
}

/** The schema one step inside optional/default/nullable/pipe wrappers, or null at a leaf. */
function inner(s: z.ZodType): z.ZodType | null {
  const def = s._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
  return def.innerType ?? def.in ?? null;
}

/** The field's schema at a path of an object schema (through optional/default wrappers). */
export function schemaAt(
  schema: z.ZodType | undefined,
  path: readonly PropertyKey[],
): z.ZodType | undefined {
  let s = schema;
  for (const k of path) {
    while (s && !(s instanceof z.ZodObject) && inner(s)) s = inner(s)!;
    if (!(s instanceof z.ZodObject)) return undefined;
    s = (s.shape as Record<string, z.ZodType>)[String(k)];
  }
  return s;
}

/** The title of a field's schema, looking through its wrappers. */
export function fieldTitle(s: z.ZodType | undefined): string | undefined {
  for (let t = s; t; t = inner(t) ?? undefined) {
    const title = z.globalRegistry.get(t)?.title;
    if (title) return title;
  }
  return undefined;
}

/** The number schema inside a field's wrappers, if the field is a number. */
function numberSchema(s: z.ZodType | undefined): z.ZodNumber | undefined {
  for (let t = s; t; t = inner(t) ?? undefined) if (t instanceof z.ZodNumber) return t;
  return undefined;
}

interface Bound {
  value: number;
  inclusive: boolean;
}

/** The tightest lower and upper bound among a number schema's checks (min/max, gt/lt, positive). */
function bounds(n: z.ZodNumber): { lo: Bound | null; hi: Bound | null } {
  let lo: Bound | null = null;
  let hi: Bound | null = null;
  for (const c of n._zod.def.checks ?? []) {
    const d = c._zod.def as { check: string; value?: unknown; inclusive?: boolean };
    if (typeof d.value !== 'number') continue;
    const b = { value: d.value, inclusive: d.inclusive !== false };
    if (d.check === 'greater_than' && (!lo || b.value >= lo.value)) lo = b;
    if (d.check === 'less_than' && (!hi || b.value <= hi.value)) hi = b;
  }
  return { lo, hi };
}

/** Whether the number schema's check at this bound was given a message of its own. */
function ownMessage(n: z.ZodNumber, bound: unknown): boolean {
  return (n._zod.def.checks ?? []).some((c) => {
    const d = c._zod.def as { value?: unknown; error?: unknown };
    return d.error !== undefined && d.value === bound;
  });
}

/** "eine Zahl von 0 bis 1", "eine ganze Zahl größer als 0", "eine Zahl" — what the schema allows. */
function numberWanted(n: z.ZodNumber | undefined, int: boolean): string {
  const what = int || n?.isInt ? 'eine ganze Zahl' : 'eine Zahl';
  if (!n) return what;
  const { lo, hi } = bounds(n);
  if (lo?.inclusive && hi?.inclusive) return `${what} von ${de(lo.value)} bis ${de(hi.value)}`;
  const parts = [
    lo && (lo.inclusive ? `ab ${de(lo.value)}` : `größer als ${de(lo.value)}`),
    hi && (hi.inclusive ? `bis ${de(hi.value)}` : `kleiner als ${de(hi.value)}`),
  ].filter(Boolean);
  return [what, ...parts].join(' ');
}

/**
 * The reason shown for one issue: number issues in plain words with the allowed range and the
 * value sent; any other issue keeps its (German locale) message.
 */
export function issueReason(issue: Issue, input: unknown, field: z.ZodType | undefined): string {
  const got = sent(valueAt(input, issue.path));
  const n = numberSchema(field);
  if (
    issue.code === 'invalid_type' &&
    (issue.expected === 'number' || issue.expected === 'int') &&
    (n || issue.expected === 'int')
  )
    return `${numberWanted(n, issue.expected === 'int')} erwartet, erhalten ${got}`;
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number') {
    // a bound with a message of its own („Dringlichkeit: 1 (niedrig), 2 (mittel) oder 3 (hoch)“) keeps it
    if (n && ownMessage(n, issue.code === 'too_big' ? issue.maximum : issue.minimum))
      return `${issue.message}, erhalten ${got}`;
    if (!n) {
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const side = issue.code === 'too_big' ? 'höchstens' : 'mindestens';
      return `${side} ${de(Number(bound))} erwartet, erhalten ${got}`;
    }
    return `${numberWanted(n, false)} erwartet, erhalten ${got}`;
  }
  // a rule of the whole object about a number field (a range that depends on another field)
  if (issue.code === 'custom' && n && got !== 'nichts') return `${issue.message}, erhalten ${got}`;
  return issue.message;
}
