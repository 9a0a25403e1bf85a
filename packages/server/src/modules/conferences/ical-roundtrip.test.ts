// RFC 5545 round trip: the feeds core writes are read back by ical.js (a real iCalendar parser,
// the one Thunderbird uses) and give the same Berlin wall-clock times on both sides of the DST
// switch, the same texts after escaping and folding.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { berlinToUtc, toICalendar } from '@sozialraum/core';

function parse(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  const tz = comp.getFirstSubcomponent('vtimezone')!;
  ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe('iCalendar round trip with ical.js', () => {
  const summary = 'Sozialraumkonferenz Gropiusstadt; Thema: Spielplätze, Schulweg \\ Ämter';
  const description = `Tagesordnung:\n1. Frühwarnung „Kinderarmut“\n2. ${'Sehr lange Zeile mit Umlauten äöüß '.repeat(6)}`;
  const ics = toICalendar(
    [
      {
        uid: 'meeting-1@berlin.sozialraum',
        summary,
        description,
        location: 'Gemeinschaftshaus, Bat-Yam-Platz 1, 12353 Berlin',
        start: berlinToUtc('2026-03-26T18:00'),
        end: berlinToUtc('2026-03-26T20:00'),
      },
      {
        uid: 'meeting-2@berlin.sozialraum',
        summary: 'Nach der Umstellung',
        start: berlinToUtc('2026-03-30T18:00'),
        end: berlinToUtc('2026-03-30T20:00'),
        cancelled: true,
        sequence: 2,
      },
    ],
    { name: 'Konferenz', generatedAt: '2026-03-01T08:00:00Z' },
  );
  const events = parse(ics);

  it('reads 18:00 Berlin time before and after the switch to summer time', () => {
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.startDate.hour).toBe(18);
      expect(e.startDate.minute).toBe(0);
      expect(e.startDate.zone?.tzid).toBe('Europe/Berlin');
    }
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-03-26T17:00:00.000Z');
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2026-03-30T16:00:00.000Z');
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe('2026-03-30T18:00:00.000Z');
  });

  it('gives back texts with separators, line breaks and umlauts unchanged', () => {
    expect(events[0]!.summary).toBe(summary);
    expect(events[0]!.description).toBe(description);
    expect(events[0]!.location).toBe('Gemeinschaftshaus, Bat-Yam-Platz 1, 12353 Berlin');
    expect(events[0]!.uid).toBe('meeting-1@berlin.sozialraum');
  });

  it('keeps status and sequence, and no line is longer than 75 octets', () => {
    expect(events[1]!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[1]!.sequence).toBe(2);
    for (const line of ics.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });
});
