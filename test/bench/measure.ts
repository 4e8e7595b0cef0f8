/** Runs one process under ref/measure.py, which times it and reads its peak RSS the same way for every side. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDir, repoRoot } from './paths.js';

export interface Measurement {
  readonly wallSeconds: number;
  /** Peak resident set size of the process (ru_maxrss from wait4), KiB. */
  readonly maxRssKiB: number;
  readonly exitCode: number;
  readonly timedOut: boolean;
}

export function measure(argv: readonly string[], timeoutSeconds: number, stdoutPath: string, stderrPath: string): Measurement {
  const r = spawnSync('python3', [join(benchDir, 'ref', 'measure.py'), String(timeoutSeconds), stdoutPath, stderrPath, '--', ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) throw new Error(`cannot run python3: ${r.error.message}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Measurement;
  } catch {
    throw new Error(`measure.py failed (exit ${r.status}): ${r.stderr.trim().slice(0, 300)}`);
  }
}
