import { InputError } from '../errors.js';
import { hessianLimitProblem } from '../landscape/check.js';
import { NETWORK_LIMITS } from '../landscape/network.js';
import {
  SWEEP_DATA_KINDS, SWEEP_LIMITS, sweep, type CheckStatus, type SweepDataKind, type SweepOptions, type SweepReport,
  type SweepRow, type SweepViolation,
} from '../landscape/sweep.js';
import { nonlinearSweep, type NonlinearSweepReport } from '../landscape/nonlinear/sweep.js';
import { nonlinearSweepText } from './nonlinear-format.js';
import { intOption } from './options.js';

export interface SweepCliOptions {
  widths?: string;
  instances?: string;
  seed?: string;
  float?: boolean;
  json?: boolean;
  data?: string;
  model?: string;
}

/** `--model linear` (the default) or `nonlinear` (Section 3's path model, tallied against Corollary 3.2). */
function parseModel(model: string | undefined): boolean {
  if (model === undefined || model === 'linear') return false;
  if (model === 'nonlinear') return true;
  throw new InputError('--model', `expected linear or nonlinear, got "${model}"`);
}

/** Violations printed in text mode; `--json` lists them all. */
const SHOWN_VIOLATIONS = 20;

function parseWidths(text: string | undefined): number[] {
  if (text === undefined) throw new InputError('--widths', 'required: the widths d_0,…,d_{H+1}, e.g. 3,2,2,3');
  // At least three widths (H ≥ 1), as in network files.
  if (!/^\s*\d+\s*(,\s*\d+\s*){2,}$/.test(text))
    throw new InputError('--widths', `expected at least three comma-separated positive integers such as 3,2,2,3, got "${text}"`);
  const widths = text.split(',').map((s) => Number(s.trim()));
  if (widths.some((d) => d < 1 || d > NETWORK_LIMITS.maxWidth))
    throw new InputError('--widths', `every width must be an integer from 1 to ${NETWORK_LIMITS.maxWidth}, got "${text}"`);
  if (widths.length - 1 > NETWORK_LIMITS.maxLayers)
    throw new InputError('--widths', `${widths.length - 1} weight matrices exceed the limit of ${NETWORK_LIMITS.maxLayers}`);
  const [dx, dy] = [widths[0]!, widths[widths.length - 1]!];
  if (Math.max(dx, dy) > SWEEP_LIMITS.maxDataWidth)
    throw new InputError('--widths', `d_0 = ${dx} and d_{H+1} = ${dy} must be at most ${SWEEP_LIMITS.maxDataWidth} (random exact data that wide is too slow)`);
  return widths;
}

function parseOptions(o: SweepCliOptions): SweepOptions {
  const widths = parseWidths(o.widths);
  if (o.instances === undefined) throw new InputError('--instances', `required: the number of random instances, 1 to ${SWEEP_LIMITS.maxInstances}`);
  const instances = intOption(o.instances, 'instances', 0, 1, SWEEP_LIMITS.maxInstances);
  // Instance i uses seed + i, which must stay a 32-bit seed.
  const seed = intOption(o.seed, 'seed', 1, 0, 2 ** 31);
  const data = o.data ?? 'structured';
  if (!(SWEEP_DATA_KINDS as readonly string[]).includes(data))
    throw new InputError('--data', `expected ${SWEEP_DATA_KINDS.join(' or ')}, got "${data}"`);
  const mode = o.float ? 'float' : 'exact';
  const problem = hessianLimitProblem(widths, mode);
  if (problem) throw new InputError('--widths', problem);
  return { widths, instances, seed, mode, data: data as SweepDataKind, ...(parseModel(o.model) ? { model: 'nonlinear' as const } : {}) };
}

/** The command that re-runs one instance alone (instance i of seed S is the only instance of seed S + i). */
function reproduce(o: SweepOptions, seed: number): string {
  return `dln sweep --widths ${o.widths.join(',')} --instances 1 --seed ${seed}` +
    (o.data === 'structured' ? '' : ` --data ${o.data}`) + (o.mode === 'float' ? ' --float' : '') + (o.model === 'nonlinear' ? ' --model nonlinear' : '');
}

/**
 * `dln sweep --widths 3,2,2,3 --instances N [--seed S] [--float] [--json] [--data structured|random]`:
 * exit 1 when a theorem violation (or a failed construction) is found.
 */
export function run(options: SweepCliOptions): number {
  const o = parseOptions(options);
  const nonlinear = o.model === 'nonlinear';
  const progress = process.stderr.isTTY && !options.json;
  const start = performance.now();
  const onInstance = progress ? (done: number) => process.stderr.write(`\rinstance ${done}/${o.instances}`) : undefined;
  const report = nonlinear ? nonlinearSweep(o, onInstance) : sweep(o, onInstance);
  if (progress) process.stderr.write('\r\x1b[K');
  const seconds = (performance.now() - start) / 1000;
  if (options.json) {
    const violations = report.violations.map((v) => ({ ...v, reproduce: reproduce(o, v.seed) }));
    process.stdout.write(JSON.stringify({ ...report, violations }, null, 2) + '\n');
  } else process.stdout.write(nonlinear ? nonlinearSweepText(report as NonlinearSweepReport, sweepText(report, o, seconds)) : sweepText(report, o, seconds));
  for (const e of report.internalErrors) process.stderr.write(`dln: internal error: instance ${e.instance} (${reproduce(o, e.seed)}): ${e.message}\n`);
  if (report.internalErrors.length) return 3;
  return report.ok ? 0 : 1;
}

const MARK: Record<CheckStatus, string> = { confirmed: '✓', unconfirmed: '?', violated: '✗', 'not-applicable': '–' };

function tableText(rows: readonly SweepRow[]): string {
  const head = ['family', 'label', 'rank(W_H⋯W_2) = p', '< p', 'total'];
  const sum = (f: (r: SweepRow) => number) => String(rows.reduce((s, r) => s + f(r), 0));
  const body = [
    ...rows.map((r) => [r.family, r.label, String(r.rankP), String(r.rankBelowP), String(r.total)]),
    ['total', '', sum((r) => r.rankP), sum((r) => r.rankBelowP), sum((r) => r.total)],
  ];
  const all = [head, ...body];
  const width = head.map((_, j) => Math.max(...all.map((row) => row[j]!.length)));
  // Text columns left-aligned, counts right-aligned.
  return all.map((row) => '  ' + row.map((c, j) => (j < 2 ? c.padEnd(width[j]!) : c.padStart(width[j]!))).join('  ').trimEnd()).join('\n');
}

function violationText(v: SweepViolation, o: SweepOptions): string {
  return `  ✗ instance ${v.instance} (seed ${v.seed}), point "${v.point}" [${v.family}]: ${v.classification}` +
    `${v.expected && v.expected !== v.classification ? `, expected ${v.expected}` : ''}\n    ${v.note}\n    reproduce: ${reproduce(o, v.seed)}`;
}

function sweepText(r: SweepReport, o: SweepOptions, seconds: number): string {
  const n = r.instances.length;
  const withA = n - r.withoutA.instances;
  const lastSeed = r.seed + n - 1;
  const parts: string[] = [
    `dln sweep: widths [${r.widths.join(',')}] (H = ${r.H}, p = ${r.p}, ${r.parameters} parameters), ` +
      `${n} instance${n === 1 ? '' : 's'} (seed${n === 1 ? ` ${r.seed}` : `s ${r.seed}…${lastSeed}`}), ${r.data} data, ${r.mode === 'exact' ? 'exact rational arithmetic' : 'float64 with stated tolerances'}\n` +
      `(A) holds on ${withA} of ${n} instances; ${r.points} critical points generated and classified` +
      (r.skippedIndexSets ? `; ${r.skippedIndexSets} index sets skipped (irrational eigenvalues of Σ: no exact point)` : '') +
      (r.truncatedIndexSets ? `; ${r.truncatedIndexSets} index sets not enumerated (more than 64 per instance)` : ''),
  ];
  if (withA > 0) parts.push(`Where (A) holds (${withA} instances):\n${tableText(r.table)}`);
  if (r.withoutA.instances > 0) {
    const why = Object.entries(r.withoutA.parts).map(([part, k]) => `${part} ${k}`).join(', ');
    parts.push(`Where (A) fails (${r.withoutA.instances} instances: ${why}) the theorem does not apply; reported, not tested:\n${tableText(r.tableWithoutA)}`);
  }
  const c = r.checks;
  parts.push(
    [
      'Verdict (Theorem 2.3 and Corollary 2.4, on the instances where (A) holds):',
      `  ${MARK[c.localMinimaGlobal.status]} every local minimum found is global: ${c.localMinimaGlobal.text}`,
      `  ${MARK[c.badSaddlesRankDeficient.status]} every bad saddle has H ≥ 2 and rank(W_H⋯W_2) < p: ${c.badSaddlesRankDeficient.text}`,
      `  ${MARK[c.corollary24.status]} Corollary 2.4: ${c.corollary24.text}`,
      r.violations.length === 0
        ? '  ✓ no theorem violation'
        : `  ✗ ${r.violations.length} THEOREM VIOLATION${r.violations.length === 1 ? '' : 'S'}`,
    ].join('\n'),
  );
  if (r.violations.length) {
    const shown = r.violations.slice(0, SHOWN_VIOLATIONS).map((v) => violationText(v, o));
    if (r.violations.length > SHOWN_VIOLATIONS) shown.push(`  … and ${r.violations.length - SHOWN_VIOLATIONS} more (--json lists all)`);
    parts.push(`THEOREM VIOLATIONS (a bug in dln or a counterexample; each reproducible alone):\n${shown.join('\n')}`);
  }
  parts.push(`swept in ${seconds.toFixed(2)} s`);
  return parts.join('\n\n') + '\n';
}
