// The service directory (issue 12): organisations (Träger), services, locations and opening hours as
// the Angebote screen reads them, the provider's edit of opening hours, and the HSDS 3.0 API's paged
// envelope (whose objects are validated against the official compiled schemas in the db tests).
import { z } from 'zod';
import { dimensionSchema } from './enums.ts';

const time = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Uhrzeit im Format HH:MM (00:00 bis 24:00)');

/** One weekly opening interval (1 = Montag … 7 = Sonntag). */
export const openingIntervalSchema = z
  .object({
    weekday: z.number().int().min(1).max(7).meta({ description: '1 = Montag … 7 = Sonntag' }),
    opens: time,
    closes: time,
    notes: z.string().max(200).nullable().optional(),
  })
  .meta({ id: 'OpeningInterval' });

/** Body of PUT /api/directory/service-at-locations/:id/schedules: the whole week, replacing the old one. */
export const openingHoursBodySchema = z
  .object({ intervals: z.array(openingIntervalSchema).max(50) })
  .meta({ id: 'OpeningHoursBody' });

export const organisationRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  spitzenverband: z.string().nullable(),
});

const capacitySchema = z.object({
  kind: z.enum(['places', 'beds']),
  value: z.number().int(),
  refDate: z.iso.date(),
});

export const directoryServiceSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    serviceType: z.string(),
    serviceTypeName: z.string(),
    organisation: organisationRefSchema,
    address: z.string().nullable(),
    lon: z.number().nullable(),
    lat: z.number().nullable(),
    capacity: capacitySchema.nullable(),
  })
  .meta({ id: 'DirectoryServiceSummary' });

export const directoryServiceListSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    items: z.array(directoryServiceSummarySchema),
  })
  .meta({ id: 'DirectoryServiceList' });

export const directoryServiceQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  type: z.string().max(60).optional(),
  dimension: z.string().max(40).optional(),
  areaId: z.coerce.number().int().positive().optional(),
  organisationId: z.string().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

const locationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  accessibility: z.string().nullable(),
});

const areaRefSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
});

export const directoryServiceDetailSchema = directoryServiceSummarySchema
  .extend({
    description: z.string().nullable(),
    status: z.string(),
    url: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    eligibility: z.string().nullable(),
    minimumAge: z.number().int().nullable(),
    maximumAge: z.number().int().nullable(),
    fees: z.string().nullable(),
    languages: z.array(z.string()),
    dimensions: z.array(z.string()),
    legalBasis: z.array(z.string()),
    capacities: z.array(capacitySchema),
    places: z.array(
      z.object({
        serviceAtLocationId: z.string(),
        location: locationSchema,
        schedules: z.array(openingIntervalSchema),
      }),
    ),
    areas: z.array(
      z.object({ id: z.number().int(), code: z.string(), name: z.string(), level: z.string() }),
    ),
    canEdit: z
      .boolean()
      .meta({ description: 'Die anfragende Person darf Öffnungszeiten und Orte ändern' }),
    public: z.boolean(),
    contacts: z.array(
      z.object({
        name: z.string().nullable(),
        title: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
      }),
    ),
    serviceAreas: z
      .array(areaRefSchema)
      .meta({ description: 'Gebiete, für die das Angebot da ist (Einzugsgebiet)' }),
    workAreas: z
      .array(areaRefSchema)
      .meta({ description: 'Arbeitsgebiete der Organisation (Akteursnetz)' }),
    costOptions: z
      .array(
        z.object({
          option: z.string().nullable(),
          amount: z.number().nullable(),
          currency: z.string().nullable(),
          amountDescription: z.string().nullable(),
          validFrom: z.string().nullable(),
          validTo: z.string().nullable(),
        }),
      )
      .meta({ description: 'Kostenangaben (HSDS cost_option)' }),
    serviceSchedules: z
      .array(openingIntervalSchema)
      .meta({ description: 'Öffnungszeiten des Angebots als Ganzes (ohne Ort)' }),
    canEditWorkAreas: z.boolean().meta({
      description: 'Die anfragende Person darf die Arbeitsgebiete der Organisation ändern',
    }),
  })
  .meta({ id: 'DirectoryServiceDetail' });

export const directoryTaxonomyTermSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    dimensions: z.array(z.string()),
    legalBasis: z.array(z.string()),
    builtin: z.boolean(),
    services: z.number().int(),
  })
  .meta({ id: 'DirectoryTaxonomyTerm' });

export const directoryTaxonomySchema = z.array(directoryTaxonomyTermSchema);

/** A tenant's own service type: code (new terms), name, description, Lebenslagen, legal basis. */
export const taxonomyTermBodySchema = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9_]{1,60}$/, 'nur a–z, 0–9 und _ (höchstens 60 Zeichen)')
      .meta({ description: 'Kurzname, z. B. „schuldnerberatung“; beim Ändern ignoriert' }),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(''),
    dimensions: z.array(dimensionSchema).max(9).default([]),
    legalBasis: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  })
  .strict()
  .meta({ id: 'TaxonomyTermBody' });

/** Answer of the opening-hours edit: the interval list as stored. */
export const openingHoursSchema = z
  .object({ serviceAtLocationId: z.string(), intervals: z.array(openingIntervalSchema) })
  .meta({ id: 'OpeningHours' });

/** Body of a capacity record: places or beds of a service on a date (a later date is the current value). */
export const capacityBodySchema = z
  .object({
    kind: z.enum(['places', 'beds']),
    value: z.number().int().min(0).max(100_000),
    refDate: z.iso.date(),
  })
  .strict();

/** Query of DELETE …/capacities: which recorded value to take back. */
export const capacityKeySchema = z.object({
  kind: z.enum(['places', 'beds']),
  refDate: z.iso.date(),
});

/** Answer of the capacity edit: the service's capacities, newest first. */
export const capacitiesSchema = z
  .object({ serviceId: z.string(), capacities: z.array(capacitySchema) })
  .meta({ id: 'DirectoryCapacities' });

// ---- HSDS 3.0 API (Open Referral). Objects are HSDS objects; their shape is checked in tests
// against standards/hsds-3.0/schema/compiled/*.json, not restated here.
const hsdsObject = z
  .record(z.string(), z.unknown())
  .meta({ description: 'HSDS-3.0-Objekt (standards/hsds-3.0/schema/compiled)' });

/** The paged envelope of the HSDS API reference (components.schemas.Page). */
export const hsdsPageSchema = z
  .object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(hsdsObject),
  })
  .meta({ id: 'HsdsPage' });

export const hsdsObjectSchema = hsdsObject.meta({ id: 'HsdsObject' });

/** The full export: every public organisation with its services, locations and schedules. */
export const hsdsExportSchema = z
  .object({
    hsds_version: z.literal('3.0'),
    generated_at: z.string(),
    organizations: z.array(hsdsObject),
    services: z.array(hsdsObject),
    service_at_locations: z.array(hsdsObject),
    taxonomies: z.array(hsdsObject),
    taxonomy_terms: z.array(hsdsObject),
  })
  .meta({ id: 'HsdsExport' });

export const hsdsRootSchema = z
  .object({ version: z.string(), profile: z.string(), openapi_url: z.string() })
  .meta({ id: 'HsdsRoot' });

export const hsdsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  per_page: z.coerce.number().int().min(1).max(1000).default(50),
  search: z.string().trim().max(200).optional(),
  taxonomy_term_id: z.string().max(60).optional(),
  taxonomy_id: z.string().max(60).optional(),
  organization_id: z.string().max(60).optional(),
  full: z.enum(['true', 'false']).optional(),
});

export type DirectoryServiceSummary = z.output<typeof directoryServiceSummarySchema>;
export type DirectoryServiceDetail = z.output<typeof directoryServiceDetailSchema>;
export type DirectoryServiceList = z.output<typeof directoryServiceListSchema>;
export type OpeningInterval = z.output<typeof openingIntervalSchema>;
export type DirectoryTaxonomyTerm = z.output<typeof directoryTaxonomyTermSchema>;

/** Body of PATCH /api/directory/organisations/:id: who maintains it, and whether it is public. */
export const organisationPatchSchema = z
  .object({
    departmentId: z.string().min(1).max(63).nullable().optional().meta({
      description:
        'Organisation (Abteilungsdatensatz), deren Personen die Einträge pflegen; null löst',
    }),
    public: z.boolean().optional(),
  })
  .refine((p) => p.departmentId !== undefined || p.public !== undefined, {
    message: 'Nichts zu ändern: departmentId oder public angeben.',
  })
  .meta({ id: 'DirectoryOrganisationPatch' });

export const directoryOrganisationSchema = organisationRefSchema
  .extend({ departmentId: z.string().nullable(), public: z.boolean() })
  .meta({ id: 'DirectoryOrganisation' });

// ---- HSDS 3.0 import (issue 12 § 1): JSON files, CSV of the tabular data package, or a ZIP.

export const hsdsImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .meta({ description: 'true (Vorgabe): nur prüfen und zählen, nichts schreiben' }),
});

const createdUpdated = z.object({ created: z.number().int(), updated: z.number().int() });

/** What an HSDS import found (dry run) or wrote. */
export const hsdsImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    files: z.array(z.string()),
    records: z.number().int().meta({ description: 'Einträge auf oberster Ebene in den Dateien' }),
    organisations: createdUpdated,
    services: createdUpdated,
    locations: createdUpdated,
    serviceAtLocations: createdUpdated,
    schedules: z.number().int(),
    capacities: z.number().int(),
    terms: z.number().int().meta({ description: 'neue Angebotsarten der Kommune' }),
  })
  .meta({ id: 'HsdsImportReport' });

/** One problem of an upload (error details of a refused import). */
export const hsdsImportIssueSchema = z
  .object({
    file: z.string(),
    index: z.number().int(),
    id: z.string().nullable(),
    path: z.string(),
    message: z.string(),
  })
  .meta({ id: 'HsdsImportIssue' });

export type HsdsImportReport = z.output<typeof hsdsImportReportSchema>;
export type HsdsImportIssue = z.output<typeof hsdsImportIssueSchema>;
