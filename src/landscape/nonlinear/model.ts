import { Rational } from '../../linalg/index.js';
import type { JsonValue } from '../json-exact.js';

/**
 * The nonlinear model of a network file (Kawaguchi 2016, Section 3, after Choromanska et al. 2015): a ReLU network
 * written as a sum over its input-to-output paths, Ŷ_{js} = q Σ_p X_{i₀s} Z_{s,j,p} Π_k (W_k)_{i_k i_{k−1}}, where
 * the gate Z ∈ {0, 1} says whether path p is active.
 *
 * - `paths: "bernoulli"`: the paper's assumption (A1p-m, A5u-m): every gate is Bernoulli(ρ), independent of X and W.
 *   Then E_Z[Ŷ] = qρ W_{H+1}⋯W_1 X and the loss of the expected output is the deep linear loss at rescaled weights.
 * - `paths: "relu"`: the real network: a path is active iff every ReLU on it is, so the gates are functions of X
 *   and W. ρ and q are then what the reduction would assume (the reduced model is ½‖qρ W_{H+1}⋯W_1X − Y‖²);
 *   the network's output is q W_{H+1} σ(W_H ⋯ σ(W_1 X)).
 */
export type PathModel = 'bernoulli' | 'relu';
export const PATH_MODELS: readonly PathModel[] = ['bernoulli', 'relu'];

export interface NonlinearModel {
  readonly activation: 'relu';
  readonly paths: PathModel;
  /** Probability that a path is active, 0 < ρ ≤ 1. */
  readonly rho: Rational;
  /** The output normalisation, q > 0 (default ρ⁻¹, the paper's choice in Corollary 3.2). */
  readonly q: Rational;
}

/** qρ: the factor by which the expected output rescales the linear network's output. */
export const outputScale = (m: NonlinearModel): Rational => m.q.mul(m.rho);

const MODEL_KEYS = new Set(['activation', 'paths', 'rho', 'q']);

type Fail = (path: string, message: string) => never;

function rational(v: JsonValue, path: string, err: Fail): Rational {
  const q = v.kind === 'number' ? Rational.parse(v.text) : v.kind === 'string' ? Rational.parse(v.value) : undefined;
  if (q === undefined) return err(path, 'expected a rational number: an integer, an exact decimal or a "p/q" string');
  return q;
}

/** Reads the `model` object of a network file; every problem names its field. */
export function readModel(v: JsonValue, err: Fail): NonlinearModel {
  if (v.kind !== 'object') return err('model', 'expected an object { "activation": "relu", "paths": "bernoulli", "rho": "1/3" }');
  for (const k of v.entries.keys()) if (!MODEL_KEYS.has(k)) err(`model.${k}`, `unknown key (expected one of ${[...MODEL_KEYS].join(', ')})`);
  const act = v.entries.get('activation');
  if (act === undefined) err('model', 'missing "activation" (the only one supported is "relu")');
  if (act!.kind !== 'string' || act!.value !== 'relu') err('model.activation', 'expected "relu" (the only activation of the path model)');
  const pathsV = v.entries.get('paths');
  if (pathsV === undefined) err('model', `missing "paths" (${PATH_MODELS.map((p) => `"${p}"`).join(' or ')})`);
  if (pathsV!.kind !== 'string' || !(PATH_MODELS as readonly string[]).includes(pathsV!.value))
    err('model.paths', `expected ${PATH_MODELS.map((p) => `"${p}"`).join(' or ')}`);
  const paths = (pathsV as { value: PathModel }).value;
  const rhoV = v.entries.get('rho');
  if (rhoV === undefined && paths === 'bernoulli') err('model', 'missing "rho" (the probability that a path is active, 0 < rho ≤ 1)');
  const rho = rhoV === undefined ? Rational.ONE : rational(rhoV, 'model.rho', err);
  if (rho.sign() <= 0 || rho.cmp(Rational.ONE) > 0) err('model.rho', `is ${rho}, expected 0 < rho ≤ 1`);
  const qV = v.entries.get('q');
  const q = qV === undefined ? rho.inv() : rational(qV, 'model.q', err);
  if (q.sign() <= 0) err('model.q', `is ${q}, expected q > 0`);
  return { activation: 'relu', paths, rho, q };
}

/** The model as JSON: rationals as strings. */
export function modelJson(m: NonlinearModel): { activation: 'relu'; paths: PathModel; rho: string; q: string; scale: string } {
  return { activation: m.activation, paths: m.paths, rho: m.rho.toString(), q: m.q.toString(), scale: outputScale(m).toString() };
}
