// Class breaks for choropleth maps. Method notes (with sources): docs/methods/classification.md.
//
// Boundary rule (all methods): class c holds the values x with breaks[c] ≤ x < breaks[c+1];
// the last class also holds breaks[k] (= the maximum). breaks has k+1 entries from min to max,
// strictly increasing except that a last class holding only the maximum is written [max, max].
import { quantileSorted } from '../stats/descriptive.ts';
import { ckmeansSorted } from './ckmeans.ts';

/** The classification methods, in the order they are documented. */
export const CLASSIFY_METHODS = ['quantile', 'equal', 'jenks', 'manual'] as const;
/** A classification method: quantiles, equal intervals, Jenks (= exact Ckmeans) or manual breaks. */
export type ClassifyMethod = (typeof CLASSIFY_METHODS)[number];

/** Most classes we classify into (Int8Array class ids; a map legend beyond ~9 classes is unreadable anyway). */
export const MAX_CLASSES = 20;

/** Options of `classify`. */
export interface ClassifyOptions {
  method: ClassifyMethod;
  /** wanted number of classes; for 'manual' optional (then breaks.length − 1). */
  classes?: number;
  /** 'manual' only: strictly increasing bounds, k+1 of them. */
  breaks?: readonly number[];
}

/** A classification of values into k classes. */
export interface Classification {
  method: ClassifyMethod;
  /** the number of classes asked for. */
  requestedClasses: number;
  /** the number of classes produced (fewer when there are fewer distinct values or equal breaks). */
  classes: number;
  /** k+1 ascending bounds, first = min, last = max of the classified values (empty when no values). */
  breaks: number[];
  /** class index per input position, 0 … k−1; −1 where the value was null. */
  classOf: Int8Array;
  /** number of values per class. */
  counts: number[];
  /** German notes for the legend or the user: reduced classes, extended manual bounds, empty classes. */
  notes: string[];
}

/** Classifies values (nulls = no data) into classes by the given method; see docs/methods/classification.md. */
export function classify(
  values: readonly (number | null | undefined)[],
  options: ClassifyOptions,
): Classification {
  const method = options.method as string;
  if (!(CLASSIFY_METHODS as readonly string[]).includes(method)) {
    throw new Error(
      `Unbekannte Klassifizierungsmethode "${method}". Erlaubt sind: ${CLASSIFY_METHODS.join(', ')}.`,
    );
  }
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v))
      throw new RangeError(`Wert an Position ${i} ist keine endliche Zahl (${String(v)})`);
    present.push(v);
  }
  const sorted = present.sort((a, b) => a - b);
  const distinct: number[] = [];
  const weights: number[] = [];
  for (const x of sorted) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === x)
      weights[weights.length - 1]! += 1;
    else {
      distinct.push(x);
      weights.push(1);
    }
  }

  const notes: string[] = [];
  let requested: number;
  let breaks: number[];
  if (options.method === 'manual') {
    const manual = validateManualBreaks(options.breaks);
    requested = manual.length - 1;
    if (options.classes !== undefined && options.classes !== requested) {
      throw new RangeError(
        `Manuelle Klassen: ${manual.length} Grenzen ergeben ${requested} Klassen, angegeben sind aber ${options.classes} Klassen`,
      );
    }
    breaks = [...manual];
    const min = sorted[0];
    const max = sorted[sorted.length - 1];
    if (min !== undefined && min < (breaks[0] as number)) {
      const below = sorted.filter((x) => x < (breaks[0] as number)).length;
      notes.push(
        `${below} Wert(e) unter der ersten Grenze ${breaks[0]}: erste Grenze auf das Minimum ${min} gesetzt`,
      );
      breaks[0] = min;
    }
    if (max !== undefined && max > (breaks[requested] as number)) {
      const above = sorted.filter((x) => x > (breaks[requested] as number)).length;
      notes.push(
        `${above} Wert(e) über der letzten Grenze ${breaks[requested]}: letzte Grenze auf das Maximum ${max} gesetzt`,
      );
      breaks[requested] = max;
    }
  } else {
    requested = validateClassCount(options.classes);
    if (distinct.length === 0) {
      return {
        method: options.method,
        requestedClasses: requested,
        classes: 0,
        breaks: [],
        classOf: new Int8Array(values.length).fill(-1),
        counts: [],
        notes: ['Keine Werte vorhanden: nichts zu klassifizieren'],
      };
    }
    let k = requested;
    if (distinct.length < k) {
      notes.push(
        `Nur ${distinct.length} verschiedene Werte: ${distinct.length} statt ${requested} Klassen`,
      );
      k = distinct.length;
    }
    if (options.method === 'quantile') breaks = quantileBreaks(sorted, k);
    else if (options.method === 'equal') breaks = equalBreaks(distinct, k);
    else breaks = jenksBreaks(distinct, weights, k);
    // Only quantiles can repeat a bound (many equal values). Jenks bounds are distinct values,
    // except that a last class made of the maximum alone is [max, max] — kept, it is a real class.
    const unique = options.method === 'quantile' ? dedupe(breaks) : breaks;
    if (unique.length < breaks.length) {
      notes.push(
        `Gleiche Klassengrenzen wegen vieler gleicher Werte: ${unique.length - 1} statt ${breaks.length - 1} Klassen`,
      );
      breaks = unique;
    }
  }

  const k = breaks.length - 1;
  const classOf = new Int8Array(values.length).fill(-1);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const c = classIndex(breaks, v);
    classOf[i] = c;
    counts[c]! += 1;
  }
  counts.forEach((count, c) => {
    if (count === 0 && sorted.length > 0)
      notes.push(`Klasse ${c + 1} (${breaks[c]} bis ${breaks[c + 1]}) enthält keine Werte`);
  });
  return {
    method: options.method,
    requestedClasses: requested,
    classes: k,
    breaks,
    classOf,
    counts,
    notes,
  };
}

/** Class index of x under the boundary rule (lower bound inclusive, last class includes the maximum). */
export function classIndex(breaks: readonly number[], x: number): number {
  const k = breaks.length - 1;
  if (k < 1) return -1;
  // Largest c in [0, k−1] with breaks[c] ≤ x (binary search); values below breaks[0] go to 0.
  let lo = 0;
  let hi = k - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((breaks[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function validateClassCount(classes: number | undefined): number {
  if (classes === undefined || !Number.isInteger(classes) || classes < 1 || classes > MAX_CLASSES) {
    throw new RangeError(
      `Klassenzahl muss eine ganze Zahl von 1 bis ${MAX_CLASSES} sein, erhalten: ${String(classes)}`,
    );
  }
  return classes;
}

function validateManualBreaks(breaks: readonly number[] | undefined): readonly number[] {
  if (!breaks || breaks.length < 2) {
    throw new RangeError(
      'Manuelle Klassen brauchen mindestens zwei Grenzen (breaks), z. B. [0, 10, 20]',
    );
  }
  if (breaks.length - 1 > MAX_CLASSES) {
    throw new RangeError(`Höchstens ${MAX_CLASSES} Klassen, angegeben sind ${breaks.length - 1}`);
  }
  breaks.forEach((b, i) => {
    if (!Number.isFinite(b))
      throw new RangeError(`Grenze an Position ${i} ist keine endliche Zahl (${String(b)})`);
    if (i > 0 && b <= (breaks[i - 1] as number)) {
      throw new RangeError(
        `Grenzen müssen streng aufsteigen: Grenze ${i} (${b}) ist nicht größer als Grenze ${i - 1} (${breaks[i - 1]})`,
      );
    }
  });
  return breaks;
}

/** Type-7 quantiles at c/k (Hyndman & Fan 1996), so the first bound is the min and the last the max. */
function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let c = 0; c <= k; c++) out.push(quantileSorted(sorted, c / k) as number);
  return out;
}

/** k intervals of equal width between min and max; the last bound is set to the max exactly. */
function equalBreaks(distinct: readonly number[], k: number): number[] {
  const min = distinct[0] as number;
  const max = distinct[distinct.length - 1] as number;
  const width = (max - min) / k;
  const out: number[] = [];
  for (let c = 0; c < k; c++) out.push(min + c * width);
  out.push(max);
  return out;
}

/** Ckmeans clusters as breaks: each class starts at its smallest member, so the boundary rule reproduces the clusters. */
function jenksBreaks(distinct: readonly number[], weights: readonly number[], k: number): number[] {
  const { starts } = ckmeansSorted(distinct, weights, k);
  return [...starts.map((s) => distinct[s] as number), distinct[distinct.length - 1] as number];
}

function dedupe(breaks: readonly number[]): number[] {
  const out: number[] = [];
  for (const b of breaks) if (out.length === 0 || b > (out[out.length - 1] as number)) out.push(b);
  // A single distinct value gives [x]: keep it as one class [x, x].
  if (out.length === 1) out.push(out[0] as number);
  return out;
}
