/**
 * The benchmark's workloads (issue 7): each a whole process a user would run, with dln and with references.
 * A case names how to make its input, the dln command, the references with their targets, and how to compare
 * the answers.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareEntries, compareExactCheck, compareFloatCheck, compareWalk, type Agreement } from './agree.js';
import { benchDir, dlnMain, repoRoot } from './paths.js';
import { probeBuilt, probeCommand, type Availability } from './probe.js';
import type { Target } from './targets.js';

export interface Reference {
  readonly name: string;
  /** argv of the reference process, given the network file */
  readonly argv: (network: string) => string[];
  readonly target: Target;
  readonly compare: (dlnStdout: string, refStdout: string) => Agreement;
}

export interface Case {
  readonly workload: 'symbolic' | 'float-check' | 'exact-check' | 'sweep' | 'verify' | 'walk' | 'startup' | 'load';
  readonly size: string;
  /** Input network to generate (ref/gen_network.py), if the case needs one. */
  readonly network?: { readonly kind: 'data' | 'critical'; readonly widths: readonly number[] };
  /** Arguments after `node dist/cli/main.js`, or a whole argv for the start-up baseline. */
  readonly dlnArgs: (network: string) => string[];
  /**
   * The whole argv of the measured process, when it is not `node dist/cli/main.js …`: the walkthrough in a
   * pseudo-terminal, a runner of concurrent dln processes.
   */
  readonly dlnArgv?: (network: string) => string[];
  /**
   * When dln's side reports its own time on stdout (the walkthrough's time to its last verdict, which the
   * program's exit does not mark), that time in seconds; else the process's wall time counts.
   */
  readonly reportedSeconds?: (stdout: string) => number | undefined;
  /** Exit codes that still carry an answer (check exits 1 when a point is not as expected). */
  readonly dlnExitCodes: readonly number[];
  readonly references: readonly Reference[];
  /** Target for cases without a reference (verify). */
  readonly ownTarget?: Target;
  /** For cases without a reference: what dln's answer was. */
  readonly describeOwn?: (stdout: string, exitCode: number) => Agreement;
  readonly available: () => Availability;
  readonly reps: number;
}

const py = (script: string) => (network: string) => ['python3', join(benchDir, 'ref', script), network];
const params = (w: readonly number[]) => w.slice(1).reduce((s, d, i) => s + d * w[i]!, 0);
const widthText = (w: readonly number[]) => `[${w.join(',')}]`;

/** Each command is probed once per run, however many cases use it. */
function once(f: () => Availability): () => Availability {
  let memo: Availability | undefined;
  return () => (memo ??= f());
}

export function cases(quick: boolean, reps: number | undefined): Case[] {
  const r = (full: number, fast: number) => reps ?? (quick ? fast : full);
  const derive = once(() => probeCommand('derive', ['--network', '--entries', '--hessian', '--format']));
  const check = once(() => probeCommand('check', ['--float', '--json']));
  const verify = once(() => probeCommand('verify', []));
  const out: Case[] = [];

  const symbolic = quick
    ? [[2, 2, 2], [3, 3, 3], [2, 3, 2, 2]]
    : [[2, 2, 2], [2, 2, 2, 2], [3, 3, 3], [2, 3, 2, 2], [3, 3, 3, 3], [4, 4, 4, 4], [3, 3, 3, 3, 3]];
  for (const w of symbolic)
    out.push({
      workload: 'symbolic',
      size: `${widthText(w)} ${params(w)} params`,
      network: { kind: 'data', widths: w },
      dlnArgs: (net) => ['derive', '--network', net, '--entries', '--hessian', '--format', 'json'],
      dlnExitCodes: [0],
      references: [
        { name: 'SymPy ring', argv: py('sym_ring.py'), target: { kind: 'ratio', max: 1.0 }, compare: compareEntries },
        { name: 'SymPy diff', argv: py('sym_diff.py'), target: { kind: 'ratio', max: 0.05 }, compare: compareEntries },
      ],
      available: derive,
      reps: r(5, 1),
    });

  const float = quick ? [[6, 6, 6, 5], [17, 16, 16, 17]] : [[6, 6, 6, 5], [12, 11, 12, 11], [17, 16, 16, 17], [24, 23, 23, 23]];
  for (const w of float)
    out.push({
      workload: 'float-check',
      size: `${widthText(w)} ${params(w)} params`,
      network: { kind: 'critical', widths: w },
      dlnArgs: (net) => ['check', net, '--float', '--json'],
      dlnExitCodes: [0, 1],
      references: [
        {
          name: 'NumPy eigvalsh',
          argv: py('np_check.py'),
          // issue 7 sets the float target at 800 and 1600 parameters only
          target: params(w) >= 750 ? { kind: 'ratio', max: 5 } : { kind: 'none' },
          compare: (a, b) => compareFloatCheck(a, b),
        },
      ],
      available: check,
      reps: r(5, 1),
    });

  const exact = quick ? [[4, 3, 3, 3], [6, 6, 6, 5]] : [[4, 3, 3, 3], [6, 6, 6, 5], [9, 8, 8, 8]];
  for (const w of exact)
    out.push({
      workload: 'exact-check',
      size: `${widthText(w)} ${params(w)} params`,
      network: { kind: 'critical', widths: w },
      dlnArgs: (net) => ['check', net, '--json'],
      dlnExitCodes: [0, 1],
      references: [{ name: 'SymPy QQ elimination', argv: py('sym_exact.py'), target: { kind: 'ratio', max: 0.2 }, compare: compareExactCheck }],
      available: check,
      reps: r(5, 1),
    });

  // The cost of certification: every non-global PSD point of the sweep gets an exact escape (kernel chain, line or
  // curve) and every point a second classification from the product; at H = 4 the answer must be fully certified.
  const sweep = once(() => probeCommand('sweep', ['--widths', '--instances', '--json']));
  const sweeps: { widths: number[]; instances: number; seed: number; max: number }[] = quick
    ? [{ widths: [2, 2, 2, 2, 2, 2], instances: 20, seed: 3, max: 3 }]
    : [
        { widths: [2, 2, 2, 2, 2, 2], instances: 20, seed: 3, max: 3 },
        { widths: [3, 2, 2, 2, 2, 3], instances: 20, seed: 3, max: 3 },
        { widths: [16, 1, 16], instances: 1, seed: 1, max: 5 },
      ];
  for (const sw of sweeps)
    out.push({
      workload: 'sweep',
      size: `${widthText(sw.widths)} × ${sw.instances}`,
      dlnArgs: () => ['sweep', '--widths', sw.widths.join(','), '--instances', String(sw.instances), '--seed', String(sw.seed), '--json'],
      dlnExitCodes: [0, 1],
      references: [],
      ownTarget: { kind: 'seconds', max: sw.max },
      describeOwn: (stdout, code) => {
        try {
          const c = JSON.parse(stdout).checks.localMinimaGlobal;
          const ok = code === 0 && c.status !== 'unconfirmed' && c.theoremOnly === 0;
          return { ok, detail: `${c.psdNonGlobal} PSD non-global points, ${c.decreasingLine + c.decreasingCurve} with an exact escape, ${c.theoremOnly} uncertified` };
        } catch {
          return { ok: false, detail: `exit ${code}: no sweep report` };
        }
      },
      available: sweep,
      reps: r(3, 1),
    });

  const proofs = proofFiles();
  // Issue 10's target, for the paper's derivations and for the whole directory with the Matrix Cookbook's, whose
  // steps (exact logarithms, determinants, gradients as jets at size 4) cost the most.
  const paper = proofs.filter((f) => !/cookbook-/.test(f));
  for (const [files, what] of [[paper, "the paper's"], [proofs, 'all']] as const)
    out.push({
      workload: 'verify',
      size: `${what} ${files.length} proof files`,
      dlnArgs: () => ['verify', ...files],
      dlnExitCodes: [0, 1],
      references: [],
      ownTarget: { kind: 'seconds', max: 5 },
      describeOwn: (_out, code) => (code === 0 ? { ok: true, detail: 'every step verified or tested' } : { ok: false, detail: `exit ${code}: a step failed` }),
      available: () => (files.length === 0 ? { ok: false, reason: 'no proofs/*.proof.yaml yet' } : verify()),
      reps: r(3, 1),
    });

  // The walkthrough's verdicts should come as fast as `dln verify` computes them: the time until its screen shows
  // the last one (in a pseudo-terminal, keys and all) against verify's whole run on the same file.
  const walk = once(() => probeCommand('walk', []));
  for (const proof of ['lemma-4.1', 'lemma-4.3'])
    out.push({
      workload: 'walk',
      size: `${proof} to last verdict`,
      dlnArgs: () => ['walk', join('proofs', `${proof}.proof.yaml`)],
      dlnArgv: () => ['python3', join(benchDir, 'ref', 'walk_pty.py'), process.execPath, dlnMain, 'walk', join('proofs', `${proof}.proof.yaml`)],
      reportedSeconds: (stdout) => {
        const t = (JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { lastVerdictSeconds?: number | null }).lastVerdictSeconds;
        return typeof t === 'number' ? t : undefined;
      },
      dlnExitCodes: [0],
      references: [
        {
          name: 'dln verify',
          argv: () => [process.execPath, dlnMain, 'verify', join('proofs', `${proof}.proof.yaml`), '--json'],
          target: { kind: 'ratio', max: 1.2 },
          compare: compareWalk,
        },
      ],
      available: () => {
        const v = verify();
        return v.ok ? walk() : v;
      },
      reps: r(7, 3),
    });

  // Load (issue 12): a long sweep, and many verifications at once, with their peak memory, so a regression shows.
  const longSweep = once(() => probeCommand('sweep', ['--widths', '--instances']));
  out.push({
    workload: 'load',
    size: 'sweep [3,2,2,3] × 1000 instances',
    dlnArgs: () => ['sweep', '--widths', '3,2,2,3', '--instances', '1000'],
    dlnExitCodes: [0, 1],
    references: [],
    ownTarget: { kind: 'seconds', max: 20 },
    describeOwn: (stdout, code) =>
      code === 0 && /no theorem violation/.test(stdout)
        ? { ok: true, detail: 'no theorem violation' }
        : { ok: false, detail: `exit ${code}: ${/THEOREM VIOLATION/.test(stdout) ? 'a theorem violation' : 'unexpected output'}` },
    available: longSweep,
    reps: r(1, 1),
  });
  out.push({
    workload: 'load',
    size: `20 × verify the paper's ${paper.length} proof files at once`,
    dlnArgs: () => ['verify', ...paper],
    dlnArgv: () => ['python3', join(benchDir, 'ref', 'concurrent.py'), '20', '--', process.execPath, dlnMain, 'verify', ...paper],
    dlnExitCodes: [0],
    references: [],
    // 20 runs on the machine's cores: about 20 × one run ÷ cores, plus a margin (one run of the paper's files is ~3 s)
    ownTarget: { kind: 'seconds', max: 60 },
    describeOwn: (stdout) => {
      try {
        const r = JSON.parse(stdout.trim().split('\n').pop() ?? '') as { identical: boolean; exitCodes: number[]; maxRssKiB: number[] };
        const peak = Math.max(...r.maxRssKiB);
        const ok = r.identical && r.exitCodes.every((c) => c === 0);
        return { ok, detail: `${r.exitCodes.length} runs, ${r.identical ? 'identical results' : 'RESULTS DIFFER'}, exit ${[...new Set(r.exitCodes)].join('/')}, peak RSS ≤ ${Math.round(peak / 1024)} MB each` };
      } catch {
        return { ok: false, detail: 'concurrent.py printed no summary' };
      }
    },
    available: () => (proofs.length === 0 ? { ok: false, reason: 'no proofs/*.proof.yaml yet' } : verify()),
    reps: r(1, 1),
  });

  out.push({
    workload: 'startup',
    size: 'dln --version',
    dlnArgs: () => ['--version'],
    dlnExitCodes: [0],
    references: [
      {
        name: 'node -e 0',
        argv: () => [process.execPath, '-e', '0'],
        target: { kind: 'overhead', max: 0.15 },
        compare: (a) => (/^\d+\.\d+\.\d+/.test(a.trim()) ? { ok: true, detail: `prints ${a.trim()}` } : { ok: false, detail: `printed "${a.trim().slice(0, 30)}"` }),
      },
    ],
    available: probeBuilt,
    reps: r(21, 7),
  });
  return out;
}

function proofFiles(): string[] {
  try {
    return readdirSync(join(repoRoot, 'proofs'))
      .filter((f) => f.endsWith('.proof.yaml'))
      .sort()
      .map((f) => join('proofs', f));
  } catch {
    return [];
  }
}
