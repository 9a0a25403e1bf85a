// Creating and editing a service of the directory (issue 12 § 1, "providers maintain their own
// entries"): the whole service in one body — type, organisation, places (address and point),
// languages, cost, eligibility, contacts, the areas it is for, public or internal. The server
// checks every id named here (organisation, type, locations, areas) against the caller's rights.
import { z } from 'zod';
import { openingIntervalSchema } from './directory.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((s) => (s === null || s === '' ? null : s));

/** A place of the service: an existing location of the same organisation (id) or a new one. */
export const serviceLocationBodySchema = z
  .object({
    id: z
      .string()
      .regex(/^[0-9a-f-]{36}$/i, 'Kennung eines Orts (UUID)')
      .optional()
      .meta({ description: 'Ort der Organisation, der geändert wird; ohne id entsteht ein neuer' }),
    name: z.string().trim().min(1, 'Name des Orts fehlt').max(200),
    street: text(200),
    postcode: text(10),
    city: z.string().trim().max(100).default(''),
    lon: z.number().min(-180).max(180).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    accessibility: text(1000),
  })
  .strict()
  .refine((l) => (l.lon === null) === (l.lat === null), {
    message: 'Ein Punkt braucht Länge und Breite (oder keines von beiden).',
    path: ['lon'],
  });

/** A named contact of the service (HSDS contact). */
export const serviceContactBodySchema = z
  .object({
    name: text(200),
    title: text(200),
    email: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .default(null)
      .transform((s) => (s === '' ? null : s))
      .refine((s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'keine E-Mail-Adresse'),
    phone: text(60),
  })
  .strict()
  .refine((c) => c.name || c.title || c.email || c.phone, {
    message: 'Ein Kontakt braucht mindestens Name, Funktion, E-Mail oder Telefon.',
  });

const isoDate = z.iso.date().nullable().default(null);

/** A cost option of the service (HSDS cost_option): amount ≥ 0 in an ISO 4217 currency, a period. */
export const serviceCostOptionBodySchema = z
  .object({
    option: text(200).meta({ description: 'wofür, z. B. „Mittagessen“, „ermäßigt“' }),
    amount: z.number().min(0, 'Der Betrag ist negativ.').max(1_000_000).nullable().default(null),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Währung nach ISO 4217, z. B. „EUR“')
      .default('EUR'),
    amountDescription: text(500).meta({ description: 'z. B. „je Monat“, „pro Termin“' }),
    validFrom: isoDate,
    validTo: isoDate,
  })
  .strict()
  .refine((c) => c.validFrom === null || c.validTo === null || c.validFrom <= c.validTo, {
    message: 'Der Zeitraum endet vor seinem Beginn.',
    path: ['validTo'],
  })
  .refine((c) => c.option !== null || c.amount !== null || c.amountDescription !== null, {
    message: 'Eine Kostenangabe braucht mindestens Bezeichnung, Betrag oder Beschreibung.',
    path: ['option'],
  });

const languageCode = z.string().regex(/^[a-z]{2}$/, 'Sprachcode nach ISO 639-1, z. B. „de“');

/** Body of POST /api/directory/services and PUT …/services/:id: the whole service. */
export const serviceBodySchema = z
  .object({
    organisationId: z.string().min(1).max(60),
    serviceType: z.string().min(1).max(60).meta({ description: 'Kurzname einer Angebotsart' }),
    name: z.string().trim().min(1, 'Name fehlt').max(200),
    description: text(4000),
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).default('active'),
    url: text(500).refine(
      (s) => s === null || /^https?:\/\/\S+$/.test(s),
      'Webadresse mit http(s)://',
    ),
    email: text(200).refine(
      (s) => s === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
      'keine E-Mail-Adresse',
    ),
    phone: text(60),
    eligibility: text(2000).meta({ description: 'Für wen (Voraussetzungen)' }),
    minimumAge: z.number().int().min(0).max(130).nullable().default(null),
    maximumAge: z.number().int().min(0).max(130).nullable().default(null),
    fees: text(2000).meta({ description: 'Kosten in Worten („kostenfrei“, „nach Einkommen“)' }),
    languages: z.array(languageCode).max(40).default([]),
    contacts: z.array(serviceContactBodySchema).max(20).default([]),
    locations: z.array(serviceLocationBodySchema).max(20).default([]),
    areaIds: z
      .array(z.number().int().positive())
      .max(2000)
      .default([])
      .meta({ description: 'Gebiete, für die das Angebot da ist (Einzugsgebiet)' }),
    public: z.boolean().default(true),
    serviceSchedules: z.array(openingIntervalSchema).max(50).optional().meta({
      description:
        'Öffnungszeiten des Angebots als Ganzes (ohne Ort); ersetzt die alten, fehlt das Feld, bleiben sie',
    }),
    costOptions: z.array(serviceCostOptionBodySchema).max(20).optional().meta({
      description:
        'Kostenangaben (HSDS cost_option); ersetzt die alten, fehlt das Feld, bleiben sie',
    }),
  })
  .strict()
  .refine((s) => s.minimumAge === null || s.maximumAge === null || s.minimumAge <= s.maximumAge, {
    message: 'Das Mindestalter liegt über dem Höchstalter.',
    path: ['minimumAge'],
  })
  .meta({ id: 'DirectoryServiceBody' });

/** An organisation the caller may maintain, with its places (for the service form). */
export const editableOrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kindLabel: z.string(),
    locations: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        street: z.string().nullable(),
        postcode: z.string().nullable(),
        city: z.string(),
        lon: z.number().nullable(),
        lat: z.number().nullable(),
        accessibility: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'DirectoryEditableOrganisation' });

export const editableOrganisationsSchema = z.array(editableOrganisationSchema);

/** One change of a service's history: a field with its value before and after (JSON values). */
export const serviceHistoryChangeSchema = z.object({
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** Query of GET …/services/:id/history: only entries older than the entry `before` (the next page). */
export const serviceHistoryQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
});

/** Answer of GET /api/directory/services/:id/history: newest first, a page of at most 200. */
export const serviceHistorySchema = z
  .object({
    serviceId: z.string(),
    name: z.string(),
    /** older entries exist: ask again with before = the last entry's id */
    more: z.boolean(),
    entries: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        actor: z.string(),
        action: z.string(),
        entity: z.string(),
        entityId: z.string(),
        changes: z.array(serviceHistoryChangeSchema),
      }),
    ),
  })
  .meta({ id: 'DirectoryServiceHistory' });

export type ServiceHistory = z.output<typeof serviceHistorySchema>;
export type ServiceBody = z.output<typeof serviceBodySchema>;
export type ServiceBodyInput = z.input<typeof serviceBodySchema>;
export type EditableOrganisation = z.output<typeof editableOrganisationSchema>;
