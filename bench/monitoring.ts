// Benchmark of the monitoring core (issue 4): a 4 + 4 index with classes, the status × dynamics
// matrix, the attention rule and change detection, for the 542 real Berlin PLR and for 200,000
// synthetic areas × 8 indicators (seeded PRNG). Reported as a ratio to one plain pass that sums the
// same input arrays, measured in the same run (our cost over the memory-bound minimum); goal ≤ 5×
// at 200,000 areas. Called by bench/run.ts; alone:
//   npx tsx -e "import('./bench/monitoring.ts').then(m=>m.benchMonitoring()).then(console.log)"
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeIndex,
  computeIndexColumns,
  createIndexWorkspace,
  findClassChanges,
  findRepeatedNegativeDynamicsColumns,
  flagOutstandingChangeColumns,
  MSS_2013_2017,
  parseCsv,
} from '@sozialraum/core';
import type {
  IndexAreaInput,
  IndexColumnsInput,
  IndexDefinition,
  IndexResult,
  IndexWorkspace,
} from '@sozialraum/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MSS_DIR = path.join(ROOT, 'demo-data/berlin/mss');
const STATUS = ['S1', 'S2', 'S3', 'S4'];
const DYNAMICS = ['D1', 'D2', 'D3', 'D4'];

const de = (n: number, digits = 0) =>
  n.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (x: number) => (x < 0.1 ? `${de(x * 1000, 1)} µs` : `${de(x, x < 10 ? 2 : 1)} ms`);

/** mulberry32: small seeded PRNG (Tommy Ettinger, public domain) — reproducible synthetic data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box–Muller). */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/** The 4 + 4 MSS 2013/2017 definition (S1–S4, D1–D4, ≥ 300 residents). */
const DEFINITION: IndexDefinition = {
  ...MSS_2013_2017,
  validity: { ...MSS_2013_2017.validity, missingValues: 'exclude' },
};

function syntheticColumns(n: number, seed: number): IndexColumnsInput {
  const rand = mulberry32(seed);
  const ids = Array.from({ length: n }, (_, i) => `A${String(i).padStart(7, '0')}`);
  const population = new Float64Array(n);
  const values: Record<string, Float64Array> = {};
  const dynamics: Record<string, Float64Array> = {};
  for (const id of STATUS) values[id] = new Float64Array(n);
  for (const id of DYNAMICS) dynamics[id] = new Float64Array(n);
  const base = [6, 2, 12, 25];
  const scale = [3, 1.2, 8, 15];
  for (let i = 0; i < n; i++) {
    population[i] = Math.floor(rand() * 6000);
    const f = normal(rand); // latent social situation shared by the indicators
    for (let j = 0; j < 4; j++) {
      (values[STATUS[j] as string] as Float64Array)[i] = Math.max(
        0,
        (base[j] as number) + (scale[j] as number) * (0.8 * f + 0.4 * normal(rand)),
      );
      (dynamics[DYNAMICS[j] as string] as Float64Array)[i] =
        0.1 * (scale[j] as number) * (0.3 * f + normal(rand));
    }
  }
  return { ids, population, values, dynamics };
}

/** Real 542 PLR (MSS 2021): S1, S3, S4 and — as 4th indicator for a 4 + 4 index — K02 (Alleinerziehende, %) / K06 (Veränderung Ausländeranteil, pp). */
function realColumns(): IndexColumnsInput {
  const read = (file: string) => {
    const { records } = parseCsv(readFileSync(path.join(MSS_DIR, file), 'utf8'), {
      delimiter: ',',
    });
    const [head, ...rows] = records;
    const h = head?.fields ?? [];
    return rows.map((r) => Object.fromEntries(h.map((k, i) => [k, r.fields[i] ?? ''])));
  };
  const ind = read('mss2021_index_indicators_plr542.csv');
  const ctx = new Map(read('mss2021_context_indicators_plr542.csv').map((r) => [r.PLR_ID, r]));
  const num = (s: string | undefined) =>
    s === undefined || s === '' || Number(s) === -9999 ? NaN : Number(s);
  const n = ind.length;
  const col = () => new Float64Array(n);
  const cols = {
    S1: col(),
    S2: col(),
    S3: col(),
    S4: col(),
    D1: col(),
    D2: col(),
    D3: col(),
    D4: col(),
  };
  const population = col();
  ind.forEach((r, i) => {
    const c = ctx.get(r.PLR_ID);
    population[i] = num(r.EW);
    cols.S1[i] = num(r.S1);
    cols.S2[i] = num(c?.KI_02);
    cols.S3[i] = num(r.S3);
    cols.S4[i] = num(r.S4);
    cols.D1[i] = num(r.D1);
    cols.D2[i] = num(c?.KI_06);
    cols.D3[i] = num(r.D3);
    cols.D4[i] = num(r.D4);
  });
  return {
    ids: ind.map((r) => r.PLR_ID as string),
    population,
    values: { S1: cols.S1, S2: cols.S2, S3: cols.S3, S4: cols.S4 },
    dynamics: { D1: cols.D1, D2: cols.D2, D3: cols.D3, D4: cols.D4 },
  };
}

/** The "previous edition" for change detection: status 2 years earlier = S − D, same dynamics (timing only, not a real edition). */
function previousEdition(cur: IndexColumnsInput): IndexColumnsInput {
  const values: Record<string, Float64Array> = {};
  STATUS.forEach((s, j) => {
    const a = cur.values[s] as Float64Array;
    const d = cur.dynamics?.[DYNAMICS[j] as string] as Float64Array;
    values[s] = a.map((v, i) => v - (d[i] as number));
  });
  return { ...cur, values };
}

const OUTSTANDING = { threshold: 2, direction: 'increase', withZ: false } as const;

/** The timed unit: index with classes, matrix and rule, then change detection against the previous edition. */
function runPipeline(
  input: IndexColumnsInput,
  previous: IndexResult,
  workspace: IndexWorkspace,
  materialise: 'lazy' | 'all' = 'lazy',
): { result: IndexResult; changes: number; repeated: number; outstanding: number } {
  // Output buffers (index, repeated-dynamics hits, outstanding flags) reused between runs, as a
  // server recomputing an index would. Every dynamics indicator against its city-wide distribution
  // (> 2 SD): asked of the index, which sums the distribution in a pass of its own and flags in
  // its z-sum pass (the same result as flagOutstandingChangeColumns, tested in compute-index.test.ts).
  const result = computeIndexColumns({ ...DEFINITION, label: 'aktuell' }, input, workspace, {
    outstandingChanges: OUTSTANDING,
    materialise,
  });
  const changes =
    findClassChanges(previous, result, 'status').count +
    findClassChanges(previous, result, 'dynamics').count;
  const repeated = findRepeatedNegativeDynamicsColumns([previous, result], {}, workspace).count;
  let outstanding = 0;
  for (const f of result.outstandingChanges ?? []) outstanding += f.outstandingCount;
  return { result, changes, repeated, outstanding };
}

/**
 * runPipeline, then every per-area column the index builds on first read (index of both parts,
 * matrix group, rule hits, attention): the chain for a caller that reads all of them — with
 * materialise 'all' (what such a caller passes: written in the index's final pass) or 'lazy'.
 */
function runPipelineAllColumns(
  input: IndexColumnsInput,
  previous: IndexResult,
  workspace: IndexWorkspace,
  materialise: 'lazy' | 'all' = 'all',
): number {
  const { result, changes, repeated, outstanding } = runPipeline(
    input,
    previous,
    workspace,
    materialise,
  );
  const cols = [
    result.status.index,
    result.dynamics?.index ?? result.status.index,
    result.groupOf,
    result.attention,
    ...Object.values(result.ruleHits),
  ];
  return cols.reduce((a, c) => a + c.length, changes + repeated + outstanding);
}

/** One plain pass summing every input array (8 indicator columns + population): the memory-bound minimum. */
function baselinePass(input: IndexColumnsInput): number {
  let s = 0;
  const arrays = [
    input.population,
    ...Object.values(input.values),
    ...Object.values(input.dynamics ?? {}),
  ];
  for (const a of arrays) {
    const n = a.length;
    for (let i = 0; i < n; i++) s += a[i] as number;
  }
  return s;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median wall time of `runs` calls after `warmup` calls (the same 5 for the chain and the baseline). */
function time(fn: () => unknown, runs: number, warmup = 5): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += fn() ? 1 : 0;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += fn() ? 1 : 0;
    t.push(performance.now() - t0);
  }
  if (sink < 0) console.log(sink); // keep the calls observable
  return median(t);
}

function toAreas(input: IndexColumnsInput): IndexAreaInput[] {
  return input.ids.map((id, i) => ({
    id,
    population: input.population[i] as number,
    values: Object.fromEntries(
      STATUS.map((s) => [s, (input.values[s] as Float64Array)[i] as number]),
    ),
    dynamics: Object.fromEntries(
      DYNAMICS.map((d) => [d, (input.dynamics?.[d] as Float64Array)[i] as number]),
    ),
  }));
}

/** Runs the monitoring benchmark; returns a markdown section (German, like docs/benchmarks.md). */
export async function benchMonitoring(): Promise<string> {
  const rows: [string, string, string, string][] = [];
  const notes: string[] = [];
  const cases: { name: string; input: IndexColumnsInput; runs: number }[] = [
    { name: '542 Planungsräume (Berlin, MSS 2021)', input: realColumns(), runs: 200 },
    {
      name: '200.000 synthetische Gebiete × 8 Indikatoren',
      input: syntheticColumns(200_000, 20261125),
      // 61 runs: one run of another process on the 2 cores moves the median of 61 less than of 15
      runs: 61,
    },
  ];
  let ratio200k = NaN;
  let ratio200kAll = NaN;
  for (const c of cases) {
    const previous = computeIndexColumns(
      { ...DEFINITION, label: 'vorher' },
      previousEdition(c.input),
    );
    const workspace = createIndexWorkspace();
    const once = runPipeline(c.input, previous, workspace);
    // Check before timing: the flags from the index's passes are those of the separate function.
    const separate = flagOutstandingChangeColumns(
      DYNAMICS.map((d) => c.input.dynamics?.[d] as Float64Array),
      OUTSTANDING,
    );
    separate.forEach((f, j) => {
      const g = once.result.outstandingChanges?.[j];
      if (!g || g.outstandingCount !== f.outstandingCount || g.mean !== f.mean || g.sd !== f.sd || g.outstanding.some((x, i) => x !== f.outstanding[i])) // prettier-ignore
        throw new Error(`Veränderungen > 2 SD: Index-Durchlauf und flagOutstandingChangeColumns weichen ab (${DYNAMICS[j] as string}).`); // prettier-ignore
    });
    const notesOnce = {
      validCount: once.result.validCount,
      counts: once.result.status.counts,
      attentionCount: once.result.attentionCount,
    };
    const tPipe = time(() => runPipeline(c.input, previous, workspace), c.runs);
    const tPipeAll = time(() => runPipelineAllColumns(c.input, previous, workspace), c.runs);
    const tPipeAllLazy = time(
      () => runPipelineAllColumns(c.input, previous, workspace, 'lazy'),
      c.runs,
    );
    const tIndex = time(() => computeIndexColumns(DEFINITION, c.input, workspace), c.runs);
    const tIndexFresh = time(() => computeIndexColumns(DEFINITION, c.input), c.runs);
    const tBase = time(() => baselinePass(c.input), c.runs * 5, 5);
    const ratio = tPipe / tBase;
    if (c.input.ids.length === 200_000) {
      ratio200k = ratio;
      ratio200kAll = tPipeAll / tBase;
    }
    rows.push([
      `${c.name}: Index + Klassen + Matrix + Veränderungen`,
      ms(tPipe),
      `eine Summe über dieselben 9 Spalten: ${ms(tBase)}`,
      `${de(ratio, 1)}×`,
    ]);
    rows.push([
      `${c.name}: dieselbe Kette, alle Spalten je Gebiet abgerufen (Index, Matrixgruppe, Regeltreffer, Aufmerksamkeit; materialise: 'all')`,
      ms(tPipeAll),
      ms(tBase),
      `${de(tPipeAll / tBase, 1)}×`,
    ]);
    rows.push([
      `${c.name}: dieselbe Kette, alle Spalten je Gebiet abgerufen, erst beim Lesen gebildet (materialise: 'lazy')`,
      ms(tPipeAllLazy),
      ms(tBase),
      `${de(tPipeAllLazy / tBase, 1)}×`,
    ]);
    rows.push([
      `${c.name}: nur Index (Spalten-Eingabe, Puffer wiederverwendet)`,
      ms(tIndex),
      ms(tBase),
      `${de(tIndex / tBase, 1)}×`,
    ]);
    rows.push([
      `${c.name}: nur Index (Spalten-Eingabe, neue Puffer)`,
      ms(tIndexFresh),
      ms(tBase),
      `${de(tIndexFresh / tBase, 1)}×`,
    ]);
    notes.push(
      `${c.name}: ${de(notesOnce.validCount)} bewertet, Status-Klassen ${notesOnce.counts.map((x) => de(x)).join('/')}, ` +
        `Aufmerksamkeitsbedarf ${de(notesOnce.attentionCount)}, Klassenwechsel ${de(once.changes)}, zweimal negativ ${de(once.repeated)}, ` +
        `Veränderungen > 2 SD ${de(once.outstanding)}.`,
    );
    if (c.input.ids.length === 200_000) {
      const areas = toAreas(c.input);
      const tObj = time(() => computeIndex(DEFINITION, { areas }), 5, 1);
      rows.push([
        `${c.name}: nur Index (Objekt-Eingabe, inkl. Umwandlung in Spalten)`,
        ms(tObj),
        ms(tBase),
        `${de(tObj / tBase, 1)}×`,
      ]);
    }
  }
  notes.push(
    'Index: 4 + 4 Indikatoren nach MSS 2013/2017 (z-Werte mit Populations-SD, Summe, erneute Standardisierung, Klassen, 12er-Matrix, Regel „besonderer Aufmerksamkeitsbedarf“), ≥ 300 Einwohner. ' +
      'Für die 542 PLR ist der 4. Indikator K02 (Alleinerziehende) bzw. K06 (Veränderung Ausländeranteil), weil MSS 2021 nur 3 + 3 hat.',
    "Veränderungen (spaltenweise: findClassChanges, findRepeatedNegativeDynamicsColumns; Veränderungen > 2 SD für alle 4 Dynamik-Indikatoren mit dem Index berechnet, Option outstandingChanges von computeIndexColumns: Verteilungssummen in einem eigenen Durchlauf, Markierungen im z-Summen-Durchlauf; vor der Messung mit flagOutstandingChangeColumns verglichen): Klassenwechsel Status und Dynamik gegenüber einer Vorausgabe (Status = S − D, nur zur Zeitmessung), zweimal in Folge negative Dynamik, Veränderungen > 2 SD über der gesamtstädtischen Verteilung je Dynamik-Indikator. Die Gesamtkette nutzt einen IndexWorkspace (Ausgabepuffer von Index, „zweimal negativ“ und „> 2 SD“ wiederverwendet). Im schnellen Pfad schreibt der Index je Gebiet Gültigkeit, Klassen, verknüpfte Werte und die > 2-SD-Markierungen; Indexwerte, Matrixgruppe, Regeltreffer und Aufmerksamkeit je Gebiet entstehen beim ersten Lesen aus diesen Spalten (gleiche Werte; Zählungen je Klasse, Gruppe und Aufmerksamkeit schon in der Kette); mit der Option materialise: 'all' (für Aufrufer, die alle Spalten lesen, etwa den Server) schreibt der letzte Durchlauf Indexwerte, Matrixgruppe und Aufmerksamkeit gleich mit (Regeltreffer bei einer Regel als Kopie der Aufmerksamkeit) — die Zeilen „alle Spalten je Gebiet abgerufen“ messen die Kette mit dem Lesen aller Spalten, mit 'all' und mit 'lazy'. " +
      'Synthetische Daten: mulberry32, Seed 20261125. Zeiten: Median (200.000 Gebiete: 61 Läufe, Vergleich 305 Läufe; je 5 zum Aufwärmen); Vergleich: Median einer Summe über Einwohner + 8 Indikatorspalten (Float64Array) im selben Lauf.',
    `Ziel ≤ 5× bei 200.000 Gebieten: ${Number.isFinite(ratio200k) && ratio200k <= 5 ? 'erreicht' : 'nicht erreicht'} (${de(ratio200k, 1)}×); mit allen Spalten je Gebiet abgerufen (materialise: 'all') ${de(ratio200kAll, 1)}×.`,
  );
  return [
    '### e. Monitoring: Index 4 + 4 mit Klassen, Matrix und Veränderungserkennung (`bench/monitoring.ts`)',
    '',
    '| Messgröße | Ergebnis | Vergleich (gleicher Lauf) | Verhältnis |',
    '|---|---:|---|---:|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
