import type { NonlinearPointReport, NonlinearReport } from '../landscape/nonlinear/check.js';
import { Rational } from '../linalg/index.js';
import type { MonteCarloReport } from '../landscape/nonlinear/monte-carlo.js';
import type { ReluCertificate, ReluPointReport, ReluReport } from '../landscape/nonlinear/relu-check.js';
import type { NonlinearSweepReport } from '../landscape/nonlinear/sweep.js';
import { certificateText, networkText, polynomialText } from './check-format.js';

/** Plain-text rendering of `dln nonlinear` reports for the paper's model (the JSON form is the report itself). */

const mark = (ok: boolean) => (ok ? '✓' : '✗ FAILED');
export const matrixText = (M: readonly (readonly (string | number)[])[]): string => `[${M.map((r) => r.join(' ')).join('; ')}]`;

export function modelText(n: NonlinearReport['network']): string {
  const m = n.model;
  return (
    `  model: ReLU network as a sum over paths, every path active with probability ρ = ${m.rho}, independently of X and W (A1p-m, A5u-m);` +
    ` q = ${m.q}, qρ = ${m.scale}\n` +
    `  Ψ = ${n.paths} paths per output (enumerated up to ${n.pathTermLimit} path terms, beyond that layer by layer only)`
  );
}

export function nonlinearPointText(p: NonlinearPointReport): string {
  const lines: string[] = [];
  const verdict = p.expect === null ? '' : p.expect === p.classification ? `  (expected ${p.expect}: ok)` : `  EXPECTED ${p.expect}`;
  lines.push(`point "${p.name}": ${p.classification}${verdict}`);
  const e = p.expectedOutput;
  lines.push(`  E_Z[Ŷ] = ${matrixText(e.closedForm)}  ${mark(e.agree)} ${e.method}`);
  lines.push(`  loss of the expected output L_nl = ${p.loss}, deep linear loss at φ(W) = ${p.linearLoss}  ${mark(p.lossesAgree)}`);
  lines.push(
    `  gradient ${p.gradient.zero ? 'zero' : 'non-zero'} (exact); ∇L_nl(W) = S∇L_lin(φ(W)) ${mark(p.gradient.corresponds)}` +
      (p.hessianCongruent === null ? '' : `; ∇²L_nl(W) = S∇²L_lin(φ(W))S ${mark(p.hessianCongruent)} (same inertia)`),
  );
  const l = p.linear;
  if (l.hessian) lines.push(`  Hessian inertia +${l.hessian.inertia.positive} −${l.hessian.inertia.negative} 0×${l.hessian.inertia.zero}; rank W_H⋯W_2 = ${l.rankMiddle} (p = ${l.p})`);
  lines.push(`  why: ${p.reason}`);
  lines.push(`  certificate: ${certificateText(p.certificate)}`);
  lines.push(`  transfer: ${p.transfer.verified ? '✓ ' : ''}${p.transfer.note}`);
  lines.push(`  theorem (Corollary 3.2 via Theorem 2.3 at φ(W)): ${l.theorem.note}`);
  if (p.monteCarlo) lines.push(monteCarloText(p.monteCarlo));
  return lines.join('\n');
}

export function nonlinearText(r: NonlinearReport, mode: 'exact' | 'float'): string {
  const head = networkText(r.network, mode) + '\n' + modelText(r.network);
  const bad = r.points.filter((p) => !p.ok);
  const summary =
    bad.length === 0
      ? `${r.points.length} point${r.points.length === 1 ? '' : 's'}: all as expected; the reduction checked at every point`
      : bad.map((p) => `FAIL "${p.name}": ${p.expect !== null && p.expect !== p.classification ? `expected ${p.expect}, found ${p.classification}` : p.reason}`).join('\n');
  return [head, ...r.points.map(nonlinearPointText), summary].join('\n\n') + '\n';
}

const g = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(5) : x.toExponential(3));

/** The Monte Carlo table: the followed entry's estimate and error against N, and the worst entry in standard errors. */
export function monteCarloText(mc: MonteCarloReport): string {
  const { row, col } = mc.entry;
  const exact = mc.exact[row]![col]!;
  const sigma = mc.sigma[row]![col]!;
  const head = `  Monte Carlo: ${mc.draws} draws of every gate Z ~ Bernoulli(ρ) (seed ${mc.seed}); entry (${row + 1},${col + 1}): exact ${exact}, σ = ${g(sigma)} per draw (exact variance ${mc.variance[row]![col]})`;
  const table = [['N', `estimate (${row + 1},${col + 1})`, 'error', 'σ/√N', 'max |error|/(σ/√N), all entries']];
  for (const c of mc.checkpoints) {
    const est = c.estimate[row]![col]!;
    const err = est - Rational.parse(exact)!.toNumber();
    table.push([String(c.draws), g(est), g(err), g(sigma / Math.sqrt(c.draws)), c.maxStandardError.toFixed(2)]);
  }
  const width = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
  const body = table.map((r) => '    ' + r.map((c, j) => c.padStart(width[j]!)).join('  ')).join('\n');
  const last = mc.checkpoints[mc.checkpoints.length - 1]!;
  const verdict = mc.withinBand
    ? `  every entry within ${mc.band}σ/√N at N = ${mc.draws} ✓ (the error falls like 1/√N; by Chebyshev a ${mc.band}σ/√N miss has probability ≤ 1/${mc.band * mc.band} per entry)`
    : `  an entry is ${last.maxStandardError.toFixed(2)} standard errors off at N = ${mc.draws} (beyond ${mc.band}σ/√N: probability ≤ 1/${mc.band * mc.band} per entry by Chebyshev; a statistical statement, not a verdict)`;
  return [head, body, verdict].join('\n');
}

function reluCertificateText(c: ReluCertificate | null): string {
  if (!c) return 'none';
  switch (c.kind) {
    case 'nonzero-gradient':
      return `∂L/∂${c.parameter} = ${c.value} ≠ 0; along that coordinate L(W + t·e) − L(W) = ${polynomialText(c.line)} for |t| ≤ ${c.radius} (the activation pattern is fixed there)`;
    case 'zero-loss':
      return 'L = 0 ≤ L everywhere';
    case 'locally-linear':
      return `locally linear on the box of radius ${c.radius}; the linear model's certificate at ψ(W): ${certificateText(c.linear)}`;
    case 'locally-constant':
      return `the loss is constant on the box of radius ${c.radius}: ${c.note}`;
  }
}

export function reluPointText(p: ReluPointReport): string {
  const lines: string[] = [];
  const verdict = p.expect === null ? '' : p.expect === p.classification ? `  (expected ${p.expect}: ok)` : `  EXPECTED ${p.expect}`;
  lines.push(`point "${p.name}": ReLU network ${p.classification}${verdict};  reduced model ${p.reduced.classification}`);
  lines.push(`  Ŷ = ${matrixText(p.output.forward)} (forward pass)${p.output.byPaths ? `  ${mark(p.output.pathsAgree)} the path formula with the real gates gives the same` : ''}`);
  lines.push(`  active path gates ρ̂ = ${p.activePathFraction}; the reduction's E_Z[Ŷ] = qρ·W_{H+1}⋯W_1X = ${matrixText(p.reducedOutput)}${p.outputsDiffer ? ' ≠ Ŷ' : ' = Ŷ'}`);
  const kinks = p.pattern.kinks.length ? `${p.pattern.kinks.length} kink${p.pattern.kinks.length === 1 ? '' : 's'} (a pre-activation exactly 0; σ′(0) = 0 is used)` : `no kink; pattern ${p.pattern.kind} on the box of radius ${p.pattern.radius}`;
  lines.push(`  ${kinks}`);
  lines.push(`  ReLU loss ${p.loss}, gradient ${p.gradient.zero ? 'zero' : 'non-zero'} (exact);  reduced loss ${p.reduced.loss}, gradient ${p.reduced.critical ? 'zero' : 'non-zero'}`);
  lines.push(`  why: ${p.reason}`);
  lines.push(`  certificate: ${reluCertificateText(p.certificate)}`);
  lines.push(`  reduced model: ${p.reduced.reason}`);
  if (p.breaks)
    lines.push(`  ✗ THE REDUCTION BREAKS HERE: the reduced model is ${p.reduced.critical ? '' : 'not '}critical, the ReLU network is ${p.reduced.critical ? 'not ' : ''}critical`);
  return lines.join('\n');
}

export function reluText(r: ReluReport, mode: 'exact' | 'float'): string {
  const m = r.network.model;
  const head =
    networkText(r.network, mode) +
    `\n  model: the real ReLU network q·W_{H+1}σ(⋯σ(W_1X)), q = ${m.q}: a path is active iff every ReLU on it is (gates decided by X and W);` +
    `\n  compared with the reduced model ½‖qρ·W_{H+1}⋯W_1X − Y‖², ρ = ${m.rho} (qρ = ${m.scale}); Ψ = ${r.network.paths} paths per output`;
  const bad = r.points.filter((p) => !p.ok);
  const breaks = r.points.filter((p) => p.breaks).map((p) => `"${p.name}"`);
  const summary = [
    breaks.length ? `the reduction breaks at ${breaks.join(', ')}: critical points of the ReLU network and of the reduced model do not correspond` : 'the reduced model and the ReLU network agree on criticality at every point checked',
    bad.length === 0
      ? `${r.points.length} point${r.points.length === 1 ? '' : 's'}: all as expected`
      : bad.map((p) => `FAIL "${p.name}": ${p.output.pathsAgree ? `expected ${p.expect}, found ${p.classification}` : 'the path formula does not reproduce the forward pass (a bug)'}`).join('\n'),
  ].join('\n');
  return [head, ...r.points.map(reluPointText), summary].join('\n\n') + '\n';
}

/**
 * `dln sweep --model nonlinear`: the linear sweep's text (its tables and verdicts apply verbatim through φ), with
 * what was drawn and what the reduction checked around it.
 */
export function nonlinearSweepText(r: NonlinearSweepReport, linearText: string): string {
  const rhos = [...new Set(r.models.map((m) => m.rho))];
  const head =
    `Nonlinear model (Section 3): ReLU paths active with probability ρ, independently of X and W; ρ and q drawn per instance ` +
    `(ρ ∈ {${rhos.slice(0, 8).join(', ')}${rhos.length > 8 ? ', …' : ''}}, q = 1/ρ for even seeds). Every critical point of the linear ` +
    `construction is moved to W = φ⁻¹(W′) and checked there; the verdicts below are Corollary 3.2 (Theorem 2.3 through φ).`;
  const reduction =
    r.reduction.failed === 0
      ? `  ✓ the reduction checked at all ${r.reduction.points} points: E_Z[Ŷ] by its paths = qρ·W_{H+1}⋯W_1X, L_nl = L_lin∘φ, ∇L_nl = S∇L_lin, ` +
        `${r.mode === 'exact' ? '∇²L_nl = S∇²L_linS at critical points, ' : ''}certificates carried back`
      : `  ✗ the reduction FAILED at ${r.reduction.failed} of ${r.reduction.points} points (listed among the violations)`;
  const text = linearText.replace('Verdict (Theorem 2.3 and Corollary 2.4, on the instances where (A) holds):', 'Verdict (Corollary 3.2: Theorem 2.3 and Corollary 2.4 through φ, on the instances where (A) holds):');
  const at = text.indexOf('\n\nswept in');
  return `${head}\n${text.slice(0, at)}\n${reduction}${text.slice(at)}`;
}
