#!/usr/bin/env node
/**
 * `npm start [-- ARGS]`: `dln walk ARGS`, compiled first only when the sources changed since the last build.
 * The walkthrough runs in this process (one Node start-up less than a separate `prestart` step).
 */
import { build } from './build.mjs';

const code = build({ ifStale: true });
if (code !== 0) process.exit(code);
process.argv.splice(2, 0, 'walk');
await import('../dist/cli/main.js');
