import { InputError } from '../errors.js';
import { hessianLimitProblem } from '../landscape/check.js';
import { criticalReport } from '../landscape/critical.js';
import { readNetwork } from '../api/networks.js';
import type { WeightsJson } from '../landscape/report.js';
import { seededRng } from '../linalg/random.js';
import { exitCode, networkText, pointText, weightsText } from './check-format.js';

export interface CriticalOptions {
  float?: boolean;
  json?: boolean;
  seed?: string;
  maxSets?: string;
}

function positiveInt(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > 2 ** 31) throw new InputError(option, `"${text}" is not a non-negative integer`);
  return Number(text);
}

/** A point's text with its weights under the heading line (the points are built here, not read from the file). */
function withWeights(text: string, W: WeightsJson): string {
  const [heading, ...rest] = text.split('\n');
  return [heading, `  weights: ${weightsText(W, 'W')}`, ...rest].join('\n');
}

/** `dln critical NETWORK.json [--float] [--json] [--seed N] [--max-sets N]`: exit 1 when a prediction or the theorem fails. */
export function run(path: string, options: CriticalOptions): number {
  const spec = readNetwork(path);
  const mode = options.float ? 'float' : 'exact';
  const seed = positiveInt(options.seed, '--seed', 1);
  const maxSets = positiveInt(options.maxSets, '--max-sets', 64);
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new InputError(`${path}: widths`, problem);
  const report = criticalReport(spec, mode, seededRng(seed), maxSets);
  if (options.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    const parts = [networkText(report.network, mode)];
    for (const p of report.points) {
      const pred = p.predicted;
      parts.push(
        `[${p.family}] ${withWeights(pointText(p), p.W)}\n  predicted: I = {${pred.indexSet.join(', ')}}, loss ${pred.loss}, ${pred.label ?? 'no label'} (${pred.because})` +
          `\n  construction: ${p.predictionsHold ? 'zero gradient, loss and I as predicted' : 'PREDICTION FAILED (gradient, loss or I differ)'}`,
      );
    }
    for (const s of report.skipped) parts.push(`skipped I = {${s.indexSet.join(', ')}}: ${s.reason}`);
    if (report.truncated) parts.push(`${report.truncated} more index sets not enumerated (--max-sets ${maxSets})`);
    const bad = report.points.filter((p) => !p.ok);
    parts.push(
      bad.length === 0
        ? `${report.points.length} critical points generated and classified: all as predicted, no theorem violation`
        : bad.map((p) => `FAIL "${p.name}": ${!p.predictionsHold ? 'construction prediction failed' : !p.theorem.agrees ? p.theorem.note : `predicted ${p.expect}, found ${p.classification}`}`).join('\n'),
    );
    process.stdout.write(parts.join('\n\n') + '\n');
  }
  return exitCode(path, report);
}
