import { internalErrors } from '../landscape/check.js';
import { tPower } from '../landscape/line.js';
import { minus } from '../tui/numbers.js';
import type { Certificate, NetworkReport, Num, PointReport, WeightsJson } from '../landscape/report.js';

/**
 * Plain-text rendering of `dln check` / `dln critical` reports (the JSON form is the report itself). Numbers are
 * written with the Unicode minus sign, as every formula is.
 */

const num = (x: Num): string => (typeof x === 'number' ? fmtFloat(x) : minus(x));

function fmtFloat(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return minus(a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(10))) : x.toExponential(6));
}

const exponent = (x: number) => minus(x.toExponential(2));

/** c₁t + c₂t² + … from coefficients t⁰ first (t⁰ is always 0 here). */
export function polynomialText(coeffs: readonly Num[]): string {
  const terms: string[] = [];
  coeffs.forEach((c, k) => {
    const s = num(c);
    if (k === 0 || s === '0') return;
    const neg = s.startsWith('−');
    const abs = neg ? s.slice(1) : s;
    const body = `${abs === '1' ? '' : abs.includes('/') ? `(${abs})` : abs}${tPower(k)}`;
    terms.push(terms.length === 0 ? (neg ? `−${body}` : body) : `${neg ? '−' : '+'} ${body}`);
  });
  return terms.length ? terms.join(' ') : '0';
}

/** `W_1 = [1 0; 0 1], W_2 = …`: matrices row by row, rows separated by `;`. */
export function weightsText(W: WeightsJson, name: string): string {
  return W.map((M, k) => `${name}_${k + 1} = [${M.map((r) => r.map(num).join(' ')).join('; ')}]`).join(', ');
}

export function certificateText(c: Certificate | null): string {
  if (!c) return 'none';
  switch (c.kind) {
    case 'nonzero-gradient':
      return `∂L/∂${c.parameter} = ${num(c.value)} ≠ 0`;
    case 'loss-equals-lossStar':
      return c.note;
    case 'negative-curvature':
      return `vᵀ∇²L v = ${num(c.curvature)} < 0 for ${weightsText(c.direction, 'V')}` +
        (c.polynomial ? `; L(W + tV) − L(W) = ${polynomialText(c.polynomial)}` : '') +
        (c.rising ? `; rises along ${weightsText(c.rising.direction, 'U')}: L(W + tU) − L(W) = ${polynomialText(c.rising.polynomial)}` : '');
    case 'decreasing-line':
      return `L(W + tV) − L(W) = ${polynomialText(c.polynomial)} (falls for small t ${c.towards > 0 ? '> 0' : '< 0'}; ${c.construction}) along ${weightsText(c.direction, 'V')}`;
    case 'decreasing-curve':
      return `L(γ(t)) − L(W) = ${polynomialText(c.polynomial)} (falls for small t ${c.towards > 0 ? '> 0' : '< 0'}; ${c.construction}) along γ(t) = W + ` +
        c.curve.map((_, i) => `${tPower(i + 1)}·V${i + 1}`).join(' + ') + ', ' + c.curve.map((V, i) => weightsText(V, `V${i + 1}`)).join(', ');
  }
}

export function pointText(p: PointReport): string {
  const lines: string[] = [];
  const verdict = p.expect === null ? '' : p.expect === p.classification ? `  (expected ${p.expect}: ok)` : `  EXPECTED ${p.expect}`;
  lines.push(`point "${p.name}": ${p.classification}${verdict}`);
  const star = `${num(p.lossStar)}${p.lossStarExact ? '' : ` ± ${fmtFloat(p.lossStarTolerance ?? 0)}`}`;
  lines.push(`  loss ${num(p.loss)}   L* ${star}`);
  lines.push(
    `  gradient ${p.gradient.zero ? 'zero' : `non-zero, max |entry| ${num(p.gradient.maxAbs)}`} (exact)`,
  );
  if (p.hessian) {
    const h = p.hessian;
    lines.push(
      `  Hessian ${h.size}×${h.size}: ${h.inertia.positive} positive, ${h.inertia.negative} negative, ${h.inertia.zero} zero eigenvalues` +
        `${h.tolerance !== undefined ? ` (tolerance ${exponent(h.tolerance)})` : ' (exact)'}, eigenvalues in ≈ [${num(h.minEigenvalue)}, ${num(h.maxEigenvalue)}]` +
        (h.balance ? ` (float spectrum computed at the point rescaled by powers of two: 2^(${h.balance.layers.join(', ')}) per layer)` : ''),
    );
  }
  const idx = p.indexSet ? `I = {${p.indexSet.join(', ')}}, critical value ${num(p.criticalValue!)}` : 'I not determined';
  lines.push(`  rank C = ${p.rankC}, rank W_H⋯W_2 = ${p.rankMiddle} (p = ${p.p}), ${idx}`);
  lines.push(`  why: ${p.reason}`);
  lines.push(`  certificate: ${certificateText(p.certificate)}`);
  lines.push(`  theorem: ${p.theorem.note}`);
  lines.push(`  cross-check (from the product, no Hessian): ${p.crossCheck.agrees ? `allows ${p.crossCheck.labels.join(' or ')}: ${p.crossCheck.note}` : p.crossCheck.note}`);
  const diag = Object.entries(p.diagnostics).map(([k, v]) => `${k} ${v ? 'holds' : 'FAILS'}`);
  if (diag.length) lines.push(`  diagnostics: ${diag.join(', ')}`);
  return lines.join('\n');
}

export function networkText(n: NetworkReport['network'], mode: 'exact' | 'float'): string {
  const lines = [`network: ${n.name}`];
  lines.push(`  widths ${n.widths.join(',')} (H = ${n.H}, p = ${n.p}), ${n.parameters} parameters, ${mode === 'exact' ? 'exact rational arithmetic' : 'float64 with tolerances'}`);
  lines.push(
    n.hypotheses.holds
      ? '  hypotheses (A): hold'
      : `  hypotheses (A) FAIL: ${n.hypotheses.failed.map((f) => f.detail).join('; ')} — Theorem 2.3 is not applicable`,
  );
  const star = n.lossStarExact ? `${num(n.lossStar)} (exact)` : `${num(n.lossStar)} ± ${fmtFloat(n.lossStarTolerance ?? 0)} (not known exactly; enclosed by exact eigenvalue counts)`;
  lines.push(`  Σ eigenvalues ${n.sigmaEigenvalues.map(num).join(', ')};  L* = ${star}`);
  return lines.join('\n');
}

/** The closing line: counts, and every failure named. */
export function summaryText(points: readonly PointReport[]): string {
  const bad = points.filter((p) => !p.ok);
  if (bad.length === 0) return `${points.length} point${points.length === 1 ? '' : 's'}: all as expected, no theorem violation`;
  return bad
    .map((p) =>
      !p.theorem.agrees ? `FAIL "${p.name}": ${p.theorem.note}` : `FAIL "${p.name}": expected ${p.expect}, found ${p.classification}`,
    )
    .join('\n');
}

/**
 * The exit code of `check` and `critical`: 3 (after the report) when a point threw or the two classifiers
 * disagree — each on its own stderr line —, else 1 when a point is not as expected, else 0.
 */
export function exitCode(path: string, report: { points: readonly PointReport[]; errors: readonly { point: string; message: string }[] }): number {
  const bugs = internalErrors(report);
  for (const line of bugs) process.stderr.write(`dln: internal error: ${path}: ${line}\n`);
  if (bugs.length) return 3;
  return report.points.every((p) => p.ok) ? 0 : 1;
}
