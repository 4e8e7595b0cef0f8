import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds first) as a user would, in the repository root. */
export function runCli(args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
