// Sozialraumkonferenzen (issue 14 § 1): Berlin time, iCalendar, agenda proposals, minutes redaction.
export * from './berlin-time.ts';
export * from './ical.ts';
export * from './agenda.ts';
