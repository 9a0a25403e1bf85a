// SQL lives in a module's store files (store.ts, store-<aggregate>.ts, <part>-store.ts; docs/engineering.md, ADR 0028).
// This test reads every non-test source file under packages/server/src/modules, finds the string and
// template literals that hold an SQL statement (TypeScript's own parser, so comments and route
// methods such as 'DELETE' do not count) and compares the files with the list of those still
// waiting to move. A new file with SQL outside a store fails; so does a file on the list that no
// longer holds any, until it is taken off the list.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MODULES = path.resolve(import.meta.dirname, '../modules');
const SEED = path.resolve(import.meta.dirname, '../seed');

/** Files whose SQL is not ours: queries against an uploaded GeoPackage (SQLite) and its fuzz seeds. */
const NOT_OUR_DATABASE = new Set([
  'imports/readers/geo/geopackage-reader.ts',
  'imports/fuzz/seeds.ts',
]);

/** Files still to move into their module's store: none since issue 10 § 2 — keep it empty. */
const WAITING = new Set<string>([]);

const SQL =
  /\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|UPDATE\s+[a-z_]+\s+SET|DELETE\s+FROM|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX)|DROP\s+(TABLE|INDEX)|ALTER\s+TABLE)\b|^\s*SELECT\s+\d/;

/** Does a literal's text hold an SQL statement? */
function holdsSql(text: string): boolean {
  return SQL.test(text);
}

/** Every source file (not tests, not store files) below `dir`, relative to the modules folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(MODULES, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => !/(^|\/)([a-z-]+-)?store(-[a-z-]+)?\.ts$/.test(f) && !f.includes('/fixtures/'));
}

/** The literals of a source text (strings and the pieces of template strings). */
function literals(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node))
      found.push(node.head.text + node.templateSpans.map((s) => ' x ' + s.literal.text).join(''));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  return found;
}

describe('SQL lives in store files', () => {
  it('recognises statements and leaves other texts alone', () => {
    expect(holdsSql('SELECT id FROM role WHERE tenant_id = $1')).toBe(true);
    expect(holdsSql('INSERT INTO user_role (tenant_id) VALUES ($1)')).toBe(true);
    expect(holdsSql('UPDATE app_user SET active = false')).toBe(true);
    expect(holdsSql('DELETE FROM api_token WHERE id = $1')).toBe(true);
    expect(holdsSql('SELECT 1')).toBe(true);
    expect(holdsSql('DELETE')).toBe(false);
    expect(holdsSql('Bitte wählen Sie eine Datei aus.')).toBe(false);
  });

  // parses ~200 files: seconds on a busy machine, hence the generous timeout (not a speed check)
  it('outside stores, only the files still waiting to move hold SQL', { timeout: 60_000 }, () => {
    const withSql = sourceFiles(MODULES)
      .filter((f) => !NOT_OUR_DATABASE.has(f))
      .filter((f) => literals(f, readFileSync(path.join(MODULES, f), 'utf8')).some(holdsSql))
      .sort();
    expect(withSql).toEqual([...WAITING].sort());
  });

  it("the seed holds no SQL: it writes through the modules' doors", { timeout: 60_000 }, () => {
    const withSql = readdirSync(SEED, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
      .filter((f) => literals(f, readFileSync(path.join(SEED, f), 'utf8')).some(holdsSql));
    expect(withSql).toEqual([]);
  });
});
