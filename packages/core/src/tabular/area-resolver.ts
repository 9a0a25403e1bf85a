// Area cell → area id, for the ObservationMapper: codes (with Excel's lost leading zeros restored,
// ="…" unwrapped, "code name" cells split), names through the name matcher (area-names.ts), and
// rows that are no area at all (non-area-rows.ts). Keeps the counts and examples the import report
// needs. Moved out of mapping.ts to keep that file readable; behaviour for codes is unchanged.

import { createAreaNameMatcher, type AreaNameMatch, type AreaNameMatcher } from './area-names.ts';
import type { AreaKey, AreaLookup, MappingContext } from './mapping.ts';
import { normalizeAreaName } from './area-names.ts';
import { classifyNonAreaRow, type NonAreaRowClass } from './non-area-rows.ts';

export type AreaResolution =
  | { ok: true; areaId: number; padded: boolean; withName?: boolean }
  | { ok: false; message: string; kind: 'unknown' | 'ambiguous' };

const MAX_LIST = 200;
const CONFIDENCE_RANK = { exact: 0, high: 1, medium: 2 } as const;

/** Resolves area cells of one import; cached per distinct cell text. */
export class AreaResolver {
  private readonly cache = new Map<string, AreaResolution>();
  private readonly nonAreaCache = new Map<string, NonAreaRowClass | null>();
  private readonly matcher: AreaNameMatcher | null;
  private knownCodes: string[] | null = null;
  readonly unmatched = new Set<string>();
  readonly ambiguous = new Map<string, number[]>();
  /** Names matched other than literally, or left open: the review table of the dry run. */
  readonly nameMatches = new Map<string, AreaNameMatch>();
  private paddedCount = 0;
  private paddedExample = '';
  private codeWithNameCount = 0;
  private codeWithNameExample = '';
  private renamedRows = 0;

  constructor(
    private readonly lookup: AreaLookup,
    private readonly key: AreaKey,
    private readonly ctx: Pick<MappingContext, 'nameMatching' | 'nonAreaRows'>,
  ) {
    this.matcher =
      key === 'name' && lookup.areas
        ? createAreaNameMatcher(lookup.areas, { synonyms: ctx.nameMatching?.synonyms ?? {} })
        : null;
  }

  resolve(raw: string): AreaResolution {
    let res = this.cache.get(raw);
    if (!res) {
      res = this.key === 'code' ? this.resolveCode(raw) : this.resolveName(raw);
      this.cache.set(raw, res);
    }
    return res;
  }

  /** Counts a row that used a resolution (for the summary warnings). */
  noteRow(res: AreaResolution & { ok: true }, raw: string): void {
    if (res.padded) this.paddedCount++;
    if (res.withName) this.codeWithNameCount++;
    if (this.nameMatches.get(raw.trim())?.status === 'matched') this.renamedRows++;
  }

  /** Lists an unmatched cell (ambiguous names are listed when resolved). */
  noteFailure(raw: string, res: AreaResolution & { ok: false }): void {
    if (res.kind === 'unknown' && raw !== '' && this.unmatched.size < MAX_LIST)
      this.unmatched.add(raw);
    // rows skipped as sums or subtotals never get here, so they stay out of the review table
    if (
      this.matcher &&
      raw !== '' &&
      this.nameMatches.size < MAX_LIST &&
      !this.nameMatches.has(raw)
    )
      this.nameMatches.set(raw, this.matcher.match(raw));
  }

  /** Says whether a cell that matched no area is a sum, city, subtotal or blank row. */
  classifyNonArea(raw: string): NonAreaRowClass | null {
    let c = this.nonAreaCache.get(raw);
    if (c === undefined) {
      this.knownCodes ??= [...this.lookup.byCode.keys()];
      c = classifyNonAreaRow(raw, { knownCodes: this.knownCodes, ...this.ctx.nonAreaRows });
      this.nonAreaCache.set(raw, c);
    }
    return c;
  }

  warnings(): string[] {
    const out: string[] = [];
    if (this.paddedCount > 0)
      out.push(
        `Führende Nullen ergänzt bei ${this.paddedCount} ${this.paddedCount === 1 ? 'Zeile' : 'Zeilen'} (z. B. ${this.paddedExample}); Excel entfernt sie beim Öffnen von CSV-Dateien.`,
      );
    if (this.codeWithNameCount > 0)
      out.push(
        `Gebietsschlüssel aus Zellen mit Schlüssel und Name gelesen bei ${this.codeWithNameCount} ${this.codeWithNameCount === 1 ? 'Zeile' : 'Zeilen'} (z. B. '${this.codeWithNameExample}').`,
      );
    const renamed = [...this.nameMatches.values()].filter((m) => m.status === 'matched');
    const first = renamed[0];
    if (first && first.status === 'matched')
      out.push(
        `${renamed.length} ${renamed.length === 1 ? 'Gebietsname' : 'Gebietsnamen'} anders geschrieben als im Gebietssystem und zugeordnet (${this.renamedRows} ${this.renamedRows === 1 ? 'Zeile' : 'Zeilen'}; z. B. '${first.input}' → ${first.area.code} ${first.area.name} (${first.reasons.join(', ')})) – bitte in der Prüfliste bestätigen.`,
      );
    return out;
  }

  private resolveCode(raw: string): AreaResolution {
    let code = raw.trim();
    // Excel trick to keep leading zeros: ="01100101"
    const formula = /^="(.*)"$/.exec(code);
    if (formula) code = formula[1]!;
    const { byCode, codeLengths } = this.lookup;
    const id = byCode.get(code);
    if (id !== undefined) return { ok: true, areaId: id, padded: false };
    // Published tables often put code and name in one cell: "01100101 Stülerstraße".
    const lead = /^(\S+)\s+\S/.exec(code);
    if (lead) {
      const inner = this.resolveCode(lead[1]!);
      if (inner.ok) {
        if (this.codeWithNameExample === '') this.codeWithNameExample = code;
        return { ...inner, withName: true };
      }
    }
    if (/^\d+$/.test(code)) {
      const hits: { code: string; id: number }[] = [];
      for (const len of codeLengths) {
        if (len <= code.length) continue;
        const padded = code.padStart(len, '0');
        const pid = byCode.get(padded);
        if (pid !== undefined) hits.push({ code: padded, id: pid });
      }
      if (hits.length === 1) {
        if (this.paddedExample === '') this.paddedExample = `'${code}' → '${hits[0]!.code}'`;
        return { ok: true, areaId: hits[0]!.id, padded: true };
      }
      if (hits.length > 1) {
        return {
          ok: false,
          kind: 'ambiguous',
          message: `Gebietsschlüssel '${code}' ist ohne führende Nullen mehrdeutig (${hits.map((h) => `'${h.code}'`).join(', ')})`,
        };
      }
    }
    if (code === '') return { ok: false, kind: 'unknown', message: 'Gebietsschlüssel fehlt' };
    return { ok: false, kind: 'unknown', message: `Gebietsschlüssel '${code}' ist unbekannt` };
  }

  private resolveName(raw: string): AreaResolution {
    const name = raw.trim();
    if (name === '') return { ok: false, kind: 'unknown', message: 'Gebietsname fehlt' };
    if (!this.matcher) return this.resolveNameExact(name);
    const m = this.matcher.match(name);
    if (m.status === 'matched') {
      const literal = m.confidence === 'exact' && m.reasons[0] !== 'Synonym (bestätigt)';
      const min = this.ctx.nameMatching?.minConfidence ?? 'medium';
      if (CONFIDENCE_RANK[m.confidence] <= CONFIDENCE_RANK[min]) {
        if (!literal && this.nameMatches.size < MAX_LIST) this.nameMatches.set(name, m);
        return { ok: true, areaId: m.area.id, padded: false };
      }
      return {
        ok: false,
        kind: 'unknown',
        message: `Gebietsname '${name}' passt vermutlich zu ${m.area.code} ${m.area.name} (${m.reasons.join(', ')}); bitte in der Prüfliste bestätigen`,
      };
    }
    if (m.status === 'unmatched')
      return { ok: false, kind: 'unknown', message: `Gebietsname '${name}' ist unbekannt` };
    this.ambiguous.set(
      name,
      m.candidates.map((a) => a.id),
    );
    const exactTwins = m.candidates.every(
      (a) => normalizeAreaName(a.name) === normalizeAreaName(name),
    );
    return {
      ok: false,
      kind: 'ambiguous',
      message: exactTwins
        ? `Gebietsname '${name}' ist mehrdeutig (${m.candidates.length} Gebiete heißen so); bitte über den Gebietsschlüssel zuordnen`
        : `Gebietsname '${name}' ist mehrdeutig (${m.candidates.map((a) => `${a.code} ${a.name}`).join(', ')}); bitte in der Prüfliste zuordnen`,
    };
  }

  /** Without the area list (a hand-built lookup): names compared after case and blanks only. */
  private resolveNameExact(name: string): AreaResolution {
    const ids = this.lookup.byName.get(normalizeAreaName(name));
    if (!ids || ids.length === 0)
      return { ok: false, kind: 'unknown', message: `Gebietsname '${name}' ist unbekannt` };
    if (ids.length > 1) {
      this.ambiguous.set(name, [...ids]);
      return {
        ok: false,
        kind: 'ambiguous',
        message: `Gebietsname '${name}' ist mehrdeutig (${ids.length} Gebiete heißen so); bitte über den Gebietsschlüssel zuordnen`,
      };
    }
    return { ok: true, areaId: ids[0]!, padded: false };
  }
}
