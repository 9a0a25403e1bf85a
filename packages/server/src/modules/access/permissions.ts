// The permission catalogue (every module's policy file) and the built-in roles. Permissions are
// named module.verb; roles are data per tenant (table role/role_permission). Built-in roles follow
// this file at every start, so a new permission reaches them; tenants add their own roles beside
// them (docs/adr/0007-access-control.md).
import { permissions as access } from './policy.ts';
import { permissions as alerts } from '../alerts/permissions.ts';
import { permissions as areas } from '../areas/policy.ts';
import { permissions as assessments } from '../assessments/permissions.ts';
import { permissions as audit } from '../audit/policy.ts';
import { permissions as conferences } from '../conferences/permissions.ts';
import { permissions as directory } from '../directory/policy.ts';
import { permissions as disclosure } from '../disclosure/policy.ts';
import { permissions as effect } from '../effect/policy.ts';
import { permissions as funding } from '../funding/policy.ts';
import { permissions as imports } from '../imports/policy.ts';
import { permissions as indicators } from '../indicators/permissions.ts';
import { permissions as measures } from '../measures/permissions.ts';
import { permissions as network } from '../network/policy.ts';
import { permissions as monitoring } from '../monitoring/policy.ts';
import { permissions as participation } from '../participation/policy.ts';
import { permissions as points } from '../points/policy.ts';
import { permissions as sources } from '../sources/policy.ts';
import { permissions as supply } from '../supply/policy.ts';
import { permissions as surveys } from '../surveys/policy.ts';

export const PERMISSIONS = {
  ...access,
  ...alerts,
  ...areas,
  ...assessments,
  ...audit,
  ...conferences,
  ...directory,
  ...disclosure,
  ...effect,
  ...funding,
  ...imports,
  ...indicators,
  ...measures,
  ...network,
  ...monitoring,
  ...participation,
  ...points,
  ...sources,
  ...supply,
  ...surveys,
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export interface BuiltinRole {
  id: string;
  nameDe: string;
  descriptionDe: string;
  permissions: readonly Permission[];
}

const PUBLIC_READ: Permission[] = [
  'areas.read',
  'indicators.read',
  'sources.read',
  'points.read',
  'monitoring.read',
  'directory.read',
  'participation.read',
  'participation.submit',
  'measures.read',
  'funding.read',
  'effect.read',
  'conferences.read',
  'network.read',
  'supply.read',
  'surveys.read',
  'surveys.answer',
  'assessments.read',
];
const SIGNED_IN: Permission[] = [
  ...PUBLIC_READ,
  'account.self',
  'alerts.read',
  'alerts.subscribe',
  'funding.read_money',
  'conferences.participate',
];
const PLANNER: Permission[] = [
  ...SIGNED_IN,
  'indicators.edit',
  'imports.run',
  'imports.read',
  'alerts.handle',
  'alerts.rules',
  'alerts.detect',
  'audit.read',
  'disclosure.unsuppressed',
  'measures.edit',
  'conferences.organise',
  'surveys.edit',
  'assessments.write',
  'assessments.write_all',
];

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    id: 'anonymous',
    nameDe: 'Öffentlichkeit (ohne Anmeldung)',
    descriptionDe: 'Was jede Person ohne Anmeldung sieht: öffentliche Daten, mit Geheimhaltung.',
    permissions: PUBLIC_READ,
  },
  {
    id: 'viewer',
    nameDe: 'Lesend',
    descriptionDe: 'Liest öffentliche und verwaltungsinterne Daten und Frühwarnungen.',
    permissions: SIGNED_IN,
  },
  {
    id: 'provider',
    nameDe: 'Träger',
    descriptionDe:
      'Freier Träger oder Organisation: liest wie „Lesend“, pflegt die Angebote und Kooperationen der eigenen Organisation und gibt für sie Einschätzungen ab.',
    permissions: [...SIGNED_IN, 'directory.edit_own', 'network.edit_own', 'assessments.write'],
  },
  {
    id: 'moderator',
    nameDe: 'Moderation',
    descriptionDe: 'Moderiert Beteiligung; liest wie „Lesend“.',
    permissions: [...SIGNED_IN, 'participation.moderate'],
  },
  {
    id: 'department_planner',
    nameDe: 'Fachplanung',
    descriptionDe:
      'Plant in einer Abteilung: pflegt deren Indikatoren und Regeln, importiert, sieht ungeschwärzte Werte.',
    permissions: PLANNER,
  },
  {
    id: 'data_steward',
    nameDe: 'Datenverantwortung',
    descriptionDe: 'Pflegt Daten aller Abteilungen: Importe, Metadaten, Quellen.',
    permissions: [
      ...SIGNED_IN,
      'indicators.read_all',
      'indicators.edit',
      'indicators.edit_all',
      'imports.run',
      'imports.areas',
      'imports.read',
      'points.import',
      'sources.edit',
      'audit.read',
      'disclosure.unsuppressed',
      'directory.edit_own',
      'directory.edit_all',
      'funding.edit',
      'network.edit_own',
      'network.edit_all',
      'supply.configure',
    ],
  },
  {
    id: 'sozialplanung',
    nameDe: 'Sozialplanung',
    descriptionDe:
      'Integrierte Sozialplanung: wie Fachplanung, dazu Indizes, alle Regeln und die Geheimhaltung.',
    permissions: [
      ...PLANNER,
      'indicators.read_all',
      'imports.areas',
      'points.import',
      'sources.edit',
      'monitoring.edit',
      'alerts.rules_all',
      'disclosure.configure',
      'participation.moderate',
      'participation.answer',
      'measures.edit_all',
      'funding.edit',
      'conferences.organise_all',
      'network.edit_own',
      'network.edit_all',
      'supply.configure',
    ],
  },
  {
    id: 'administrator',
    nameDe: 'Administration',
    descriptionDe:
      'Alle Rechte im Mandanten, auch Personen, Abteilungen, Rollen und das Protokoll.',
    permissions: ALL_PERMISSIONS,
  },
];

/** Departments every new tenant starts with (editable records). */
export const DEFAULT_DEPARTMENTS: readonly { id: string; name: string }[] = [
  { id: 'sozialplanung', name: 'Sozialplanung' },
  { id: 'jugendhilfeplanung', name: 'Jugendhilfeplanung' },
  { id: 'altenhilfe', name: 'Altenhilfeplanung' },
  { id: 'schulentwicklung', name: 'Schulentwicklungsplanung' },
  { id: 'gesundheit', name: 'Gesundheitsplanung' },
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'stadtentwicklung', name: 'Stadtentwicklung' },
];
