#!/usr/bin/env node
// Entry point of the `sozialraum` command (npx sozialraum …). Runs the TypeScript sources through
// tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
