// The Berlin demo's catalogue is data checked by the contract (issue 10 § 2): the shipped file
// passes, and a broken entry is refused with its path.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BERLIN_TENANT, CATALOGUE_FILE, readCatalogue } from './catalogue.ts';
import { readFileSync } from 'node:fs';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function broken(change: (c: Record<string, unknown>) => void): Promise<string> {
  const c = JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as Record<string, unknown>;
  change(c);
  const dir = await mkdtemp(path.join(tmpdir(), 'catalogue-'));
  dirs.push(dir);
  const file = path.join(dir, 'catalogue.json');
  await writeFile(file, JSON.stringify(c));
  return file;
}

type Entry = Record<string, unknown>;

describe('the Berlin catalogue', () => {
  it('is valid: 4 sources, 96 indicators, every reference resolves', () => {
    const c = readCatalogue();
    expect(c.tenant).toEqual(BERLIN_TENANT);
    expect(c.sources.map((s) => s.id)).toEqual(['lor', 'ewr', 'mss', 'geoportal-services']);
    expect(c.indicators).toHaveLength(96);
    // (S2 and D2, long-term unemployment, are published only in the MSS 2013–2017)
    expect(c.mssColumns.index.map((m) => m.column2021)).toEqual([
      'S1',
      null,
      'S3',
      'S4',
      'D1',
      null,
      'D3',
      'D4',
    ]);
    const shares = c.indicators.filter((i) => i.kind === 'share');
    expect(shares.length).toBeGreaterThan(10);
    for (const s of shares) expect(s.numeratorIndicatorId).toBeTruthy();
  });

  it('refuses a wrong Lebenslage with the entry path', async () => {
    const file = await broken((c) => {
      (c.indicators as Entry[])[3]!.dimension = 'wetter';
    });
    expect(() => readCatalogue(file)).toThrow(
      /catalogue\.json ist ungültig[\s\S]*indicators\[3\]\.dimension/,
    );
  });

  it('refuses a column mapped to an indicator that does not exist', async () => {
    const file = await broken((c) => {
      const f = (c.ewrFiles as { columns: Record<string, string> }[])[0]!;
      f.columns['inhabitants_typo'] = 'ewr_missing';
    });
    expect(() => readCatalogue(file)).toThrow(/Indikator ewr_missing fehlt/);
  });

  it('refuses a share without its parts and an unknown field', async () => {
    const share = await broken((c) => {
      const s = (c.indicators as Entry[]).find((i) => i.kind === 'share')!;
      delete s.numeratorIndicatorId;
    });
    expect(() => readCatalogue(share)).toThrow(/braucht numeratorIndicatorId/);
    const extra = await broken((c) => {
      (c.sources as Entry[])[0]!.licenze = 'CC0';
    });
    expect(() => readCatalogue(extra)).toThrow(/licenze/);
  });
});
