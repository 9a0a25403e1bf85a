import { describe, expect, it } from 'vitest';
import {
  type AgendaSignal,
  berlinIso,
  berlinToUtc,
  escapeIcalText,
  foldIcalLine,
  proposeAgenda,
  redactMinutes,
  REDACTED,
  toICalendar,
  utcToBerlin,
} from './index.ts';

describe('Berlin time', () => {
  it('puts 18:00 before the March switch at 17:00 UTC and after it at 16:00 UTC', () => {
    expect(berlinToUtc('2026-03-26T18:00')).toBe('2026-03-26T17:00:00.000Z');
    expect(berlinToUtc('2026-03-30T18:00')).toBe('2026-03-30T16:00:00.000Z');
    expect(berlinToUtc('2026-10-26T18:00')).toBe('2026-10-26T17:00:00.000Z');
    expect(berlinToUtc('2026-10-24T18:00')).toBe('2026-10-24T16:00:00.000Z');
  });
  it('switches exactly at 01:00 UTC on the last Sunday of March and October', () => {
    expect(utcToBerlin('2026-03-29T00:59:00Z').time).toBe('01:59');
    expect(utcToBerlin('2026-03-29T01:00:00Z').time).toBe('03:00');
    expect(utcToBerlin('2026-10-25T00:59:00Z')).toMatchObject({ time: '02:59', offset: '+02:00' });
    expect(utcToBerlin('2026-10-25T01:00:00Z')).toMatchObject({ time: '02:00', offset: '+01:00' });
  });
  it('takes the first of the doubled autumn hour and moves the spring gap forward', () => {
    expect(berlinToUtc('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(utcToBerlin(berlinToUtc('2026-03-29T02:30')).time).toBe('03:30');
  });
  it('round-trips every hour of a year', () => {
    for (let h = 0; h < 365 * 24; h += 7) {
      const ms = Date.UTC(2026, 0, 1) + h * 3_600_000;
      const b = utcToBerlin(new Date(ms));
      const back = berlinToUtc(`${b.date}T${b.time}`);
      // the doubled autumn hour maps back to its first occurrence
      expect(new Date(ms).getTime() - new Date(back).getTime()).toBeGreaterThanOrEqual(0);
      expect(new Date(ms).getTime() - new Date(back).getTime()).toBeLessThanOrEqual(3_600_000);
    }
  });
  it('refuses malformed and impossible times', () => {
    expect(() => berlinToUtc('30.03.2026 18:00')).toThrow(/Ortszeit/);
    expect(() => berlinToUtc('2026-02-30T18:00')).toThrow(/gültig/);
  });
  it('writes ISO 8601 with the Berlin offset', () => {
    expect(berlinIso('2026-03-30T16:00:00Z')).toBe('2026-03-30T18:00:00+02:00');
    expect(berlinIso('2026-01-05T17:00:00Z')).toBe('2026-01-05T18:00:00+01:00');
  });
});

describe('iCalendar', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeIcalText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });
  it('folds at 75 octets without splitting umlauts', () => {
    const line = `SUMMARY:${'ä'.repeat(100)}`;
    const folded = foldIcalLine(line).split('\r\n');
    for (const l of folded) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
  });
  it('writes Berlin wall-clock times with TZID and CRLF line ends', () => {
    const ics = toICalendar(
      [
        {
          uid: 'm1@x',
          summary: 'Konferenz',
          start: '2026-03-30T16:00:00Z',
          end: '2026-03-30T18:00:00Z',
        },
      ],
      { name: 'Test', generatedAt: '2026-03-01T00:00:00Z' },
    );
    expect(ics).toContain('DTSTART;TZID=Europe/Berlin:20260330T180000\r\n');
    expect(ics).toContain('DTSTAMP:20260301T000000Z');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

const sig = (s: Partial<AgendaSignal> & Pick<AgendaSignal, 'kind' | 'sourceId'>): AgendaSignal => ({
  title: `${s.kind} ${s.sourceId}`,
  detail: '',
  areaIds: [1],
  occurredAt: '2026-05-10T10:00:00Z',
  href: `/x/${s.sourceId}`,
  ...s,
});

describe('proposeAgenda', () => {
  const signals: AgendaSignal[] = [
    sig({ kind: 'report', sourceId: 'r1', weight: 3 }),
    sig({ kind: 'report', sourceId: 'r2', weight: 12 }),
    sig({ kind: 'alert', sourceId: '7', weight: 1.5, numbers: [{ label: 'z', value: 2.4 }] }),
    sig({ kind: 'alert', sourceId: '8', weight: 3.1 }),
    sig({ kind: 'alert', sourceId: 'old', occurredAt: '2026-04-01T10:00:00Z' }),
    sig({ kind: 'measure_overdue', sourceId: 'm1' }),
    sig({ kind: 'class_change', sourceId: 'c1' }),
    sig({ kind: 'assessment_disagrees', sourceId: 'a1' }),
    sig({ kind: 'alert', sourceId: '7', weight: 1.5, occurredAt: '2026-05-11T10:00:00Z' }),
  ];
  it('keeps only what happened after the last meeting, deduplicated, ordered by kind then weight', () => {
    const p = proposeAgenda(signals, '2026-04-15T17:00:00Z');
    expect(p.map((x) => x.key)).toEqual([
      'alert:8',
      'alert:7',
      'measure_overdue:m1',
      'class_change:c1',
      'assessment_disagrees:a1',
      'report:r2',
      'report:r1',
    ]);
    expect(p[1]!.evidence.occurredAt).toBe('2026-05-11T10:00:00Z');
    expect(p[1]!.reason).toBe('Frühwarnung');
    expect(p[1]!.evidence.href).toBe('/x/7');
  });
  it('takes everything when there was no meeting, and skips what is already listed', () => {
    const p = proposeAgenda(signals, null, { alreadyListed: new Set(['alert:8']) });
    expect(p.map((x) => x.key)).toContain('alert:old');
    expect(p.map((x) => x.key)).not.toContain('alert:8');
  });
  it('limits residents reports to the most supported', () => {
    const many = Array.from({ length: 9 }, (_, i) =>
      sig({ kind: 'report', sourceId: `r${i}`, weight: i }),
    );
    const p = proposeAgenda(many, null);
    expect(p.map((x) => x.sourceId)).toEqual(['r8', 'r7', 'r6', 'r5', 'r4']);
  });
  it('refuses an unknown kind', () => {
    expect(() => proposeAgenda([sig({ kind: 'gossip' as 'alert', sourceId: '1' })], null)).toThrow(
      /Signalart/,
    );
  });
});

describe('redactMinutes', () => {
  it('removes private persons by full name and salutation, and e-mail addresses', () => {
    const text =
      'Anna Weber (anna.weber@example.org) berichtet. Frau Weber bittet um Rückmeldung. ' +
      'Herr Schulz (Jugendamt) antwortet; Webers Garten bleibt.';
    const out = redactMinutes(text, ['Anna Weber']);
    expect(out).toBe(
      `${REDACTED} (${REDACTED}) berichtet. ${REDACTED} bittet um Rückmeldung. ` +
        'Herr Schulz (Jugendamt) antwortet; Webers Garten bleibt.',
    );
  });
  it('leaves text without private persons unchanged', () => {
    expect(redactMinutes('Der Träger AWO stellt vor.', [])).toBe('Der Träger AWO stellt vor.');
  });
});
