import { Exact, Rational, type Matrix, equals, mul, scale } from '../../linalg/index.js';
import { endToEnd } from '../derivatives.js';
import { type NonlinearModel, outputScale } from './model.js';
import { PATH_TERM_LIMIT, pathCount, pathFormula, pathTerms } from './paths.js';

/**
 * E_Z[Ŷ(W, X)] under the paper's assumption (every path gate Z ~ Bernoulli(ρ), independent of X and W), computed
 * exactly three ways: by the path formula (every one of the Ψ paths, each gate replaced by its expectation), layer by
 * layer (linearity of expectation: the path sums are the forward pass), and in closed form qρ·(W_{H+1}⋯W_1)·X.
 */

/** E[Z] = Σ_{z ∈ {0,1}} P(Z = z)·z for Z ~ Bernoulli(ρ): the expectation written out, not assumed to be ρ. */
export function gateMean(rho: Rational): Rational {
  const outcomes: [Rational, Rational][] = [
    [Rational.ZERO, Rational.ONE.sub(rho)],
    [Rational.ONE, rho],
  ];
  return outcomes.reduce((s, [z, p]) => s.add(p.mul(z)), Rational.ZERO);
}

/** By the path formula: q Σ_p X_{i₀s} E[Z_{s,j,p}] Π_k w, all Ψ paths of every output and sample. */
export function expectedOutputByPaths(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> {
  const mean = gateMean(model.rho);
  return pathFormula(Exact, X, W, model.q, () => mean);
}

/**
 * Layer by layer: the sum over paths of X_{i₀s}Π_k w is the forward pass S_k = W_k S_{k−1} (S₀ = X), by
 * distributivity; every gate has the same expectation ρ, so E_Z[Ŷ] = q·E[Z]·S_{H+1}. Cost O(Σ d_k d_{k−1} m).
 */
export function expectedOutputLayered(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> {
  const S = W.reduce((acc, Wk) => mul(Exact, Wk, acc), X);
  return scale(Exact, model.q.mul(gateMean(model.rho)), S);
}

/** The paper's closed form qρ·W_{H+1}⋯W_1·X (the end-to-end product first, then the data). */
export function expectedOutputClosedForm(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): Matrix<Rational> {
  return scale(Exact, outputScale(model), mul(Exact, endToEnd(Exact, W), X));
}

export interface ExpectedOutput {
  /** Ψ, the number of paths to each output. */
  readonly paths: number;
  /** By the path formula; undefined beyond PATH_TERM_LIMIT path terms. */
  readonly byPaths?: Matrix<Rational>;
  readonly layered: Matrix<Rational>;
  readonly closedForm: Matrix<Rational>;
  /** Every computed form equals qρ W_{H+1}⋯W_1 X entry by entry (exactly). */
  readonly agree: boolean;
  /** What was compared, in words. */
  readonly method: string;
}

/** The three computations of E_Z[Ŷ] and their exact comparison. */
export function expectedOutput(model: NonlinearModel, X: Matrix<Rational>, W: readonly Matrix<Rational>[]): ExpectedOutput {
  const widths = [X.rows, ...W.map((Wk) => Wk.rows)];
  const paths = pathCount(widths);
  const terms = pathTerms(widths, X.cols);
  const byPaths = terms <= PATH_TERM_LIMIT ? expectedOutputByPaths(model, X, W) : undefined;
  const layered = expectedOutputLayered(model, X, W);
  const closedForm = expectedOutputClosedForm(model, X, W);
  const agree = equals(Exact, layered, closedForm) && (byPaths === undefined || equals(Exact, byPaths, closedForm));
  const method = byPaths
    ? `by the path formula (${paths} paths per output, ${terms} terms) and layer by layer, both equal to qρ·W_{H+1}⋯W_1X entry by entry`
    : `layer by layer (${terms} path terms exceed the enumeration limit of ${PATH_TERM_LIMIT}), equal to qρ·W_{H+1}⋯W_1X entry by entry`;
  return { paths, ...(byPaths ? { byPaths } : {}), layered, closedForm, agree, method: agree ? method : `DISAGREE: ${method.replace(/, (both )?equal.*$/, '')} do not agree` };
}
