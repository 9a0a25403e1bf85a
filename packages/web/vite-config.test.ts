// The production build of the web app ships without source maps (issue 8, item 11); the server
// also refuses to serve *.map files (packages/server/src/http/web-app.test.ts).
import { describe, expect, it } from 'vitest';
import type { UserConfig } from 'vite';
import config from './vite.config.ts';

describe('vite build configuration', () => {
  it('builds without source maps', () => {
    const build = (config as UserConfig).build;
    expect(build?.sourcemap ?? false).toBe(false);
  });
});
