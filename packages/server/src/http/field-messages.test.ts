import { supplyGapsQuerySchema } from '@sozialraum/contracts/supply';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FieldIssue, parsePart, validationError } from './route.ts';

/** The 400 message a route would answer for this query. */
function message(schema: z.ZodType, query: Record<string, unknown>): string | null {
  const issues: FieldIssue[] = [];
  parsePart(schema, query, 'querystring', issues);
  return issues.length > 0 ? validationError(issues).message : null;
}

const Q = z.object({
  count: z.coerce.number().int().positive(),
  limit: z.coerce.number().int().min(1).max(5).default(2),
  share: z.coerce.number().min(0).max(1).optional().meta({ title: 'Anteil' }),
  weight: z.coerce.number().gt(0).optional(),
  name: z.string().min(2).optional(),
});

describe('the reasons of invalid number fields (every route)', () => {
  it('names the kind of number and its range, and quotes what was sent', () => {
    expect(message(Q, { count: 'abc', limit: '9', share: '400', weight: '0' })).toBe(
      'Ungültige Anfrage – Abfrageparameter „count“: eine ganze Zahl größer als 0 erwartet, erhalten „abc“; ' +
        'Abfrageparameter „limit“: eine ganze Zahl von 1 bis 5 erwartet, erhalten „9“; ' +
        'Abfrageparameter „share“ (Anteil): eine Zahl von 0 bis 1 erwartet, erhalten „400“; ' +
        'Abfrageparameter „weight“: eine Zahl größer als 0 erwartet, erhalten „0“',
    );
  });

  it('says so when a whole number is wanted, or when nothing came', () => {
    expect(message(Q, { count: '1.5' })).toBe(
      'Ungültige Anfrage – Abfrageparameter „count“: eine ganze Zahl größer als 0 erwartet, erhalten „1.5“',
    );
    expect(message(Q, {})).toBe(
      'Ungültige Anfrage – Abfrageparameter „count“: eine ganze Zahl größer als 0 erwartet, erhalten nichts',
    );
  });

  it('never shows zod’s own words for numbers (NaN, „number <=1“)', () => {
    const text = message(Q, { count: 'Infinity', share: 'NaN', limit: '-1' })!;
    expect(text).not.toMatch(/erhalten NaN|erwartet Zahl|number|Zu groß|Zu klein/);
    expect(text).toContain('„share“ (Anteil): eine Zahl von 0 bis 1 erwartet, erhalten „NaN“');
  });

  it('keeps a bound’s own message, with what was sent', () => {
    const U = z.object({
      urgency: z.number().int().min(1, 'Dringlichkeit: 1 bis 3').max(3, 'Dringlichkeit: 1 bis 3'),
    });
    expect(message(U, { urgency: 4 })).toBe(
      'Ungültige Anfrage – Abfrageparameter „urgency“: Dringlichkeit: 1 bis 3, erhalten „4“',
    );
  });

  it('keeps the locale’s words for other fields', () => {
    expect(message(Q, { count: '1', name: 'x' })).toMatch(/„name“: Zu klein: .*2 Zeichen/);
  });
});

describe('the threshold of the gaps (GET /api/supply/gaps)', () => {
  const gaps = (q: Record<string, unknown>) =>
    message(supplyGapsQuerySchema, { serviceType: 'kita', ...q });

  it('names the field and the range of either measure', () => {
    expect(gaps({ threshold: 'abc' })).toBe(
      'Ungültige Anfrage – Abfrageparameter „threshold“ (Schwelle): eine Zahl von -100 bis 100 erwartet, erhalten „abc“',
    );
    expect(gaps({ threshold: '400' })).toBe(
      'Ungültige Anfrage – Abfrageparameter „threshold“ (Schwelle): eine Zahl von -100 bis 100 erwartet, erhalten „400“',
    );
    expect(gaps({ threshold: '2' })).toBe(
      'Ungültige Anfrage – Abfrageparameter „threshold“ (Schwelle): beim Bedarf „Anteil der Zielbevölkerung“ ein Anteil von 0 bis 1 erwartet (0,25 = 25 %), erhalten „2“',
    );
  });

  it('takes a share of 0 … 1 and an index value beyond 1', () => {
    expect(gaps({ threshold: '0.25' })).toBeNull();
    expect(gaps({ threshold: '0' })).toBeNull();
    expect(gaps({ need: 'status-index', threshold: '2' })).toBeNull();
    expect(gaps({ need: 'status-index', threshold: '-1.5' })).toBeNull();
  });
});
