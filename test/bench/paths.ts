import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This module runs from dist-bench/ when built (one level below the root) or from test/bench/ under vitest. */
const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = here.endsWith(join('test', 'bench')) ? join(here, '..', '..') : join(here, '..');
/** Where the Python reference scripts live (sources, never compiled). */
export const benchDir = join(repoRoot, 'test', 'bench');
/** The built dln entry point, run as `node dist/cli/main.js`, as the `dln` bin does. */
export const dlnMain = join(repoRoot, 'dist', 'cli', 'main.js');
