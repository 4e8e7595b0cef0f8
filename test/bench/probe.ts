/**
 * Is a dln command there yet, with the options a workload needs? Asked of the built program's own `--help`, so
 * a command that has not landed gives a "skipped: <reason>" row instead of a crash.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dlnMain, repoRoot } from './paths.js';

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export function probeBuilt(): Availability {
  return existsSync(dlnMain) ? { ok: true } : { ok: false, reason: 'dln is not built (dist/cli/main.js missing)' };
}

export function probeCommand(command: string, requiredOptions: readonly string[]): Availability {
  const built = probeBuilt();
  if (!built.ok) return built;
  const r = spawnSync(process.execPath, [dlnMain, command, '--help'], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  // Without the command, commander prints the program's own help (or an error): its usage line names no command.
  if (r.status !== 0 || !new RegExp(`^Usage: \\S+ ${command}\\b`, 'm').test(r.stdout))
    return { ok: false, reason: `dln ${command} is not available yet` };
  const missing = requiredOptions.filter((o) => !new RegExp(`${o}\\b`).test(r.stdout));
  return missing.length === 0 ? { ok: true } : { ok: false, reason: `dln ${command} has no ${missing.join(', ')} option yet` };
}

/** Python with SymPy and NumPy, or why not; also their versions for the results file. */
export function probePython(): { readonly ok: true; readonly versions: string } | { readonly ok: false; readonly reason: string } {
  const r = spawnSync('python3', ['-c', 'import sys, sympy, numpy; print(sys.version.split()[0], sympy.__version__, numpy.__version__)'], {
    encoding: 'utf8',
  });
  if (r.error) return { ok: false, reason: 'python3 not found' };
  if (r.status !== 0) return { ok: false, reason: `python3 lacks SymPy or NumPy (${r.stderr.trim().split('\n').pop() ?? ''})` };
  const [py, sympy, numpy] = r.stdout.trim().split(' ');
  return { ok: true, versions: `Python ${py}, SymPy ${sympy}, NumPy ${numpy}` };
}
