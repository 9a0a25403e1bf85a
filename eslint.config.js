// Lint also enforces the package boundaries of ARCHITECTURE.md.
import tseslint from 'typescript-eslint';
import repo from './eslint-rules.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'demo-data/**',
      'data/**',
      '.pgtest/**',
      'tmp/**',
      'test-results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // the app and its tests read only files of this repository (a fresh clone has nothing beside it)
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    plugins: { repo },
    rules: { 'repo/no-path-outside-repo': 'error' },
  },
  {
    // a module is used only through its index.ts (docs/adr/0028-module-doors.md): any module folder,
    // and the rest of the server. Two exceptions: the permission catalogue reads each module's
    // policy.ts, whose permission list is plain data (a door would close an evaluation cycle through
    // the routes); the `sozialraum` command (and tests of it) loads a module's cli.ts lazily.
    files: ['packages/server/src/**/*.{ts,tsx,mts,cts,js,mjs}'],
    plugins: { repo },
    rules: {
      'repo/module-doors': [
        'error',
        {
          allow: [
            { from: '^access/permissions\\.ts$', to: '^[a-z-]+/(policy|permissions)\\.ts$' },
            { from: '^(\\.\\./cli\\.ts|[a-z-]+/[^/]+\\.test\\.ts)$', to: '^[a-z-]+/cli\\.ts$' },
          ],
        },
      ],
    },
  },
  {
    // core is pure: no I/O, no server, no web, no clock.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts', 'packages/core/src/**/test-support.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@sozialraum/server',
                '@sozialraum/web',
                '@sozialraum/contracts',
                '@sozialraum/contracts/*',
                '**/server/**',
                '**/web/**',
              ],
              message: 'core imports nothing of ours',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'fs',
                'node:http',
                'node:net',
                'pg',
                '@electric-sql/*',
                'fastify',
                'react',
                'react-dom',
                'maplibre-gl',
              ],
              message: 'core is pure: no I/O, no UI',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core does no I/O' }],
    },
  },
  {
    // the contract (packages/contracts) is shared by server and web: it imports only zod and core.
    files: ['packages/contracts/src/**/*.ts'],
    ignores: ['packages/contracts/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|@sozialraum/core$|\\./)',
              message: 'contracts import only zod, @sozialraum/core and their own files',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'contracts do no I/O' }],
    },
  },
  {
    // the web app talks to the server only over HTTP.
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@sozialraum/server', '**/server/**'],
              message: 'the web app talks to the server only over the API',
            },
          ],
        },
      ],
    },
  },
);
