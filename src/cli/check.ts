import { InputError } from '../errors.js';
import { checkNetwork, hessianLimitProblem } from '../landscape/check.js';
import { readNetwork } from '../api/networks.js';
import type { NetworkReport } from '../landscape/report.js';
import { latexComment } from '../render/escape.js';
import { loadTex } from '../render/katex.js';
import { classificationTable, type ClassificationRow } from '../render/tables.js';
import { exitCode, networkText, pointText, summaryText } from './check-format.js';

export interface CheckOptions {
  point?: string;
  float?: boolean;
  json?: boolean;
  format?: string;
}

/** `dln check NETWORK.json [--point NAME] [--float] [--json | --format text|latex|json]`: exit 1 when a point is not as expected or the theorem is violated. */
export async function run(path: string, options: CheckOptions): Promise<number> {
  if (options.json && options.format !== undefined && options.format !== 'json')
    throw new InputError('--json', `conflicts with --format ${options.format}`);
  const format = options.json ? 'json' : (options.format ?? 'text');
  if (!['text', 'latex', 'json'].includes(format)) throw new InputError('--format', `expected text, latex or json, got "${format}"`);
  const spec = readNetwork(path);
  const mode = options.float ? 'float' : 'exact';
  if (options.point !== undefined && !spec.points.some((p) => p.name === options.point))
    throw new InputError('--point', `no point named "${options.point}" in ${path} (points: ${spec.points.map((p) => `"${p.name}"`).join(', ') || 'none'})`);
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new InputError(`${path}: widths`, problem);
  const report = checkNetwork(spec, mode, options.point === undefined ? undefined : [options.point]);
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'latex') process.stdout.write(await latexReport(path, report));
  else {
    const parts = [networkText(report.network, mode), ...report.points.map(pointText), summaryText(report.points)];
    process.stdout.write(parts.join('\n\n') + '\n');
  }
  return exitCode(path, report);
}

/** The classification table (the appendix's writer), every math cell validated by KaTeX; needs amsmath and amssymb. */
async function latexReport(path: string, report: NetworkReport): Promise<string> {
  const rows = report.points.map(({ indexSet, expect, ...p }): ClassificationRow => ({
    ...p,
    ...(indexSet ? { indexSet } : {}),
    ...(expect ? { expect } : {}),
  }));
  const what = `${latexComment(report.network.name)}, ${report.points[0]?.mode === 'float' ? 'float64 with stated tolerances' : 'exact rational arithmetic'}`;
  return `% dln check ${latexComment(path)}: ${what}\n${classificationTable(rows, await loadTex())}\n`;
}
