import type { NonlinearPointReport, NonlinearReport } from '../landscape/nonlinear/check.js';
import { certificateText, networkText } from './check-format.js';

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
