// iCalendar (RFC 5545) for meetings: a VCALENDAR with the Europe/Berlin VTIMEZONE and one VEVENT
// per meeting, times as Berlin wall-clock with TZID (clients show 18:00 on both sides of the DST
// switch). Text values escaped (§ 3.3.11), content lines folded at 75 octets (§ 3.1), CRLF.
import { utcToBerlin } from './berlin-time.ts';

/** One meeting as a calendar event. */
export interface CalendarEvent {
  /** Globally unique and stable, e.g. 'meeting-12@tenant.sozialraum'. */
  uid: string;
  summary: string;
  /** UTC instants (ISO 8601). */
  start: string;
  end: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  cancelled?: boolean;
  /** Raised each time the meeting changes, so clients replace their copy. */
  sequence?: number;
  lastModified?: string | null;
}

export interface CalendarOptions {
  /** Calendar name (X-WR-CALNAME). */
  name: string;
  /** When the feed was generated (DTSTAMP); core has no clock, so the caller passes it. */
  generatedAt: string;
  prodId?: string;
}

// The rule-based definition every mainstream client understands (as tzurl.org publishes it).
const VTIMEZONE_BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'X-LIC-LOCATION:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** Escapes a TEXT value (RFC 5545 § 3.3.11): backslash, semicolon, comma, line breaks. */
export function escapeIcalText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no line is longer than 75 octets of UTF-8 (RFC 5545 § 3.1); a
 * continuation starts with one space. Never splits a multi-byte character.
 */
export function foldIcalLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = new TextEncoder().encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** '2026-03-30T16:00:00.000Z' → '20260330T160000Z'. */
function utcStamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** UTC instant → Berlin wall-clock '20260330T180000' for DTSTART;TZID=Europe/Berlin. */
function berlinStamp(iso: string): string {
  const b = utcToBerlin(iso);
  return `${b.date.replace(/-/g, '')}T${b.time.replace(':', '')}00`;
}

function eventLines(e: CalendarEvent, dtstamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeIcalText(e.uid)}`,
    `DTSTAMP:${dtstamp}`,
    `DTSTART;TZID=Europe/Berlin:${berlinStamp(e.start)}`,
    `DTEND;TZID=Europe/Berlin:${berlinStamp(e.end)}`,
    `SUMMARY:${escapeIcalText(e.summary)}`,
  ];
  if (e.location) lines.push(`LOCATION:${escapeIcalText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeIcalText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`);
  lines.push(`SEQUENCE:${e.sequence ?? 0}`);
  if (e.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** Serialises meetings as an iCalendar document (text/calendar; charset=utf-8). */
export function toICalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const dtstamp = utcStamp(options.generatedAt);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.prodId ?? '-//Sozialraum//Sozialraumkonferenzen//DE'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcalText(options.name)}`,
    'X-WR-TIMEZONE:Europe/Berlin',
    ...VTIMEZONE_BERLIN,
    ...events.flatMap((e) => eventLines(e, dtstamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldIcalLine).join('\r\n') + '\r\n';
}
