import { InputError } from '../errors.js';
import { hessianLimitProblem } from '../landscape/check.js';
import { loadNetwork } from '../landscape/network.js';
import { checkNonlinear } from '../landscape/nonlinear/check.js';
import { MONTE_CARLO_LIMITS, monteCarloProblem } from '../landscape/nonlinear/monte-carlo.js';
import { checkRelu } from '../landscape/nonlinear/relu-check.js';
import { nonlinearText, reluText } from './nonlinear-format.js';
import { intOption } from './options.js';

export interface NonlinearOptions {
  point?: string;
  float?: boolean;
  json?: boolean;
  monteCarlo?: string;
  seed?: string;
}

/**
 * `dln nonlinear NETWORK.json [--point NAME] [--float] [--json] [--monte-carlo N [--seed S]]`: the Section 3 model the file declares under
 * `model`; exit 1 when a point is not as expected or a step of the reduction fails to check.
 */
export function run(path: string, options: NonlinearOptions): number {
  const spec = loadNetwork(path);
  const model = spec.model;
  if (!model) throw new InputError(`${path}: model`, 'missing: declare the nonlinear model, e.g. "model": { "activation": "relu", "paths": "bernoulli", "rho": "1/3" }');
  const mode = options.float ? 'float' : 'exact';
  if (options.point !== undefined && !spec.points.some((p) => p.name === options.point))
    throw new InputError('--point', `no point named "${options.point}" in ${path} (points: ${spec.points.map((p) => `"${p.name}"`).join(', ') || 'none'})`);
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new InputError(`${path}: widths`, problem);
  const points = options.point === undefined ? undefined : [options.point];
  const draws = options.monteCarlo === undefined ? undefined : intOption(options.monteCarlo, 'monte-carlo', 0, 1, MONTE_CARLO_LIMITS.maxDraws);
  const seed = intOption(options.seed, 'seed', 1, 0, 2 ** 32 - 1);
  if (draws !== undefined) {
    const tooMuch = monteCarloProblem(spec.widths, spec.X.cols, draws);
    if (tooMuch) throw new InputError('--monte-carlo', tooMuch);
  }
  if (model.paths === 'relu') {
    if (draws !== undefined) throw new InputError('--monte-carlo', `the real ReLU network (${path}: model.paths "relu") has no random gates to sample`);
    const report = checkRelu({ ...spec, model }, mode, points);
    process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : reluText(report, mode));
    return report.points.every((p) => p.ok) ? 0 : 1;
  }
  const report = checkNonlinear({ ...spec, model }, { mode, ...(draws !== undefined ? { monteCarlo: { draws, seed } } : {}) }, points);
  process.stdout.write(options.json ? JSON.stringify(report, null, 2) + '\n' : nonlinearText(report, mode));
  return report.points.every((p) => p.ok) ? 0 : 1;
}
