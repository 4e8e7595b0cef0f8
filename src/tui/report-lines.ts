import type { Certificate, Num, WeightsJson } from '../landscape/report.js';
import { numberLatex, bmatrix } from '../render/tables.js';
import { linePlot, spectrumChart } from './charts.js';
import { formatNumber, minus } from './numbers.js';
import { line, lines, type Line, type Tone } from './lines.js';
import { matrixLines } from './matrix-text.js';
import { monteCarloPlot } from './monte-carlo-plot.js';
import { lineSamples, polynomialText } from './polynomial.js';
import type { PointView } from './session.js';
import { wrap } from './wrap.js';

/** Sizes of the explorer's pictures, and how much to show. */
export interface ReportLayout {
  readonly width: number;
  /** Most rows for the spectrum chart (equal eigenvalues share a row; beyond this they are binned). */
  readonly spectrumRows: number;
  readonly plotRows: number;
  /** Also the point's weights and every eigenvalue. */
  readonly expanded?: boolean;
}

const directionLines = (name: string, W: WeightsJson): string[] =>
  W.flatMap((rows, k) => matrixLines(`${name}_${k + 1}`, rows.map((r) => r.map(String))));

/** A report number for reading: Unicode minus; floats to 4 significant digits. */
const num = (x: Num): string => (typeof x === 'number' ? formatNumber(x) : minus(x));

function certificateText(c: Certificate): string {
  switch (c.kind) {
    case 'nonzero-gradient':
      return `not critical: ∂L/∂${c.parameter} = ${num(c.value)}`;
    case 'loss-equals-lossStar':
      return c.note;
    case 'negative-curvature':
      return `negative curvature: vᵀ∇²L v = ${num(c.curvature)} < 0 along the direction v`;
    case 'decreasing-line': {
      const side = c.towards > 0 ? 't > 0' : 't < 0';
      return `a line in the Hessian's null space where the loss falls at order ${c.order} (coefficient ${num(c.coefficient)}, for small ${side}; ${c.construction})`;
    }
    case 'decreasing-curve':
      return `a curve W + tV₁ + t²V₂ + … along which the loss falls at order ${c.order} (coefficient ${num(c.coefficient)}, ${c.construction})`;
  }
}

/**
 * A point's check report as lines: verdict against the expectation, loss and L*, gradient, hypotheses, ranks,
 * Hessian inertia with the spectrum as a bar chart, the certificate with its direction and the loss along
 * its line as a plot, and the theorem cross-check. Shared by the explorer and its plain-text transcript.
 */
export function reportLines(view: PointView, layout: ReportLayout): Line[] {
  const r = view.report;
  const { width } = layout;
  const w = (text: string, tone: Tone = 'plain') => lines(wrap(text, width, '    ', ''), tone);
  const indented = (texts: readonly string[], tone: Tone = 'plain') => lines(texts.map((t) => `  ${t}`), tone);
  const expect = r.expect === null ? '' : r.classification === r.expect ? ' (as expected)' : ` (expected ${r.expect})`;
  const out: Line[] = [line(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.classification}${expect} · ${r.mode}`, r.ok ? 'ok' : 'bad')];
  out.push(...lines(wrap(r.reason, width, '  ', '  '), 'dim'));
  if (layout.expanded) out.push(line('weights:', 'heading'), ...indented(directionLines('W', view.weights)));
  const tol = (t: number | undefined) => (t === undefined ? '' : ` (± ${formatNumber(t)})`);
  const lossStar = `L* ${num(r.lossStar)}${r.lossStarExact ? '' : tol(r.lossStarTolerance)}`;
  const critical = r.criticalValue === null ? '' : `   critical value ${num(r.criticalValue)}`;
  out.push(...w(`loss ${num(r.loss)}   ${lossStar}${critical}`));
  out.push(...w(r.gradient.zero ? 'gradient: zero' : `gradient: not zero, largest entry ${num(r.gradient.maxAbs)}`));
  out.push(
    ...w(
      r.hypotheses.holds ? 'hypotheses (A): hold' : `hypotheses (A) fail: ${r.hypotheses.failed.map((f) => f.detail).join('; ')}`,
      r.hypotheses.holds ? 'plain' : 'warn',
    ),
  );
  const I = r.indexSet === null ? '' : `   I = {${r.indexSet.join(', ')}}`;
  out.push(...w(`rank C = ${r.rankC}   rank(W_H⋯W_2) = ${r.rankMiddle}   p = ${r.p}${I}`));
  if (r.hessian) {
    const { size, inertia } = r.hessian;
    out.push(line(''));
    const how = r.mode === 'exact' ? 'exact' : `float${tol(r.hessian.tolerance)}`;
    out.push(...w(`Hessian ${size}×${size}: ${inertia.positive} positive, ${inertia.negative} negative, ${inertia.zero} zero eigenvalues (${how})`, 'heading'));
    if (view.eigenvalues.length > 0) {
      out.push(line('  spectrum (float64; zeros counted exactly):', 'dim'));
      out.push(...indented(spectrumChart(view.eigenvalues, width - 2, layout.spectrumRows, inertia)));
      if (layout.expanded) out.push(...w(`  every eigenvalue (float64): ${view.eigenvalues.map(formatNumber).join(', ')}`, 'dim'));
    }
  }

  const c = r.certificate;
  if (c) {
    out.push(line(''));
    out.push(...w(`certificate: ${certificateText(c)}`, 'heading'));
    if (c.kind === 'negative-curvature' || c.kind === 'decreasing-line') {
      const name = c.kind === 'negative-curvature' ? 'v' : 'V';
      out.push(...indented(directionLines(name, c.direction)));
      if (c.polynomial) {
        out.push(...lines(wrap(`L(W + t${name}) − L(W) = ${polynomialText(c.polynomial)}`, width, '    ', '  '), 'dim'));
        out.push(...indented(linePlot(lineSamples(c.polynomial), Math.max(16, width - 14), layout.plotRows, { focusBelowZero: true })));
      }
    }
  }
  if (view.monteCarlo) {
    out.push(line(''));
    out.push(...w(`Monte Carlo: E_Z[Ŷ] from ${view.monteCarlo.draws} draws of the path gates (seed ${view.monteCarlo.seed})`, 'heading'));
    out.push(...indented(monteCarloPlot(view.monteCarlo, Math.max(16, width - 14), layout.plotRows + 2)));
  }
  out.push(line(''));
  const verdict = !r.theorem.applicable ? 'not applicable' : r.theorem.agrees ? 'agrees' : 'VIOLATED';
  out.push(...w(`theorem: ${verdict}${r.theorem.note ? `: ${r.theorem.note}` : ''}`, r.theorem.agrees || !r.theorem.applicable ? 'plain' : 'bad'));
  return out;
}

/**
 * The point as LaTeX source, to paste into a paper: its weights as `bmatrix`es, loss and L*, the Hessian's
 * inertia and the classification (as a comment).
 */
export function reportLatex(view: PointView): string[] {
  const r = view.report;
  const out = [`% ${r.name}: ${r.classification} (dln, ${r.mode})`];
  view.weights.forEach((rows, k) => out.push(`W_{${k + 1}} = ${bmatrix(rows.map((row) => row.map((x) => numberLatex(x))))}`));
  out.push(`L(W) = ${numberLatex(r.loss)}, \\quad L^* = ${numberLatex(r.lossStar)}`);
  if (r.hessian) {
    const { positive, negative, zero } = r.hessian.inertia;
    out.push(`(n_+, n_-, n_0) = (${positive}, ${negative}, ${zero})`);
  }
  return out;
}
