#!/usr/bin/env node
/**
 * Compiles src/ to dist/ with the project's TypeScript. `--if-stale` compiles only when a source file, the
 * tsconfig or the package manifest is newer than the last build (or a file was added or removed), so
 * `npm start` does not pay for a compile when nothing changed. A finished build writes dist/.built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');

/** The newest modification time under `path` (directories count: adding or removing a file changes theirs). */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((t, name) => Math.max(t, newest(join(path, name))), st.mtimeMs);
}

function stale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return ['src', 'tsconfig.json', 'package.json'].some((p) => newest(join(root, p)) > built);
}

/** Builds (only when stale, with `ifStale`); returns the exit code, 0 on success. */
export function build({ ifStale = false } = {}) {
  if (ifStale && !stale()) return 0;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    process.stderr.write('dln: cannot build: TypeScript is not installed (run npm ci, which installs the dev dependencies)\n');
    return 2;
  }
  const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = build({ ifStale: process.argv.includes('--if-stale') });
