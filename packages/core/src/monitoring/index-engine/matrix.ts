// Stage "matrix": the status × dynamics matrix group, the rules on the matrix and the attention
// flag per scored area, by lookup tables over the cells (status class × nd + dynamics class, one
// extra cell for the unscored areas, so the loops need no branch). Method: docs/methods/index-engine.md.
import type { IndexDefinition, MatrixGroup } from '../types.ts';
import type { MatrixOut } from './kernels.ts';
import { I16, U8 } from './workspace.ts';
import type { Take } from './workspace.ts';

/**
 * The classification of both parts and the areas per matrix cell in one pass (fast path): called by
 * applyMatrix with the number of cells; returns the number of areas per cell like matrixKernel (the
 * per-area matrix columns follow from the class columns when first read).
 */
export type FusedFinalPass = (nd: number, cells: number, out: MatrixOut | null) => Int32Array;

/** The per-area matrix columns: group (−1 unscored), hits per rule, attention flag. */
export interface MatrixColumns {
  groupOf: Int16Array;
  hits: Uint8Array[];
  attention: Uint8Array;
}

/** The definition's matrix and rules as tables over the cells (status class × nd + dynamics class). */
export interface MatrixTables {
  /** number of dynamics classes (1 without dynamics). */
  nd: number;
  /** matrix group per cell, −1 without one. */
  groupTable: Int16Array;
  /** per rule: 1 where it matches. */
  ruleTables: Uint8Array[];
  groupCount: number;
}

/** The lookup tables of a definition's matrix and rules. */
export function matrixTables(definition: IndexDefinition): MatrixTables {
  const matrix = definition.matrix ?? [];
  const sCodes = definition.status.classes.classes.map((c) => c.code);
  const dCodes = definition.dynamics ? definition.dynamics.classes.classes.map((c) => c.code) : [];
  const nd = Math.max(1, dCodes.length);
  const groupTable = new Int16Array(sCodes.length * nd).fill(-1);
  matrix.forEach((g: MatrixGroup, gi) => {
    groupTable[sCodes.indexOf(g.status) * nd + dCodes.indexOf(g.dynamics)] = gi;
  });
  const ruleTables = (definition.rules ?? []).map((r) => {
    const t = new Uint8Array(sCodes.length * nd);
    for (let s = 0; s < sCodes.length; s++) {
      for (let d = 0; d < nd; d++) {
        const hit = r.when.some(
          (w) =>
            w.status.includes(sCodes[s] as string) &&
            (w.dynamics === undefined ||
              (dCodes[d] !== undefined && w.dynamics.includes(dCodes[d] as string))),
        );
        t[s * nd + d] = hit ? 1 : 0;
      }
    }
    return t;
  });
  return { nd, groupTable, ruleTables, groupCount: matrix.length };
}

/** The class columns the matrix reads (dClass null without dynamics). */
export interface ClassColumns {
  valid: Uint8Array;
  sClass: Int8Array;
  dClass: Int8Array | null;
}

/** The tables over the cells with one extra cell (last) for the unscored areas: group −1, no hits. */
interface CellTables {
  nc: number;
  groupX: Int16Array;
  attentionX: Uint8Array;
  rulesX: Uint8Array[];
}

function cellTables(t: MatrixTables): CellTables {
  const nc = t.groupTable.length;
  const groupX = new Int16Array(nc + 1);
  groupX.set(t.groupTable);
  groupX[nc] = -1;
  const attentionX = new Uint8Array(nc + 1);
  const rulesX = t.ruleTables.map((rt) => {
    const x = new Uint8Array(nc + 1);
    x.set(rt);
    for (let c = 0; c < nc; c++) attentionX[c] = (attentionX[c] as number) | (rt[c] as number);
    return x;
  });
  return { nc, groupX, attentionX, rulesX };
}

/**
 * Matrix group, rule hits and attention flag per scored area via the lookup tables; the counts per
 * group and of attention. With the fast path's final pass the counts come from it and the per-area
 * columns are written on the first call of `columns` (from the class columns, which must not
 * change before; with a workspace the next run overwrites them anyway) — or, with materialiseAll,
 * by the final pass itself; otherwise they are written here. Same values either way.
 */
export function applyMatrix(
  t: MatrixTables,
  cls: ClassColumns,
  take: Take,
  fused: FusedFinalPass | null = null,
  materialiseAll = false,
): { counts: Int32Array; attentionCount: number; columns: () => MatrixColumns } {
  const x = cellTables(t);
  const n = cls.valid.length;
  let cols: MatrixColumns | null = null;
  let cellCounts: Int32Array | null = null;
  const buffers = () => ({
    groupOf: take('groupOf', I16, n),
    attention: take('attention', U8, n),
    hits: t.ruleTables.map((_, r) => take(`rule.${r}`, U8, n)),
  });
  const columns = (): MatrixColumns => {
    if (cols) return cols;
    cols = buffers();
    if (fused && cls.dClass) columnsFromClasses(t, x, cls, cols);
    else cellCounts = columnsByKernel(t, x, cls, cols);
    return cols;
  };
  if (fused && materialiseAll && cls.dClass) {
    // The final pass writes group and attention; the rule hits follow as on first read.
    const b = buffers();
    cellCounts = fused(t.nd, x.nc, { groupX: x.groupX, attentionX: x.attentionX, groupOf: b.groupOf, attention: b.attention }); // prettier-ignore
    ruleHits(t, x, cls, b);
    cols = b;
  } else if (fused) cellCounts = fused(t.nd, x.nc, null);
  else columns();
  return { ...matrixCounts(cellCounts as Int32Array, x.groupX, x.attentionX, t.groupCount), columns }; // prettier-ignore
}

/**
 * The per-area columns from the class columns when the counts are known (fast path): one lean pass
 * over the class columns (unscored areas hold class −1 in both, so the tables get a row and a
 * column for −1 and need no validity test), then the rule hits.
 */
function columnsFromClasses(
  t: MatrixTables,
  x: CellTables,
  cls: ClassColumns,
  out: MatrixColumns,
): void {
  const { nd } = t;
  const nd1 = nd + 1;
  const ns1 = Math.floor(x.nc / nd) + 1;
  const groupE = new Int16Array(ns1 * nd1).fill(-1);
  const attentionE = new Uint8Array(ns1 * nd1);
  for (let c = 0; c < x.nc; c++) {
    const e = (Math.floor(c / nd) + 1) * nd1 + (c % nd) + 1;
    groupE[e] = x.groupX[c] as number;
    attentionE[e] = x.attentionX[c] as number;
  }
  matrixColumnsKernel(cls, { nd1, groupE, attentionE }, out);
  ruleHits(t, x, cls, out);
}

/** Where an area's cell is: cell = sClass × nd + dClass × dMul (dMul 0 without dynamics), the last cell when unscored. */
interface CellIndex {
  valid: Uint8Array;
  sClass: Int8Array;
  dClass: Int8Array;
  nd: number;
  dMul: number;
}

function cellIndexOf(cls: ClassColumns, nd: number): CellIndex {
  const { valid, sClass, dClass } = cls;
  return { valid, sClass, dClass: dClass ?? sClass, nd, dMul: dClass ? 1 : 0 };
}

/** Rule hits: with one rule its hits are the attention flags (attentionX is its table); more: a pass each. */
function ruleHits(t: MatrixTables, x: CellTables, cls: ClassColumns, out: MatrixColumns): void {
  if (t.ruleTables.length === 1) (out.hits[0] as Uint8Array).set(out.attention);
  else
    for (let r = 0; r < t.ruleTables.length; r++)
      ruleKernel(cellIndexOf(cls, t.nd), x.rulesX[r] as Uint8Array, out.hits[r] as Uint8Array);
}

/** The per-area columns and the areas per cell in one pass (general path); the first rule in the main loop, further rules in a pass each. */
function columnsByKernel(
  t: MatrixTables,
  x: CellTables,
  cls: ClassColumns,
  out: MatrixColumns,
): Int32Array {
  const ci = cellIndexOf(cls, t.nd);
  const cellCounts = matrixKernel(ci, x, out);
  for (let r = 1; r < t.ruleTables.length; r++)
    ruleKernel(ci, x.rulesX[r] as Uint8Array, out.hits[r] as Uint8Array);
  return cellCounts;
}

/** Areas per matrix group and with attention, from the areas per cell. */
function matrixCounts(
  cellCounts: Int32Array,
  groupX: Int16Array,
  attentionX: Uint8Array,
  groupCount: number,
): { counts: Int32Array; attentionCount: number } {
  const nc = groupX.length - 1;
  const counts = new Int32Array(Math.max(1, groupCount));
  let attentionCount = 0;
  for (let c = 0; c < nc; c++) {
    const k = cellCounts[c] as number;
    const g = groupX[c] as number;
    if (g >= 0) counts[g] = (counts[g] as number) + k;
    attentionCount += (attentionX[c] as number) * k;
  }
  return { counts, attentionCount };
}

/**
 * Kernel of applyMatrix: table lookups per area (group, the first rule, attention); returns the
 * number of areas per cell (last = unscored).
 */
function matrixKernel(ci: CellIndex, x: CellTables, out: MatrixColumns): Int32Array {
  const { valid, sClass, dClass, nd, dMul } = ci;
  const { nc, groupX, attentionX } = x;
  const { groupOf, attention } = out;
  const rule0 = x.rulesX[0] ?? attentionX;
  // Without a rule the attention column doubles as the (overwritten) target of the rule lookup.
  const h0 = out.hits[0] ?? attention;
  const n = valid.length;
  const cellCounts = new Int32Array(nc + 1);
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const cell = ((sClass[i] as number) * nd + (dClass[i] as number) * dMul - nc) * ok + nc;
    groupOf[i] = groupX[cell] as number;
    h0[i] = rule0[cell] as number;
    attention[i] = attentionX[cell] as number;
    cellCounts[cell] = (cellCounts[cell] as number) + 1;
  }
  return cellCounts;
}

/**
 * Kernel: matrix group and attention flag per area from the class columns via tables over
 * (status class + 1) × nd1 + dynamics class + 1 (row and column 0: unscored, class −1).
 */
function matrixColumnsKernel(
  cls: ClassColumns,
  e: { nd1: number; groupE: Int16Array; attentionE: Uint8Array },
  out: MatrixColumns,
): void {
  const sClass = cls.sClass;
  const dClass = cls.dClass as Int8Array;
  const { nd1, groupE, attentionE } = e;
  const { groupOf, attention } = out;
  const n = sClass.length;
  for (let i = 0; i < n; i++) {
    const k = ((sClass[i] as number) + 1) * nd1 + (dClass[i] as number) + 1;
    groupOf[i] = groupE[k] as number;
    attention[i] = attentionE[k] as number;
  }
}

/** Kernel: hits of one further rule per area. */
function ruleKernel(ci: CellIndex, ruleX: Uint8Array, hits: Uint8Array): void {
  const { valid, sClass, dClass, nd, dMul } = ci;
  const n = valid.length;
  const nc = ruleX.length - 1;
  for (let i = 0; i < n; i++) {
    const ok = valid[i] as number;
    const cell = ((sClass[i] as number) * nd + (dClass[i] as number) * dMul - nc) * ok + nc;
    hits[i] = ruleX[cell] as number;
  }
}
