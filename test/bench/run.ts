/**
 * `npm run bench [-- --quick] [--filter TEXT]…`: dln against SymPy and NumPy on the same inputs (issue 7).
 * Each case runs dln and its references as whole processes, alternating, several times; prints medians, ratios,
 * peak RSS, target verdicts and whether the answers agree; writes bench-results.json at the repository root.
 * Exit 0, or 1 when some answers disagree (a correctness problem, not a speed one), 2 on bad options.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Agreement } from './agree.js';
import { measure, type Measurement } from './measure.js';
import { benchDir, dlnMain, repoRoot } from './paths.js';
import { probePython } from './probe.js';
import { formatMemory, formatTable, median } from './stats.js';
import { describeOutcome, describeRatio, describeTarget, judge, type Outcome, type Target, type Verdict } from './targets.js';
import { cases, type Case } from './workloads.js';

interface Options {
  readonly quick: boolean;
  readonly filters: readonly string[];
  readonly reps: number | undefined;
  /** Per process run; a reference that takes longer is reported as "> N s". */
  readonly timeoutSeconds: number;
  /** Once a side has spent this long in one case, it gets no more repetitions. */
  readonly budgetSeconds: number;
}

const USAGE = `usage: npm run bench -- [--quick] [--filter TEXT]... [--reps N] [--timeout SECONDS] [--budget SECONDS]
  --quick      fewer sizes and repetitions (a smoke run, about a minute)
  --filter     run only cases whose "workload size" contains TEXT (e.g. symbolic, float-check, "[3,3,3]")
  --reps       repetitions per side (default 5; 21 for start-up, 3 for verify, 7 for walk; --quick: 1, 7, 1, 3)
  --timeout    seconds per process before it is killed and reported as "> N s" (default 120, --quick 30)
  --budget     seconds a side may spend in one case before it gets no more repetitions (default 60, --quick 15)`;

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      filter: { type: 'string', multiple: true, default: [] },
      reps: { type: 'string' },
      timeout: { type: 'string' },
      budget: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positive = (v: string | undefined, name: string, dflt: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} expects a positive number, got "${v}"`);
    return n;
  };
  const quick = values.quick!;
  return {
    quick,
    filters: values.filter!,
    reps: values.reps === undefined ? undefined : Math.round(positive(values.reps, 'reps', 1)),
    timeoutSeconds: positive(values.timeout, 'timeout', quick ? 30 : 120),
    budgetSeconds: positive(values.budget, 'budget', quick ? 15 : 60),
  };
}

class UsageError extends Error {}

/** One process's repetitions within a case. */
interface Side {
  readonly label: string;
  readonly argv: readonly string[];
  readonly exitCodes: readonly number[];
  /** The time a run reports on stdout, counted instead of its wall time. */
  readonly reportedSeconds?: (stdout: string) => number | undefined;
  readonly samples: Measurement[];
  timedOutAfter?: number;
  error?: string;
  /** stdout of the first successful run, kept for the answer check */
  firstStdout?: string;
  firstExitCode?: number;
}

interface SideSummary {
  readonly command: string;
  readonly seconds: number[];
  readonly medianSeconds?: number;
  readonly peakRssKiB?: number;
  readonly timedOutAfter?: number;
  readonly error?: string;
  readonly exitCodes: number[];
}

interface RowResult {
  readonly workload: string;
  readonly size: string;
  readonly reference: string | null;
  readonly skipped?: string;
  readonly dln?: SideSummary;
  readonly ref?: SideSummary;
  readonly ratio: string;
  readonly target: string;
  readonly verdict: Verdict | 'skipped';
  readonly verdictText: string;
  readonly answers?: Agreement;
}

function outcome(s: Side): Outcome {
  if (s.samples.length > 0) return { kind: 'median', seconds: median(s.samples.map((m) => m.wallSeconds)) };
  if (s.timedOutAfter !== undefined) return { kind: 'timeout', after: s.timedOutAfter };
  return { kind: 'error', message: s.error ?? 'no runs' };
}

function summary(s: Side): SideSummary {
  const seconds = s.samples.map((m) => m.wallSeconds);
  return {
    command: s.argv.map((a) => a.replace(repoRoot + '/', '')).join(' '),
    seconds,
    ...(seconds.length > 0 && { medianSeconds: median(seconds), peakRssKiB: Math.max(...s.samples.map((m) => m.maxRssKiB)) }),
    ...(s.timedOutAfter !== undefined && { timedOutAfter: s.timedOutAfter }),
    ...(s.error !== undefined && { error: s.error }),
    exitCodes: s.samples.map((m) => m.exitCode),
  };
}

function runSide(side: Side, opts: Options, dir: string, tag: string): void {
  const first = side.samples.length === 0;
  const out = join(dir, `${tag}.${first ? 'first' : 'later'}.out`);
  const err = join(dir, `${tag}.err`);
  let m = measure(side.argv, opts.timeoutSeconds, out, err);
  if (side.reportedSeconds && !m.timedOut && side.exitCodes.includes(m.exitCode)) {
    const seconds = side.reportedSeconds(readFileSync(out, 'utf8'));
    if (seconds === undefined) {
      side.error = 'no time reported';
      return;
    }
    m = { ...m, wallSeconds: seconds };
  }
  if (m.timedOut) {
    side.timedOutAfter = opts.timeoutSeconds;
    return;
  }
  if (!side.exitCodes.includes(m.exitCode)) {
    const msg = readFileSync(err, 'utf8').trim().split('\n')[0] ?? '';
    side.error = `exit ${m.exitCode}${msg ? `: ${msg.slice(0, 160)}` : ''}`;
    return;
  }
  side.samples.push(m);
  if (first) {
    side.firstStdout = readFileSync(out, 'utf8');
    side.firstExitCode = m.exitCode;
  }
  rmSync(out, { force: true });
}

const finished = (s: Side, opts: Options, reps: number) =>
  s.error !== undefined ||
  s.timedOutAfter !== undefined ||
  s.samples.length >= reps ||
  s.samples.reduce((t, m) => t + m.wallSeconds, 0) >= opts.budgetSeconds;

function generateNetwork(c: Case, dir: string): string {
  const net = c.network!;
  const file = join(dir, `${c.workload}-${net.widths.join('x')}.json`);
  const r = spawnSync('python3', [join(benchDir, 'ref', 'gen_network.py'), net.kind, net.widths.join(','), '1'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`gen_network.py ${net.kind} ${net.widths.join(',')} failed: ${r.stderr.trim()}`);
  writeFileSync(file, r.stdout);
  return file;
}

function runCase(c: Case, opts: Options, dir: string, progress: (s: string) => void): RowResult[] {
  const skipped = (reason: string): RowResult[] =>
    (c.references.length > 0 ? c.references.map((r) => r.name) : [null]).map((reference) => ({
      workload: c.workload, size: c.size, reference, skipped: reason, ratio: '—', target: '—', verdict: 'skipped' as const, verdictText: `skipped: ${reason}`,
    }));
  const avail = c.available();
  if (!avail.ok) return skipped(avail.reason);
  const network = c.network ? generateNetwork(c, dir) : '';
  const dlnArgv = c.dlnArgv ? c.dlnArgv(network) : [process.execPath, dlnMain, ...c.dlnArgs(network)];
  const dln: Side = {
    label: 'dln', argv: dlnArgv, exitCodes: c.dlnExitCodes, samples: [], ...(c.reportedSeconds && { reportedSeconds: c.reportedSeconds }),
  };
  const refs: Side[] = c.references.map((r) => ({ label: r.name, argv: r.argv(network), exitCodes: [0], samples: [] }));
  const all = [dln, ...refs];
  // Alternate dln and references, reversing the order every other round so neither always runs first.
  for (let rep = 0; rep < c.reps; rep++) {
    const order = rep % 2 === 0 ? all : [...all].reverse();
    for (const [i, s] of order.entries()) {
      if (finished(s, opts, c.reps)) continue;
      progress(`${c.workload} ${c.size}: ${s.label} run ${s.samples.length + 1}`);
      runSide(s, opts, dir, `side${all.indexOf(s)}-${i}`);
    }
    if (all.every((s) => finished(s, opts, c.reps))) break;
  }
  const dlnOutcome = outcome(dln);
  const rows: RowResult[] = [];
  if (c.references.length === 0) {
    const t: Target = c.ownTarget ?? { kind: 'none' };
    const v = judge(t, dlnOutcome, undefined);
    rows.push({
      workload: c.workload, size: c.size, reference: null, dln: summary(dln), ratio: '—', target: describeTarget(t),
      verdict: v.verdict, verdictText: v.text,
      ...(dln.firstStdout !== undefined && c.describeOwn && { answers: c.describeOwn(dln.firstStdout, dln.firstExitCode!) }),
    });
  }
  c.references.forEach((r, i) => {
    const ref = refs[i]!;
    const refOutcome = outcome(ref);
    const v = judge(r.target, dlnOutcome, refOutcome);
    let answers: Agreement | undefined;
    if (dln.firstStdout !== undefined && ref.firstStdout !== undefined) {
      answers = r.compare(dln.firstStdout, ref.firstStdout);
      if (dln.firstExitCode !== 0) answers = { ok: answers.ok, detail: `${answers.detail}; dln exit ${dln.firstExitCode}` };
    }
    rows.push({
      workload: c.workload, size: c.size, reference: r.name, dln: summary(dln), ref: summary(ref),
      ratio: describeRatio(dlnOutcome, refOutcome), target: describeTarget(r.target),
      verdict: v.verdict, verdictText: v.text, ...(answers && { answers }),
    });
  });
  return rows;
}

function sideCells(s: SideSummary | undefined): [string, string] {
  if (!s) return ['—', '—'];
  const o: Outcome =
    s.medianSeconds !== undefined ? { kind: 'median', seconds: s.medianSeconds }
    : s.timedOutAfter !== undefined ? { kind: 'timeout', after: s.timedOutAfter }
    : { kind: 'error', message: s.error ?? '' };
  const error = (s.error ?? '').replace(/^exit (\d+): (dln: )?(internal error: )?(Error: )?/, 'exit $1: ');
  return [o.kind === 'error' ? `error (${error.length > 48 ? `${error.slice(0, 45)}...` : error})` : describeOutcome(o), s.peakRssKiB !== undefined ? formatMemory(s.peakRssKiB) : '—'];
}

function table(rows: readonly RowResult[]): string {
  const header = ['workload', 'size', 'dln', 'dln RSS', 'reference', 'ref', 'ref RSS', 'dln/ref', 'target', 'verdict', 'answers'];
  return formatTable(
    header,
    rows.map((r) => {
      if (r.skipped) return [r.workload, r.size, '—', '—', r.reference ?? '—', '—', '—', '—', '—', 'skipped', r.skipped];
      const [d, dm] = sideCells(r.dln);
      const [f, fm] = sideCells(r.ref);
      const answers = r.answers ? `${r.answers.ok ? 'agree' : 'DISAGREE'}: ${r.answers.detail}` : '';
      return [r.workload, r.size, d, dm, r.reference ?? '—', f, fm, r.ratio, r.target, r.verdictText, answers];
    }),
  );
}

function gitDescription(): string {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  return `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
}

function main(): number {
  let opts: Options;
  try {
    opts = options(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const selected = cases(opts.quick, opts.reps).filter(
    (c) => opts.filters.length === 0 || opts.filters.some((f) => `${c.workload} ${c.size}`.includes(f)),
  );
  if (selected.length === 0) {
    process.stderr.write(`bench: no case matches ${opts.filters.map((f) => `"${f}"`).join(', ')}\n`);
    return 2;
  }
  const python = probePython();
  const started = new Date();
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'dln-bench-'));
  const rows: RowResult[] = [];
  // A live status line on a terminal; in a log, one line per case is enough.
  const tty = process.stderr.isTTY;
  let lastCase = '';
  const progress = (s: string) => {
    if (tty) return void process.stderr.write(`\r\x1b[K${s}`);
    const c = s.slice(0, s.indexOf(':'));
    if (c !== lastCase) process.stderr.write(`bench: ${(lastCase = c)}\n`);
  };
  try {
    for (const c of selected) {
      if (!python.ok) {
        rows.push({ workload: c.workload, size: c.size, reference: null, skipped: python.reason, ratio: '—', target: '—', verdict: 'skipped', verdictText: `skipped: ${python.reason}` });
        continue;
      }
      rows.push(...runCase(c, opts, dir, progress));
    }
  } finally {
    if (tty) process.stderr.write('\r\x1b[K');
    rmSync(dir, { recursive: true, force: true });
  }
  const environment = {
    date: started.toISOString(),
    durationSeconds: (Date.now() - started.getTime()) / 1000,
    commit: gitDescription(),
    node: process.version,
    python: python.ok ? python.versions : python.reason,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    loadAverage: { before: loadBefore, after: loadavg() },
    options: opts,
  };
  writeFileSync(join(repoRoot, 'bench-results.json'), `${JSON.stringify({ environment, rows }, null, 2)}\n`);
  const count = (v: RowResult['verdict']) => rows.filter((r) => r.verdict === v).length;
  const disagree = rows.filter((r) => r.answers && !r.answers.ok).length;
  process.stdout.write(
    [
      `dln benchmark — ${environment.date}, commit ${environment.commit}`,
      `Node ${environment.node}; ${environment.python}; ${environment.cpu}; load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
      'Wall time is the median over repetitions, alternating dln and reference; RSS is the peak over repetitions.',
      '',
      table(rows),
      '',
      `targets: ${count('met')} met, ${count('missed')} missed, ${count('unknown')} unknown, ${count('skipped')} rows skipped; ` +
        `answers: ${disagree === 0 ? 'no disagreement' : `${disagree} DISAGREE`}`,
      `details: bench-results.json (took ${environment.durationSeconds.toFixed(0)} s)`,
      '',
    ].join('\n'),
  );
  return disagree > 0 ? 1 : 0;
}

process.exitCode = main();
