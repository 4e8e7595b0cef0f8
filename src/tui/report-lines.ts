import { linePlot, spectrumChart } from './charts.js';
import { line, lines, type Line } from './lines.js';
import type { PointReport } from './session.js';
import { wrap } from './wrap.js';

/** Sizes of the explorer's pictures. */
export interface ReportLayout {
  readonly width: number;
  /** Most rows for the spectrum chart (equal eigenvalues share a row; beyond this they are binned). */
  readonly spectrumRows: number;
  readonly plotRows: number;
}

/**
 * A point's check report as lines: the verdict against the expectation, loss and L*, gradient, hypotheses,
 * Hessian inertia with the spectrum as a bar chart, the certificate, the loss along its line as a plot,
 * and the theorem cross-check. Shared by the explorer and its plain-text transcript.
 */
export function reportLines(r: PointReport, layout: ReportLayout): Line[] {
  const { width } = layout;
  const w = (text: string, tone: Line['tone'] = 'plain') => lines(wrap(text, width, '    ', ''), tone);
  const expect = r.expect === undefined ? '' : r.classification === r.expect ? ` (expected ${r.expect})` : ` (expected ${r.expect}!)`;
  const out: Line[] = [line(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.classification}${expect}`, r.ok ? 'ok' : 'bad')];
  out.push(...w(`loss ${r.loss}${r.lossStar === undefined ? '' : `   L* ${r.lossStar}`}`));
  out.push(...w(r.gradient.zero ? 'gradient: exactly zero' : `gradient: not zero (largest entry ${r.gradient.maxAbs})`));
  out.push(
    ...w(
      r.hypotheses.holds ? 'hypotheses (A): hold' : `hypotheses (A) fail: ${r.hypotheses.failed.join('; ')}`,
      r.hypotheses.holds ? 'plain' : 'warn',
    ),
  );
  const rank = [
    r.rankC === undefined ? '' : `rank C = ${r.rankC}`,
    r.indexSet === undefined ? '' : `I = {${r.indexSet.join(', ')}}`,
  ].filter(Boolean);
  if (rank.length > 0) out.push(...w(rank.join('   ')));
  if (r.hessian) {
    const { size, inertia, eigenvalues } = r.hessian;
    out.push(line(''));
    out.push(
      ...w(`Hessian ${size}×${size}: inertia ${inertia.positive} positive, ${inertia.negative} negative, ${inertia.zero} zero (exact)`, 'heading'),
    );
    if (eigenvalues.length > 0) {
      out.push(line('spectrum (float):', 'dim'));
      out.push(...lines(spectrumChart(eigenvalues, width - 2, layout.spectrumRows).map((l) => `  ${l}`)));
    }
  }
  if (r.certificate) {
    const c = r.certificate;
    out.push(line(''));
    out.push(...w(`certificate: ${c.summary}`, 'heading'));
    if (c.direction) out.push(...w(`  direction: ${c.direction}`));
    if (c.line) {
      out.push(...w(`loss along the line: L(W + tV) − L(W)${c.line.polynomial ? ` = ${c.line.polynomial}` : ''}`, 'dim'));
      out.push(...lines(linePlot(c.line.samples, width - 10, layout.plotRows).map((l) => `  ${l}`)));
      out.push(line('  t →', 'dim'));
    }
  }
  if (r.theorem) {
    out.push(line(''));
    out.push(...w(`theorem: ${r.theorem.agrees ? 'agrees' : 'VIOLATED'}${r.theorem.note ? ` (${r.theorem.note})` : ''}`, r.theorem.agrees ? 'plain' : 'bad'));
  }
  return out;
}
