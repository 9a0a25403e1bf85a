// The budgeted ZIP reader against archives that lie (written by the test ZIP writer, which writes
// whatever sizes it is told).
import { describe, expect, it } from 'vitest';
import { crc32, deflatedEntry, writeZip, zeroBomb } from '../fuzz/zip-writer.ts';
import { ImportFileError } from './errors.ts';
import {
  bytesSource,
  DecompressionBudget,
  listZipEntries,
  readEntryBytes,
  type ZipLimits,
} from './zip.ts';

const text = (s: string) => new TextEncoder().encode(s);
const limits: ZipLimits = { maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 3 << 19 };

async function readAll(zip: Uint8Array, budget = new DecompressionBudget(limits)) {
  const src = bytesSource(zip);
  const out: Record<string, string> = {};
  for (const e of await listZipEntries(src, 'a.zip', budget.limits))
    out[e.name] = new TextDecoder().decode(await readEntryBytes(src, e, 'a.zip', budget));
  return out;
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFileError);
  return (err as ImportFileError).message;
}

describe('budgeted ZIP reading', () => {
  it('reads honest stored and deflated entries', async () => {
    const data = text('PLR_ID;Name\n01100101;Stülerstraße\n');
    const stored = {
      name: 's.txt',
      stored: data,
      method: 0 as const,
      crc: crc32(data),
      size: data.length,
    };
    expect(await readAll(writeZip([deflatedEntry('d.csv', data), stored]))).toEqual({
      'd.csv': 'PLR_ID;Name\n01100101;Stülerstraße\n',
      's.txt': 'PLR_ID;Name\n01100101;Stülerstraße\n',
    });
  });

  it('refuses an entry that inflates to more than it declares, without inflating the rest', async () => {
    const bomb = zeroBomb(64);
    const zip = writeZip([{ name: 'b.shp', method: 8, ...bomb, size: 100 }]);
    expect(await refusal(readAll(zip))).toMatch(/entpackt größer als angegeben/);
  });

  it('refuses declared sizes over the entry or upload budget, and impossible ratios, before inflating', async () => {
    const big = { ...deflatedEntry('g.geojson', text('{}')), size: 2 << 20 };
    expect(await refusal(readAll(writeZip([big])))).toMatch(/je Datei/);
    const half = deflatedEntry('h.dbf', new Uint8Array(600_000));
    const budget = new DecompressionBudget(limits);
    await readAll(writeZip([half, { ...half, name: 'i.dbf' }]), budget);
    // the budget is per upload: a second archive of the same upload finds it used up
    expect(await refusal(readAll(writeZip([{ ...half, name: 'j.dbf' }]), budget))).toMatch(
      /zusammen mehr als/,
    );
    const liar = { ...deflatedEntry('k.shp', text('x')), size: 900_000 };
    expect(await refusal(readAll(writeZip([liar])))).toMatch(/unmöglich groß/);
  });

  it('refuses too many entries, a wrong checksum, encryption-free methods it cannot read and cut archives', async () => {
    const e = deflatedEntry('a.txt', text('a'));
    const many = Array.from({ length: 11 }, (_, i) => ({ ...e, name: `${i}.txt` }));
    expect(await refusal(readAll(writeZip(many)))).toMatch(/11 Einträge; höchstens 10/);
    expect(await refusal(readAll(writeZip([{ ...e, crc: 1 }])))).toMatch(/Prüfsumme/);
    const bzip = writeZip([{ ...e, method: 12 as 8 }]);
    expect(await refusal(readAll(bzip))).toMatch(/Kompressionsverfahren 12/);
    const zip = writeZip([e]);
    expect(await refusal(readAll(zip.slice(0, zip.length - 5)))).toMatch(/Inhaltsverzeichnis/);
  });
});
