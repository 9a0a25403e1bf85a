// Local ESLint rules. `repo/no-path-outside-repo`: the app and its tests read only files of this
// repository, so a fresh clone (with nothing beside it) behaves like the developer's checkout. It
// reports every import specifier, string literal and comment path that, resolved from the file (or,
// for cwd-relative paths given to `path.resolve()` or `readFileSync()`, from the repository root
// where npm scripts and vitest run), points to a file outside the repository.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Is `p` the repository root or below it? */
const inside = (p, root) => {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};
/** Is `p` the root's parent, grandparent, …? (`'../'` alone names no file beside the checkout.) */
const ancestor = (p, root) => inside(root, p);

/** Strips a Vite query (`?raw`) or hash from a module specifier. */
const bare = (s) => s.replace(/[?#].*$/s, '');
const relative = (s) => /^\.\.?(\/|$)/.test(s);
/** The project's old data folder by its absolute name (also caught generally, see `beside`). */
const OLD_DATA = /(^|[^\w.-])\/work\/shared(\/|\b)/;

const isImportMetaUrl = (n) =>
  n?.type === 'MemberExpression' &&
  n.object.type === 'MetaProperty' &&
  n.property.type === 'Identifier' &&
  n.property.name === 'url';
const isFileDir = (n) =>
  (n?.type === 'Identifier' && n.name === '__dirname') ||
  (n?.type === 'MemberExpression' &&
    n.object.type === 'MetaProperty' &&
    n.property.type === 'Identifier' &&
    n.property.name === 'dirname');
const isCwd = (n) =>
  n?.type === 'CallExpression' &&
  n.callee.type === 'MemberExpression' &&
  n.callee.object.type === 'Identifier' &&
  n.callee.object.name === 'process' &&
  n.callee.property.type === 'Identifier' &&
  n.callee.property.name === 'cwd';
/** `join(…)`, `resolve(…)`, `path.join(…)`, `path.posix.resolve(…)` and the like. */
const pathCall = (n) => {
  if (n?.type !== 'CallExpression') return null;
  const c = n.callee;
  const name =
    c.type === 'Identifier'
      ? c.name
      : c.type === 'MemberExpression' && c.property.type === 'Identifier'
        ? c.property.name
        : null;
  if (c.type === 'MemberExpression') {
    const o = c.object;
    const ok =
      (o.type === 'Identifier' && /^(path|posix|nodePath)$/.test(o.name)) ||
      (o.type === 'MemberExpression' &&
        o.property.type === 'Identifier' &&
        o.property.name === 'posix');
    if (!ok) return null;
  }
  return name === 'join' || name === 'resolve' ? name : null;
};
const stringOf = (n) => {
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n?.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0].value.cooked;
  return null;
};

/** @type {import('eslint').Rule.RuleModule} */
const noPathOutsideRepo = {
  meta: {
    type: 'problem',
    docs: { description: 'refuse imports and paths that leave the repository' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        additionalProperties: false,
      },
    ],
    messages: {
      outside:
        "'{{path}}' points outside the repository ({{target}}). Tests and the app read only files of this repository: copy the file into it (demo-data/, with source and licence in demo-data/README.md) or derive it from there.",
    },
  },
  create(context) {
    const root = path.resolve(context.options[0]?.root ?? ROOT);
    const fileDir = path.dirname(context.filename);
    const parent = path.dirname(root);

    const report = (node, text, target, loc) =>
      context.report({
        node,
        ...(loc ? { loc } : {}),
        messageId: 'outside',
        data: { path: text, target: path.relative(root, target) || target },
      });
    /** Resolved from the file: anything outside counts. */
    const checkFromFile = (node, text, spec) => {
      const target = path.resolve(fileDir, bare(spec));
      if (!inside(target, root)) report(node, text, target);
    };
    /** An absolute path beside the checkout (in the folder that holds it), or the old data folder. */
    const beside = (p) =>
      path.isAbsolute(p) &&
      ((inside(p, parent) && !inside(p, root) && !ancestor(p, root)) || OLD_DATA.test(p));
    /**
     * A path of unknown base, naming a file outside when resolved from the file, or from the root
     * unless, read from the file, it names an existing file (a comment citing a sibling module).
     */
    const checkEither = (node, text, spec, loc, fromRoot = true) => {
      const fromFile = path.resolve(fileDir, bare(spec));
      const bases = fromRoot && !existsSync(fromFile) ? [fileDir, root] : [fileDir];
      for (const base of bases) {
        const target = path.resolve(base, bare(spec));
        if (!inside(target, root) && !ancestor(target, root))
          return report(node, text, target, loc);
      }
    };
    const checkString = (node, s) => {
      const p = node.parent;
      if (OLD_DATA.test(s)) return report(node, s, s);
      if (s.startsWith('file://')) {
        try {
          s = fileURLToPath(s);
        } catch {
          return;
        }
      }
      if (beside(s)) return report(node, s, s);
      if (!relative(s)) return;
      const fileRelative =
        p.type === 'ImportDeclaration' ||
        p.type === 'ImportExpression' ||
        p.type === 'ExportAllDeclaration' ||
        p.type === 'ExportNamedDeclaration' ||
        p.type === 'TSExternalModuleReference' ||
        (p.type === 'TSLiteralType' && p.parent?.type === 'TSImportType') ||
        (p.type === 'CallExpression' &&
          p.callee.type === 'Identifier' &&
          p.callee.name === 'require') ||
        (p.type === 'NewExpression' &&
          p.callee.type === 'Identifier' &&
          p.callee.name === 'URL' &&
          p.arguments[0] === node &&
          isImportMetaUrl(p.arguments[1]));
      if (fileRelative) return checkFromFile(node, s, s);
      if (pathCall(p)) return; // checked with its sibling arguments below
      checkEither(node, s, s);
    };

    return {
      Literal(node) {
        if (typeof node.value === 'string') checkString(node, node.value);
      },
      TemplateLiteral(node) {
        if (node.parent.type === 'TaggedTemplateExpression') return;
        const head = node.quasis[0].value.cooked ?? '';
        if (node.expressions.length === 0) return checkString(node, head);
        // a parent-relative start followed by `${name}`: the fixed start alone must stay inside
        if (OLD_DATA.test(head) || beside(head)) return report(node, head, head);
        if (relative(head) && !pathCall(node.parent)) checkEither(node, head, head);
      },
      CallExpression(node) {
        const kind = pathCall(node);
        if (!kind) return;
        const args = node.arguments;
        let base = null; // null: unknown (a variable), checked from the file and from the root
        let from = 0;
        if (isFileDir(args[0])) [base, from] = [fileDir, 1];
        else if (isCwd(args[0])) [base, from] = [root, 1];
        else if (stringOf(args[0]) !== null) base = kind === 'resolve' ? root : null;
        else from = 1; // join(someDir, '..', 'x'): only the literal tail can be judged
        const parts = [];
        for (const a of args.slice(from)) {
          const s = stringOf(a);
          if (s === null) break;
          parts.push(s);
        }
        if (parts.length === 0) return;
        const joined = path.join(...parts);
        const text = parts.join(', ');
        if (OLD_DATA.test(joined)) return report(node, text, joined);
        if (path.isAbsolute(joined)) {
          if (beside(joined)) report(node, text, joined);
          return;
        }
        if (base === fileDir) return checkFromFile(node, text, joined);
        if (base === root) {
          const target = path.resolve(root, joined);
          if (!inside(target, root) && !ancestor(target, root)) report(node, text, target);
          return;
        }
        // join(someDir, …): the base is unknown, only a climb out of the file's folder is judged
        checkEither(node, text, joined, undefined, from === 0);
      },
      Program() {
        // paths in comments: parent-relative ones resolved from the file or the root, absolute ones
        // beside the checkout
        for (const c of context.sourceCode.getAllComments()) {
          for (const m of c.value.matchAll(
            /(?:\.\.\/)+[\w@.-]+[\w@./-]*|\/[\w@.-]+(?:\/[\w@.-]+)+/g,
          )) {
            const token = m[0];
            const start = c.range[0] + 2 + m.index;
            const loc = {
              start: context.sourceCode.getLocFromIndex(start),
              end: context.sourceCode.getLocFromIndex(start + token.length),
            };
            if (OLD_DATA.test(token) || beside(token)) {
              report(c, token, token, loc);
              continue;
            }
            if (token.startsWith('../')) checkEither(c, token, token, loc);
          }
        }
      },
    };
  },
};

/** Where the server's modules live, relative to the repository root. */
const MODULES_DIR = 'packages/server/src/modules';

/** The module an absolute path lies in and its path inside it (`{ name, inner }`), or null. */
const moduleOf = (abs, root) => {
  const rel = path.relative(path.join(root, MODULES_DIR), abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [name, ...rest] = rel.split(path.sep);
  return rest.length > 0 ? { name, inner: rest.join('/') } : null;
};
/** Is `inner` a module's door (`index.ts`, also written without the extension)? */
const isDoor = (inner) => /^index(\.[cm]?[jt]s)?$/.test(inner);

/**
 * `repo/module-doors`: a module (`packages/server/src/modules/<name>/`) is used from outside only
 * through its `index.ts`. Imports, re-exports and `import()` of another module's inner files are
 * refused, in any module folder (new ones included) and in the rest of the server (app, cli,
 * testing). A module's own files, tests included, may import each other. `allow` lists the few
 * documented exceptions as `{ from, to }` regular expressions over module-relative paths
 * (`access/permissions.ts`, `alerts/policy.ts`), see docs/adr/0028-module-doors.md.
 * @type {import('eslint').Rule.RuleModule}
 */
const moduleDoors = {
  meta: {
    type: 'problem',
    docs: { description: "refuse imports of another module's inner files (use its index.ts)" },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          allow: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' } },
              required: ['from', 'to'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      inner:
        "'{{spec}}' reaches into the module '{{module}}' ({{inner}}): import its door '{{module}}/index.ts' instead",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root ?? ROOT;
    const allow = (options.allow ?? []).map((a) => ({
      from: new RegExp(a.from),
      to: new RegExp(a.to),
    }));
    const file = context.filename;
    const here = moduleOf(file, root);
    // the file's path seen from the modules folder (files beside the folder start with two dots)
    const hereRel = path.relative(path.join(root, MODULES_DIR), file).split(path.sep).join('/');
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !relative(spec)) return;
      const there = moduleOf(path.resolve(path.dirname(file), bare(spec)), root);
      if (!there || isDoor(there.inner) || (here && here.name === there.name)) return;
      const thereRel = `${there.name}/${there.inner}`;
      if (allow.some((a) => a.from.test(hereRel) && a.to.test(thereRel))) return;
      context.report({
        node,
        messageId: 'inner',
        data: { spec, module: there.name, inner: there.inner },
      });
    };
    const fromSource = (n) => {
      if (n.source) check(n.source, n.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (n) => check(n.source, stringOf(n.source)),
      TSImportType: (n) => {
        const arg = n.argument?.literal ?? n.argument;
        check(n, stringOf(arg));
      },
    };
  },
};

export default {
  rules: { 'no-path-outside-repo': noPathOutsideRepo, 'module-doors': moduleDoors },
};
