// Supply ratios kept as indicators (issue 12 § 3, ADR 0042): „Kindertagesstätte: Plätze je 100
// Personen von 0 bis unter 6 Jahren“ per area of every level of the newest area system, at the
// population's latest reference date, so the ratio appears in the catalogue, on the map, in profiles
// and as a time series (one date per population date). Counted from public entries and public
// population only, so the indicator is public without revealing an internal entry. The source names
// the directory's stand and the licences of both inputs. Computing again replaces the values of the
// same date; a new population date adds one.
import { formatNumber, type SupplyBase } from '@sozialraum/core';
import type { Db, Sql } from '../../db/db.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import type { Principal } from '../access/index.ts';
import { writeAudit, type AuditActor } from '../audit/index.ts';
import { assertCanEditIndicator, invalidateCatalogueCache } from '../indicators/index.ts';
import {
  insertNewIndicators,
  upsertIndicators,
  upsertObservations,
  upsertSources,
  type IndicatorInput,
  type ObservationInput,
} from '../ingest/index.ts';
import { computeSupply, type Supply } from './service.ts';
import * as store from './store.ts';

/** The indicator id of a service type's supply ratio. */
export const supplyIndicatorId = (serviceType: string) => `versorgung_${serviceType}`;

/** „Personen von 0 bis unter 6 Jahren“, „Personen ab 65 Jahren“, „Einwohnende“. */
function targetText(min: number | null, max: number | null): string {
  if (min === null) return 'Einwohnende';
  return max === null ? `Personen ab ${min} Jahren` : `Personen von ${min} bis unter ${max} Jahren`;
}

function unitOf(base: SupplyBase): string {
  return base.per === 100 ? 'per_100' : base.per === 1000 ? 'per_mille' : 'ratio';
}

interface Computed {
  term: store.TermRow;
  base: SupplyBase;
  refDate: string;
  stand: string | null;
  systemId: string;
  provenance: string;
  licences: string[];
  populationIndicators: string[];
  observations: ObservationInput[];
}

/** The ratios of every level of the newest system from public entries and public population. */
async function computeAllLevels(db: Sql, tenantId: string, serviceType: string) {
  const first = await computeSupply(db, tenantId, false, { serviceType, distance: 500 });
  if (!first.refDate)
    throw badRequest(
      `Für „${first.serviceType.name}“ gibt es auf der Ebene ${first.levelId} keinen Stichtag, an dem alle Bevölkerungsindikatoren Werte haben.`,
    );
  const id = supplyIndicatorId(serviceType);
  const observations: ObservationInput[] = [];
  for (const level of await store.selectLevels(db, tenantId, first.systemId)) {
    const s: Supply =
      level.id === first.levelId
        ? first
        : await computeSupply(db, tenantId, false, {
            serviceType,
            system: first.systemId,
            level: level.id,
            date: first.refDate,
            distance: 500,
          });
    if (s.refDate !== first.refDate) continue; // this level has no population on that date
    for (const r of s.rows)
      if (r.ratio !== null)
        observations.push({
          indicatorId: id,
          areaId: r.areaId,
          refDate: first.refDate,
          value: r.ratio,
          numerator: first.serviceType.measure === 'places' ? r.places : r.facilities,
          denominator: r.population,
        });
  }
  return { first, observations };
}

async function compute(tx: Sql, tenantId: string, serviceType: string): Promise<Computed> {
  const term = (await store.selectTerms(tx, tenantId)).find((x) => x.code === serviceType);
  if (!term) throw notFound(`Die Angebotsart „${serviceType}“ gibt es nicht.`);
  const { first, observations } = await computeAllLevels(tx, tenantId, serviceType);
  return {
    term,
    base: { measure: first.serviceType.measure, per: first.serviceType.per },
    refDate: first.refDate!,
    stand: first.directoryStand,
    systemId: first.systemId,
    provenance: first.provenance,
    licences: first.licences,
    populationIndicators: first.populationIndicators,
    observations,
  };
}

function indicatorOf(c: Computed, department: string, sourceId: string): IndicatorInput {
  const { term, base } = c;
  const what = base.measure === 'places' ? 'Plätze' : 'Einrichtungen';
  const people = targetText(term.target_min_age, term.target_max_age);
  const per = formatNumber(base.per);
  return {
    id: supplyIndicatorId(term.code),
    nameDe: `${term.name}: ${what} je ${per} ${people}`.slice(0, 300),
    nameEn:
      `${term.name}: ${base.measure === 'places' ? 'places' : 'facilities'} per ${formatNumber(base.per, { locale: 'en' })} of the target population`.slice(
        0,
        300,
      ),
    definitionDe: `${what} der öffentlichen Angebote der Art „${term.name}“ im Gebiet (Angebotsverzeichnis; je Angebot die jüngste Platzzahl) je ${per} ${people} (Summe der Indikatoren ${c.populationIndicators.join(' + ')}).`,
    unit: unitOf(base),
    kind: 'value',
    scale: 1,
    dimension: term.dimensions?.[0] ?? 'participation',
    polarity: 'higher_is_better',
    department,
    sourceId,
    numeratorDef: `${what} (Angebotsverzeichnis)`,
    denominatorDef: people,
    decimals: 1,
    methodNote: `${c.provenance}. Abgeleitet aus dem Angebotsverzeichnis; Methode: docs/methods/supply-and-reachability.md.`,
  };
}

type Stored = { indicatorId: string; name: string; refDate: string; observations: number };

/** Computes a type's ratios and writes indicator, source, observations and record, audited (in tx). */
async function writeSupplyIndicator(
  tx: Sql,
  t: string,
  serviceType: string,
  department: string,
  actor: AuditActor,
): Promise<Stored> {
  const id = supplyIndicatorId(serviceType);
  const c = await compute(tx, t, serviceType);
  const sourceId = `versorgung-${serviceType}`;
  await upsertSources(tx, t, [
    {
      id: sourceId,
      title: `Angebotsverzeichnis: ${c.term.name} (Versorgungsquote)`,
      publisher: 'Abgeleitet aus dem Angebotsverzeichnis und der Bevölkerung',
      licence: c.licences.join('; ') || 'Lizenz unbekannt',
      attribution: c.provenance,
      notes: 'Nur öffentliche Einträge und öffentliche Bevölkerungsindikatoren.',
    },
  ]);
  const indicator = indicatorOf(c, department, sourceId);
  const existing = (await store.selectSupplyIndicators(tx, t)).find(
    (r) => r.service_type === serviceType,
  );
  if (existing) await upsertIndicators(tx, t, [indicator]);
  else if ((await insertNewIndicators(tx, t, [indicator], 'public')).length > 0)
    throw conflict(`Den Indikator „${id}“ gibt es schon (nicht aus der Versorgung).`);
  await upsertObservations(tx, t, c.observations, null);
  await store.upsertSupplyIndicator(tx, t, {
    service_type: serviceType,
    indicator_id: id,
    system_id: c.systemId,
    ref_date: c.refDate,
    directory_stand: c.stand,
  });
  await writeAudit(tx, t, {
    actor,
    action: 'supply.indicator',
    entity: 'indicator',
    entityId: id,
    detail: {
      serviceType,
      refDate: c.refDate,
      directoryStand: c.stand,
      observations: c.observations.length,
    },
  });
  return {
    indicatorId: id,
    name: indicator.nameDe,
    refDate: c.refDate,
    observations: c.observations.length,
  };
}

/** Computes and stores the supply ratio of a service type as an indicator (audited). */
export async function storeSupplyIndicator(
  db: Db,
  principal: Principal,
  body: { serviceType: string; department?: string | null | undefined },
  actor: AuditActor,
): Promise<Stored> {
  const t = principal.tenantId;
  const id = supplyIndicatorId(body.serviceType);
  const result = await db.transaction(async (tx) => {
    const department = body.department ?? principal.departmentId;
    if (!department) throw badRequest('Anfrageinhalt „department“: bitte eine Abteilung angeben.');
    if (!(await store.departmentExists(tx, t, department)))
      throw badRequest(`Anfrageinhalt „department“: Abteilung „${department}“ gibt es nicht.`);
    assertCanEditIndicator(principal, department, id);
    return writeSupplyIndicator(tx, t, body.serviceType, department, actor);
  });
  invalidateCatalogueCache();
  return result;
}

/** Who the automatic refresh is in the audit log. */
const REFRESH_ACTOR: AuditActor = { actor: 'system:supply.refresh', permission: null };

/**
 * Recomputes every stored supply indicator of the tenant (after a directory, target or population
 * change), each in its own transaction under the indicator's department; a type that cannot be
 * computed any more (no common population date) keeps its values and is named in the result.
 */
export async function refreshSupplyIndicators(
  db: Db,
  tenantId: string,
): Promise<{ refreshed: string[]; skipped: { serviceType: string; reason: string }[] }> {
  const refreshed: string[] = [];
  const skipped: { serviceType: string; reason: string }[] = [];
  for (const r of await store.selectSupplyIndicators(db, tenantId)) {
    try {
      await db.transaction(async (tx) => {
        const department = await store.selectIndicatorDepartment(tx, tenantId, r.indicator_id);
        if (!department) throw new Error(`Indikator ${r.indicator_id} fehlt.`);
        await writeSupplyIndicator(tx, tenantId, r.service_type, department, REFRESH_ACTOR);
      });
      refreshed.push(r.service_type);
    } catch (err) {
      skipped.push({
        serviceType: r.service_type,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  }
  if (refreshed.length > 0) invalidateCatalogueCache();
  return { refreshed, skipped };
}

/** The supply ratios kept as indicators, with what they were computed from. */
export async function listSupplyIndicators(sql: Sql, tenantId: string) {
  return (await store.selectSupplyIndicators(sql, tenantId)).map((r) => ({
    serviceType: r.service_type,
    indicatorId: r.indicator_id,
    systemId: r.system_id,
    refDate: r.ref_date,
    directoryStand: r.directory_stand,
    computedAt: r.computed_at,
  }));
}
