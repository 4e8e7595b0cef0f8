import { InputError } from '../errors.js';
import { checkNetwork, hessianLimitProblem } from '../landscape/check.js';
import { criticalReport, type CriticalReport } from '../landscape/critical.js';
import { loadNetwork, parseNetwork, type NetworkSpec } from '../landscape/network.js';
import type { NetworkReport } from '../landscape/report.js';
import { seededRng } from '../linalg/random.js';

export interface NetworkOptions {
  /** float64 with stated tolerances instead of exact rationals. */
  readonly float?: boolean;
}

/** Reads a network file (data may come from .csv/.npy files beside it); InputError on bad input. */
export const readNetwork = (file: string): NetworkSpec => loadNetwork(file);

/** A network from JSON text; `source` names it in errors, and data files are found relative to it. */
export const parseNetworkText = (text: string, source = 'network.json'): NetworkSpec => parseNetwork(text, source);

function modeFor(spec: NetworkSpec, options: NetworkOptions): 'exact' | 'float' {
  const mode = options.float ? 'float' : 'exact';
  const problem = hessianLimitProblem(spec.widths, mode);
  if (problem) throw new InputError(`${spec.name}: widths`, problem);
  return mode;
}

/** Classifies the network's candidate points (all, or those named) as `dln check` does. */
export const checkPoints = (spec: NetworkSpec, options: NetworkOptions & { readonly points?: readonly string[] } = {}): NetworkReport =>
  checkNetwork(spec, modeFor(spec, options), options.points);

/** Builds and classifies the exact critical-point families, as `dln critical` does. */
export const criticalPoints = (spec: NetworkSpec, options: NetworkOptions & { readonly seed?: number; readonly maxSets?: number } = {}): CriticalReport =>
  criticalReport(spec, modeFor(spec, options), seededRng(options.seed ?? 1), options.maxSets ?? 64);
