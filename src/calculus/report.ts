import { InputError } from '../errors.js';
import {
  type Claim, type Expr, Size, build as b, claimToLatex, claimToSource, claimToText, describeShape, expandDefinitions, inferShape, mapChildren, rewrite,
  substituteSizes, toLatex, toSource, toText,
} from '../expr/index.js';
import { type CheckReport, type InstanceShape, checkDerivation, instance, sampleShapes } from './check.js';
import { seededRng } from '../linalg/random.js';
import type { Derivation, IndexDomain } from './derivation.js';
import { gradientDerivation, gradientVecDerivation } from './gradient.js';
import {
  diagonalBlockDerivation, entrywiseDerivation, entrywiseDiagonalDerivation, offDiagonalBlockDerivation, quadraticFormDerivation,
} from './hessian.js';
import { context, definitions } from './setting.js';

/**
 * `dln derive` without --entries: the matrix-form derivations (Lemma 4.1, Lemma 4.3) as named steps, each step
 * and result checked by exact evaluation on random instances before it is shown, for symbolic depth H, a given
 * depth, or given widths (then also instantiated layer by layer).
 */

export type ReportFormat = 'text' | 'latex' | 'json';

export interface MatrixFormOptions {
  /** Depth H (number of hidden layers); symbolic when neither depth nor widths is given. */
  readonly depth?: number;
  /** Widths d₀ … d_{H+1}: fixes the depth and the check instances, and instantiates every block. */
  readonly widths?: readonly number[];
  readonly hessian: boolean;
  readonly format: ReportFormat;
  /** Random instances each derivation is checked on (default 4). */
  readonly instances?: number;
  readonly seed?: number;
}

/** A result specialised to concrete indices (with widths). */
export interface Instantiation {
  readonly label: string;
  readonly claim: Claim;
  /** `rows×cols` on the given widths. */
  readonly size: string;
}

export interface CheckedDerivation extends Derivation {
  readonly check: CheckReport;
  readonly instantiations: readonly Instantiation[];
}

export interface MatrixForm {
  readonly depth: number | 'symbolic';
  readonly widths?: readonly number[];
  readonly derivations: readonly CheckedDerivation[];
  /** Every derivation passed its check. */
  readonly ok: boolean;
}

const LATEX_TITLES: Readonly<Record<string, string>> = {
  gradient: 'Gradient with respect to $W_k$ (Lemma 4.1, matrix form)',
  'gradient-vec': 'Gradient in vec form (Lemma 4.1)',
  'hessian-diagonal': 'Hessian, diagonal block $(W_k, W_k)$ (Lemma 4.3)',
  'hessian-off-diagonal': 'Hessian, off-diagonal block $(W_j, W_k)$, $j < k$ (Lemma 4.3, general $j$)',
  'hessian-entrywise-diagonal': 'Hessian entries, diagonal blocks (Lemma 4.3)',
  'hessian-entrywise': 'Hessian entries, off-diagonal blocks $j < k$ (Lemma 4.3)',
  'hessian-quadratic-form': 'Hessian quadratic form $\\nabla^2 L[\\Delta, \\Delta] = \\mathrm{d}^2 L$ along $\\mathrm{d}W_k = \\Delta_k$ (Lemma 4.3)',
};

function validate(o: MatrixFormOptions): { depth?: number; widths?: readonly number[] } {
  if (o.widths) {
    if (o.widths.length < 3 || o.widths.some((d) => !Number.isSafeInteger(d) || d < 1))
      throw new InputError('--widths', `expected at least three positive integer widths d0,…,d_{H+1}, got [${o.widths.join(', ')}]`);
    const depth = o.widths.length - 2;
    if (o.depth !== undefined && o.depth !== depth) throw new InputError('--depth', `depth ${o.depth} disagrees with ${o.widths.length} widths (depth ${depth})`);
    return { depth, widths: o.widths };
  }
  if (o.depth !== undefined && (!Number.isSafeInteger(o.depth) || o.depth < 1)) throw new InputError('--depth', `expected a positive integer, got ${o.depth}`);
  return o.depth === undefined ? {} : { depth: o.depth };
}

/** Empty weight products become sized identities, and identities drop out of products. */
function tidy(e: Expr): Expr {
  return rewrite(e, (n) => {
    if (n.kind === 'prod') {
      const c = n.from.sub(n.to).constant();
      if (c !== undefined && c < 0) return b.identity(Size.dim('d', n.to.sub(1)));
    }
    if (n.kind === 'transpose' && n.arg.kind === 'identity') return n.arg;
    if (n.kind === 'mul') {
      const kept = n.factors.filter((f) => f.kind !== 'identity');
      if (kept.length === 0) return n.factors[0]!;
      return kept.length === 1 ? kept[0]! : { kind: 'mul', factors: kept };
    }
    return n;
  });
}

const specialiseExpr = (e: Expr, sizes: Readonly<Record<string, number>>): Expr =>
  tidy(substituteSizes(e, Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Size.int(v)]))));

function specialiseClaim<C extends Claim>(c: C, sizes: Readonly<Record<string, number>>): C {
  return c.kind === 'equation' ? { ...c, sides: c.sides.map((s) => specialiseExpr(s, sizes)) } : { ...c, expr: specialiseExpr(c.expr, sizes) };
}

function specialise(d: Derivation, H: number): Derivation {
  return {
    ...d,
    steps: d.steps.map((s) => ({ ...s, claim: specialiseClaim(s.claim, { H }) })),
    result: specialiseClaim(d.result, { H }),
  };
}

/** Sizes that only involve given widths (d[2], d[1]*d[0]) become numbers. */
function withWidths<C extends Claim>(c: C, widths: readonly number[]): C {
  const size = (s: Size): Size => {
    const free = s.freeVars();
    return free.size === 1 && free.has('d') ? Size.int(s.evaluate({ d: widths })) : s;
  };
  const visit = (e: Expr): Expr => mapChildren(e, visit, size);
  return c.kind === 'equation' ? { ...c, sides: c.sides.map(visit) } : { ...c, expr: visit(c.expr) };
}

/** The result at every index value, printed with W's rather than shorthands, and its size on the widths. */
function instantiate(d: Derivation, widths: readonly number[]): Instantiation[] {
  const H = widths.length - 2;
  const shorthands = new Map(['A', 'Z', 'Q'].map((n) => [n, definitions.get(n)!]));
  const [lhs, rhs] = d.result.sides as [Expr, Expr];
  const expanded = b.equation(lhs, expandDefinitions(rhs, shorthands));
  const out: Instantiation[] = [];
  const one = (label: string, idx: Record<string, number>) => {
    const claim = withWidths(specialiseClaim(expanded, { H, ...idx }), widths);
    const shape = inferShape(claim.sides[0]!, context, 'derive');
    const sizes = { H, d: widths, ...idx };
    const size = shape.kind === 'matrix' ? `${shape.rows.evaluate(sizes)}×${shape.cols.evaluate(sizes)}` : describeShape(shape);
    out.push({ label, claim, size });
  };
  if (d.id === 'gradient' || d.id === 'hessian-diagonal') for (let k = 1; k <= H + 1; k++) one(`k = ${k}`, { k });
  if (d.id === 'hessian-off-diagonal') for (let k = 2; k <= H + 1; k++) for (let j = 1; j < k; j++) one(`j = ${j}, k = ${k}`, { j, k });
  return out;
}

/** Builds and checks the derivations. */
export function matrixForm(opts: MatrixFormOptions): MatrixForm {
  const { depth, widths } = validate(opts);
  const makers = [gradientDerivation, gradientVecDerivation];
  if (opts.hessian)
    makers.push(diagonalBlockDerivation, offDiagonalBlockDerivation, entrywiseDiagonalDerivation, entrywiseDerivation, quadraticFormDerivation);
  const shapes = sampleShapes({ count: opts.instances ?? 4, seed: opts.seed ?? 1, maxDepth: 4, maxWidth: 3, ...(depth !== undefined ? { depth } : {}), ...(widths ? { widths } : {}) });
  const rand = seededRng(opts.seed ?? 1);
  const instances = shapes.map((s) => instance(rand, s));
  const derivations = makers.map((make) => {
    const symbolic = make();
    const d = depth === undefined ? symbolic : specialise(symbolic, depth);
    return { ...d, check: checkDerivation(symbolic, instances), instantiations: widths ? instantiate(symbolic, widths) : [] };
  });
  return { depth: depth ?? 'symbolic', ...(widths ? { widths } : {}), derivations, ok: derivations.every((d) => d.check.passed) };
}

export function matrixFormReport(opts: MatrixFormOptions): string {
  return renderMatrixForm(matrixForm(opts), opts.format);
}

function domainText(domain: IndexDomain, depth: number | 'symbolic', style: 'text' | 'latex'): string {
  const top = depth === 'symbolic' ? 'H+1' : String(depth + 1);
  const le = style === 'latex' ? ' \\le ' : ' ≤ ';
  if (domain === 'layer') return `1${le}k${le}${top}`;
  if (domain === 'pair') return `1${le}j < k${le}${top}`;
  return '';
}

function entriesText(d: Derivation, style: 'text' | 'latex'): string {
  if (!d.entries) return '';
  const le = style === 'latex' ? ' \\le ' : ' ≤ ';
  return Object.entries(d.entries).map(([n, s]) => `1${le}${n}${le}${s.toString(style)}`).join(', ');
}

function shapesText(instances: readonly InstanceShape[]): string {
  return instances.map((i) => `H=${i.H} widths [${i.widths.join(',')}] m=${i.m}`).join('; ');
}

function checkLine(c: CheckReport): string {
  if (c.passed) return `✓ checked: ${c.trials} equations on ${c.instances.length} random instances (${shapesText(c.instances)}), every index value in range`;
  const f = c.failure!;
  return `✗ CHECK FAILED at step "${f.step}" on H=${f.instance.H} widths [${f.instance.widths.join(',')}] m=${f.instance.m} ${JSON.stringify(f.indices)}: ${f.message}\n    claim: ${f.claim}`;
}

const NOTATION = ['E', 'L', 'r', 'A', 'Z', 'Q'];

function notationClaims(): Claim[] {
  return NOTATION.map((n) => {
    const def = definitions.get(n)!;
    const lhs = def.params.length === 0 ? b.sym(n) : b.member(n, ...def.params);
    return b.equation(lhs, def.body);
  });
}

function renderText(mf: MatrixForm): string {
  const lines: string[] = [];
  const depth = mf.depth === 'symbolic' ? 'symbolic depth H' : `depth H = ${mf.depth}${mf.widths ? `, widths [${mf.widths.join(', ')}]` : ''}`;
  lines.push(`Matrix-form derivatives of L = ½‖W_{H+1}⋯W₁ X − Y‖²_F (${depth})`);
  lines.push(`Notation: ${notationClaims().map(claimToText).join(', ')}; W_a⋯W_b = I when a < b.`);
  lines.push('Hessian blocks use the paper\'s coordinates vec(W_kᵀ) (each W_k flattened row by row).');
  lines.push(`Every step is checked before it is shown: ${mf.derivations[0]?.check.method ?? ''}.`);
  for (const d of mf.derivations) {
    lines.push('', `${d.title}   [${d.source}]`);
    const range = [domainText(d.domain, mf.depth, 'text'), entriesText(d, 'text')].filter(Boolean).join(', ');
    if (range) lines.push(`for ${range}`);
    let last: Expr | undefined;
    for (const s of d.steps) {
      const [before, after] = s.claim.sides as [Expr, Expr];
      if (!last || toSource(last) !== toSource(before)) lines.push(`  ${toText(before)}`);
      lines.push(`    = ${toText(after)}`, `        ${s.name}: ${s.justification}`);
      last = after;
    }
    lines.push(`  result: ${claimToText(d.result)}`);
    for (const i of d.instantiations) lines.push(`    ${i.label}: ${claimToText(i.claim)}   (${i.size})`);
    lines.push(`  ${checkLine(d.check)}`);
  }
  lines.push('', mf.ok ? 'All derivations checked.' : 'A CHECK FAILED: the derivation above is wrong (a bug in dln).');
  return lines.join('\n') + '\n';
}

/** Plain words for \text{…}: escapes the characters LaTeX treats specially. */
function latexText(s: string): string {
  return s.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '~' ? '\\textasciitilde{}' : c === '^' ? '\\textasciicircum{}' : `\\${c}`));
}

function renderLatex(mf: MatrixForm): string {
  const lines: string[] = [];
  const depth = mf.depth === 'symbolic' ? 'symbolic depth $H$' : `depth $H = ${mf.depth}$${mf.widths ? `, widths $(${mf.widths.join(', ')})$` : ''}`;
  lines.push('% dln derive: matrix-form derivations; every step is checked by exact evaluation before it is shown (requires amsmath)');
  lines.push(`\\paragraph{Matrix-form derivatives of $L = \\tfrac{1}{2}\\lVert W_{H+1} \\cdots W_{1} X - Y \\rVert_F^2$} (${depth}).`);
  lines.push(`Notation: ${notationClaims().map((c) => `$${claimToLatex(c)}$`).join(', ')}; $W_a \\cdots W_b = I$ when $a < b$.`);
  lines.push('Hessian blocks use the coordinates $\\operatorname{vec}(W_k^\\top)$ of the paper (each $W_k$ flattened row by row).');
  for (const d of mf.derivations) {
    lines.push('', `\\subsection*{${LATEX_TITLES[d.id] ?? latexText(d.title)}}`, `% ${d.source}`);
    const range = [domainText(d.domain, mf.depth, 'latex'), entriesText(d, 'latex')].filter(Boolean).join(', ');
    if (range) lines.push(`For $${range}$:`);
    lines.push('\\begin{align*}');
    let last: Expr | undefined;
    const rows: string[] = [];
    for (const s of d.steps) {
      const [before, after] = s.claim.sides as [Expr, Expr];
      const lead = !last || toSource(last) !== toSource(before) ? toLatex(before) : '';
      rows.push(`  % ${s.justification}\n  ${lead} &= ${toLatex(after)} && \\text{${latexText(s.name)}}`);
      last = after;
    }
    lines.push(rows.join(' \\\\\n'), '\\end{align*}');
    lines.push(`Result: $${claimToLatex(d.result)}$.`);
    if (d.instantiations.length > 0) {
      lines.push('\\begin{itemize}');
      for (const i of d.instantiations) lines.push(`  \\item ${latexText(i.label)}: $${claimToLatex(i.claim)}$ (${i.size.replace('×', '$\\times$')})`);
      lines.push('\\end{itemize}');
    }
    lines.push(d.check.passed ? `% ${checkLine(d.check)}` : `% ${checkLine(d.check).replace(/\n/g, '\n% ')}`);
    lines.push(d.check.passed ? `\\emph{Checked} on ${d.check.instances.length} random instances (${d.check.trials} exact equations).` : '\\textbf{Check failed.}');
  }
  return lines.join('\n') + '\n';
}

function forms(e: Expr) {
  return { text: toText(e), latex: toLatex(e), source: toSource(e) };
}

function claimForms(c: Claim) {
  return { text: claimToText(c), latex: claimToLatex(c), source: claimToSource(c) };
}

function renderJson(mf: MatrixForm): string {
  return (
    JSON.stringify(
      {
        depth: mf.depth,
        widths: mf.widths ?? null,
        coordinates: 'vec(W_k^T): each W_k flattened row by row',
        notation: notationClaims().map(claimForms),
        derivations: mf.derivations.map((d) => ({
          id: d.id,
          title: d.title,
          source: d.source,
          domain: d.domain,
          entries: d.entries ? Object.fromEntries(Object.entries(d.entries).map(([n, s]) => [n, s.toString()])) : null,
          steps: d.steps.map((s) => ({ name: s.name, justification: s.justification, before: forms(s.claim.sides[0]!), after: forms(s.claim.sides[1]!) })),
          result: claimForms(d.result),
          instantiations: d.instantiations.map((i) => ({ label: i.label, ...claimForms(i.claim), size: i.size })),
          check: d.check,
        })),
        ok: mf.ok,
      },
      null,
      2,
    ) + '\n'
  );
}

export function renderMatrixForm(mf: MatrixForm, format: ReportFormat): string {
  return format === 'json' ? renderJson(mf) : format === 'latex' ? renderLatex(mf) : renderText(mf);
}
