// The empty PGlite cluster, prepared once at `npm install` (docs/adr/0027-empty-cluster-at-install.md).
// A new PGlite data directory costs 3–4 s of CPU: PGlite runs initdb in a second WASM instance and
// copies that instance's data directory as a tar into its own. The result does not depend on our
// code or data, only on the PGlite version, so the tar is kept under node_modules/.cache and a
// new data directory starts from it (about 1 s) — the first start of the app is that much faster.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** The installed PGlite's package folder (node_modules/@electric-sql/pglite). */
function pgliteDir(): string {
  // the package exports no package.json; its main file lies in dist/
  const main = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(main);
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir)
    dir = path.dirname(dir);
  return dir;
}

/** Where the template of the installed PGlite version lives (it need not exist). */
export function clusterTemplatePath(): string {
  const dir = pgliteDir();
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  // node_modules/@electric-sql/pglite → node_modules/.cache/sozialraum
  return path.join(dir, '..', '..', '.cache', 'sozialraum', `pglite-${version}-empty-cluster.tar`);
}

/**
 * The template as a Blob for PGlite's loadDataDir, or undefined when none was prepared or the file
 * is no tar archive (PGlite would take other bytes for gzip and fail outside any promise we hold).
 */
export function readClusterTemplate(file = clusterTemplatePath()): Blob | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const ustar = bytes.length >= 1024 && bytes.toString('latin1', 257, 262) === 'ustar';
  return ustar ? new Blob([new Uint8Array(bytes)]) : undefined;
}

/** True when dataDir holds no cluster yet (missing, empty, or only our lock file). */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Writes the template unless it exists: initdb in an in-memory instance, its data directory as an
 * uncompressed tar (gzip would save 35 MB on disk and cost the time we want to save). Written to a
 * temporary name and renamed, so a half-written file is never read.
 */
export async function prepareClusterTemplate(
  file = clusterTemplatePath(),
): Promise<'exists' | 'written'> {
  if (existsSync(file)) return 'exists';
  const db = new PGlite();
  try {
    await db.waitReady;
    const tar = await db.dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
    renameSync(partial, file);
    return 'written';
  } finally {
    await db.close();
  }
}
