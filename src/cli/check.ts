import { InputError } from '../errors.js';
import { checkNetwork, hessianLimitProblem } from '../landscape/check.js';
import { loadNetwork } from '../landscape/network.js';
import { networkText, pointText, summaryText } from './check-format.js';

export interface CheckOptions {
  point?: string;
  float?: boolean;
  json?: boolean;
}

/** `dln check NETWORK.json [--point NAME] [--float] [--json]`: exit 1 when a point is not as expected or the theorem is violated. */
export function run(path: string, options: CheckOptions): number {
  const spec = loadNetwork(path);
  const mode = options.float ? 'float' : 'exact';
  if (options.point !== undefined && !spec.points.some((p) => p.name === options.point))
    throw new InputError('--point', `no point named "${options.point}" in ${path} (points: ${spec.points.map((p) => `"${p.name}"`).join(', ') || 'none'})`);
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new InputError(`${path}: widths`, problem);
  const report = checkNetwork(spec, mode, options.point === undefined ? undefined : [options.point]);
  if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    const parts = [networkText(report.network, mode), ...report.points.map(pointText), summaryText(report.points)];
    process.stdout.write(parts.join('\n\n') + '\n');
  }
  return report.points.every((p) => p.ok) ? 0 : 1;
}
