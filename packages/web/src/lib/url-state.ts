// The map view lives in the query string so a link reproduces it and back/forward works.
// Keys: system, level, indicator, date, method, classes, breaks, area, view.

export const CLASS_METHODS = ['quantile', 'equal', 'jenks', 'manual'] as const;
export type ClassMethod = (typeof CLASS_METHODS)[number];

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 9;
export const DEFAULT_CLASSES = 5;
export const DEFAULT_METHOD: ClassMethod = 'quantile';

export interface MapState {
  system: string | null;
  level: string | null;
  indicator: string | null;
  /** ISO date YYYY-MM-DD; null = the latest date with data. */
  date: string | null;
  method: ClassMethod;
  classes: number;
  /** Inner class breaks for method "manual", ascending. */
  breaks: number[] | null;
  /** Area whose profile panel is open. */
  area: number | null;
  view: 'map' | 'table';
}

export const DEFAULT_MAP_STATE: MapState = {
  system: null,
  level: null,
  indicator: null,
  date: null,
  method: DEFAULT_METHOD,
  classes: DEFAULT_CLASSES,
  breaks: null,
  area: null,
  view: 'map',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

const text = (v: string | null): string | null => (v !== null && ID.test(v) ? v : null);

/** Parses breaks written with '.' decimals and ',' separators ("5,10,15.5"); null unless strictly ascending. */
export function parseBreaks(raw: string | null): number[] | null {
  if (raw === null || raw.trim() === '') return null;
  const parts = raw.split(',').map((s) => s.trim());
  const nums = parts.map((s) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN));
  if (nums.some((n) => !Number.isFinite(n))) return null;
  for (let i = 1; i < nums.length; i++) if (nums[i]! <= nums[i - 1]!) return null;
  return nums;
}

/** Reads the map state from a query string; unknown or malformed values fall back to defaults. */
export function parseMapState(search: string): MapState {
  const p = new URLSearchParams(search);
  const methodRaw = p.get('method');
  const method = (CLASS_METHODS as readonly string[]).includes(methodRaw ?? '')
    ? (methodRaw as ClassMethod)
    : DEFAULT_METHOD;
  const classesRaw = Number(p.get('classes'));
  const classes =
    Number.isInteger(classesRaw) && classesRaw >= MIN_CLASSES && classesRaw <= MAX_CLASSES
      ? classesRaw
      : DEFAULT_CLASSES;
  const date = p.get('date');
  const areaRaw = p.get('area');
  const area = areaRaw !== null && /^\d{1,15}$/.test(areaRaw) ? Number(areaRaw) : null;
  const breaks = parseBreaks(p.get('breaks'));
  return {
    system: text(p.get('system')),
    level: text(p.get('level')),
    indicator: text(p.get('indicator')),
    date: date !== null && ISO_DATE.test(date) ? date : null,
    method,
    // with custom breaks the number of classes follows from them
    classes: method === 'manual' && breaks ? Math.min(breaks.length + 1, MAX_CLASSES + 1) : classes,
    breaks: method === 'manual' ? breaks : null,
    area,
    view: p.get('view') === 'table' ? 'table' : 'map',
  };
}

/** Writes the map state as a query string (with leading '?', or '' when everything is default); stable key order. */
export function serializeMapState(s: MapState): string {
  const p = new URLSearchParams();
  if (s.system) p.set('system', s.system);
  if (s.level) p.set('level', s.level);
  if (s.indicator) p.set('indicator', s.indicator);
  if (s.date) p.set('date', s.date);
  if (s.method !== DEFAULT_METHOD) p.set('method', s.method);
  if (s.method === 'manual' && s.breaks && s.breaks.length > 0)
    p.set('breaks', s.breaks.map((b) => String(b)).join(','));
  else if (s.classes !== DEFAULT_CLASSES) p.set('classes', String(s.classes));
  if (s.area !== null) p.set('area', String(s.area));
  if (s.view === 'table') p.set('view', 'table');
  const out = p.toString().replaceAll('%2C', ',');
  return out ? `?${out}` : '';
}

/** Parses breaks typed by a planner in German notation ("5; 10; 15,5"); null unless strictly ascending. */
export function parseGermanBreaks(input: string): number[] | null {
  const parts = input
    .split(/[;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) return null;
  const nums: number[] = [];
  for (const part of parts) {
    // German: '.' groups thousands, ',' is the decimal separator
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(part)) return null;
    nums.push(Number(part.replaceAll('.', '').replace(',', '.')));
  }
  for (let i = 1; i < nums.length; i++) if (nums[i]! <= nums[i - 1]!) return null;
  return nums;
}
