// Checking uploaded HSDS objects against the official HSDS 3.0 schemas kept in the repository
// (standards/hsds-3.0/schema, CC BY-SA 4.0): each top-level record against the schema of its kind
// (service.json, organization.json, …; nested objects through their $refs), JSON Schema 2020-12
// with formats (uuid, uri, email, date-time). The small per-object schemas compile in milliseconds;
// the compiled bundles (2–3 MB each) are for the export tests.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { HsdsIssue, HsdsKind, HsdsRecord } from '@sozialraum/core';
import { REPO_ROOT } from '../../config.ts';

const SCHEMAS = path.join(REPO_ROOT, 'standards/hsds-3.0/schema');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

let ajv: Ajv2020 | undefined;
const validators = new Map<HsdsKind, ValidateFunction>();

/** The validator of one kind's schema, compiled when first needed (each takes a moment). */
function validatorOf(kind: HsdsKind): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    // the schemas refer to each other by file name ("$ref": "phone.json")
    for (const f of readdirSync(SCHEMAS).filter((n) => n.endsWith('.json') && n !== 'openapi.json'))
      ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')) as object, f);
  }
  let v = validators.get(kind);
  if (!v) {
    v = ajv.getSchema(`${kind}.json`)!;
    validators.set(kind, v);
  }
  return v;
}

/** "/service_at_locations/0/location/latitude" → ".service_at_locations[0].location.latitude". */
const jsonPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');

/** One schema error in German for the common keywords; Ajv's English text for the rare others. */
export function germanMessage(e: {
  keyword: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}): string {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `Pflichtfeld fehlt (${String(p.missingProperty)})`;
    case 'type':
      return `falscher Typ, erwartet: ${String(p.type)}`;
    case 'format':
      return `kein gültiges Format „${String(p.format)}“`;
    case 'enum':
      return `nicht erlaubter Wert; erlaubt: ${((p.allowedValues as unknown[]) ?? []).join(', ')}`;
    case 'pattern':
      return 'passt nicht zum vorgeschriebenen Muster';
    case 'minLength':
      return `zu kurz (mindestens ${String(p.limit)} Zeichen)`;
    case 'maxLength':
      return `zu lang (höchstens ${String(p.limit)} Zeichen)`;
    case 'minimum':
      return `zu klein (mindestens ${String(p.limit)})`;
    case 'maximum':
      return `zu groß (höchstens ${String(p.limit)})`;
    case 'additionalProperties':
      return `unbekanntes Feld (${String(p.additionalProperty)})`;
    case 'minItems':
      return `zu wenige Einträge (mindestens ${String(p.limit)})`;
    default:
      return e.message ?? 'ungültig';
  }
}

/** Schema errors of the records (at most `max`), each naming file, record, id and JSON path. */
export function checkHsdsSchemas(records: readonly HsdsRecord[], max = 200): HsdsIssue[] {
  const issues: HsdsIssue[] = [];
  for (const r of records) {
    const validate = validatorOf(r.kind);
    const valid: boolean = validate(r.obj);
    if (valid) continue;
    const id = r.obj.id;
    for (const e of validate.errors ?? []) {
      issues.push({
        file: r.at.file,
        index: r.at.index,
        id: typeof id === 'string' ? id : null,
        path: r.at.path + jsonPath(e.instancePath),
        message: `HSDS 3.0 (${r.kind}.json): ${germanMessage(e)}`,
      });
      if (issues.length >= max) return issues;
    }
  }
  return issues;
}
