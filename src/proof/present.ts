import { build as b, claimToLatex, claimToText, parseClaim, parseExpr, parseSize, toLatex, toText } from '../expr/index.js';
import type { PresentedProof, PresentedStep, PresentedText } from '../render/presented.js';
import type { ProofDocument } from './document.js';
import { authoredLatex, documentScope, parseDefinition, parseStepClaim } from './formulas.js';
import type { ProofResult, StepResult } from './result.js';
import type { Hypothesis, ProofSetting } from './setting.js';

/** A formula of a derivation file as the IR prints it: Unicode text for terminals, LaTeX for documents. */
export interface PrintedFormula {
  readonly text: string;
  readonly latex: string;
}

/**
 * Prints a formula of `doc` given its source text: a `define`'s expression or a step's claim. Each is parsed on
 * its own (errors name the file and line), so one malformed formula does not hide the others.
 * The walkthrough, the transcript, the appendix and the HTML page all print formulas through this.
 */
export function printFormula(doc: ProofDocument, source: string): PrintedFormula {
  const scope = documentScope(doc);
  const define = doc.defines.find((d) => d.expr === source);
  if (define) {
    const e = parseDefinition(source, `${doc.file}:${define.line}`, scope);
    return { text: toText(e), latex: authoredLatex(source) ?? toLatex(e) };
  }
  const step = doc.steps.find((s) => s.text === source);
  const where = step ? `${doc.file}:${step.line}` : doc.file;
  const claim = step ? parseStepClaim(step, where, scope) : parseClaim(source, where);
  return { text: claimToText(claim), latex: authoredLatex(source) ?? claimToLatex(claim) };
}

/**
 * The hypotheses the samplers know by name, in words with inline math (prose: the writers set the $…$ as math);
 * every other assumption is a formula and is printed as one.
 */
const NAMED_HYPOTHESES: Readonly<Record<'critical' | 'psd-hessian' | 'data-A', string>> = {
  critical:
    '$W$ is a critical point of the loss $L = \\frac{1}{2}\\|W_{H+1}\\cdots W_1 X - Y\\|_F^2$ ($\\nabla L(W) = 0$); checked on exact ' +
    'critical points drawn from the families of Baldi–Hornik type (every index set, rank-deficient middles, zero layers).',
  'psd-hessian':
    '$W$ is a critical point of the loss $L = \\frac{1}{2}\\|W_{H+1}\\cdots W_1 X - Y\\|_F^2$ at which the Hessian is positive ' +
    'semidefinite ($\\nabla^2 L(W) \\succeq 0$); checked on such points drawn from the critical-point families.',
  'data-A':
    'The data satisfy (A): $X X^\\top$ and $X Y^\\top$ have full rank, $Y$ has at most as many rows as $X$, and ' +
    '$\\Sigma = Y X^\\top (X X^\\top)^{-1} X Y^\\top$ has distinct eigenvalues.',
};

function hypothesis(h: Hypothesis): PresentedText {
  switch (h.kind) {
    case 'critical':
    case 'psd-hessian':
    case 'data-A':
      return { text: NAMED_HYPOTHESES[h.kind] };
    case 'predicate':
      return { math: authoredLatex(h.text) ?? claimToLatex(h.claim) };
    case 'zero':
      // `W = 0`, `W[1] = 0`: equations of the IR, printed as such
      return { math: authoredLatex(h.text) ?? claimToLatex(b.equation(h.index ? b.member(h.family, h.index) : b.sym(h.family), b.num(0))) };
    case 'assign':
      return { math: `${toLatex({ kind: 'sym', name: h.name })} \\mathrel{:=} ${toLatex(h.expr)}` };
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * How the checker reached a step's status, in prose: the methods and the soundness statement of a verified step,
 * the reason and the counterexample's instance of a failed one, why a step was not checked.
 * The writers put the status word and the seed in front.
 */
function stepNote(r: StepResult, file: string): string {
  const how = `By ${r.methods.join(' and ')}`;
  switch (r.status) {
    case 'verified':
      return `${how}. ${r.probabilityBound ?? `${plural(r.trials, 'trial')}, no probability bound stated.`}`;
    case 'failed': {
      const out = [`${how}: ${r.reason ?? 'the claim does not hold'}.`];
      const ce = r.counterexample;
      if (ce) {
        const bindings = Object.entries(ce.bindings).map(([k, v]) => `${k} = ${v}`).join(', ');
        out.push(`Counterexample on trial ${ce.trial}${bindings ? ` at ${bindings}` : ''}.`);
        const d = ce.firstDifference;
        if (d) out.push(`First difference at entry (${d.row}, ${d.col}): ${d.left} ≠ ${d.right}.`);
        out.push(`dln verify ${file} --seed ${ce.seed} prints the instance in full.`);
      }
      return out.join(' ');
    }
    case 'tested':
      return `${how}, on sizes up to ${r.scope.maxSize}: every instance passed, but ${r.scope.why}. ${r.probabilityBound ?? ''}`.trim();
    case 'unchecked':
      return `${r.reason ?? 'the checker could not test this step'}.`;
  }
}

/** Shapes `X ∈ ℝ^{d_0×m}` (a scalar `a ∈ ℝ` has no rows and cols), names and sizes printed by the IR. */
function shapes(doc: ProofDocument): PresentedProof['shapes'] {
  return doc.shapes.map((s) => {
    const where = `${doc.file}:${s.line}: shapes.${s.name}`;
    const name = toLatex(parseExpr(s.name, where));
    const [rows, cols] = s.dims.map((d) => parseSize(d, where).toString('latex'));
    return rows === undefined || cols === undefined ? { name } : { name, rows, cols };
  });
}

/**
 * A checked derivation ready for the LaTeX and HTML writers: every formula printed by the IR printers, the user's
 * prose left raw (the writers escape it), each step with exactly the status the checker gave it.
 * `result` must be `checkProof(setting, …)`'s result for this setting.
 */
export function presentProof(setting: ProofSetting, result: ProofResult): PresentedProof {
  const { doc } = setting;
  if (result.steps.length !== setting.claims.length)
    throw new Error(`presentProof: ${result.steps.length} results for ${setting.claims.length} steps of ${doc.file}`);
  const steps = setting.claims.map(({ step, claim }, i): PresentedStep => {
    const r = result.steps[i]!;
    return {
      index: step.index,
      latex: authoredLatex(step.text) ?? claimToLatex(claim),
      ...(step.because ? { because: step.because } : {}),
      status: r.status,
      note: stepNote(r, doc.file),
      methods: r.methods,
      trials: r.trials,
      shapes: r.instances.length,
    };
  });
  return {
    file: doc.file,
    title: doc.title,
    ...(doc.source ? { source: doc.source } : {}),
    ...(doc.summary ? { summary: doc.summary } : {}),
    shapes: shapes(doc),
    ranges: doc.ranges.map((r) => {
      const where = `${doc.file}:${r.line}: ranges.${r.name}`;
      const size = (text: string) => parseSize(text, where).toString('latex');
      return { name: size(r.name), lo: size(r.lo), hi: size(r.hi) };
    }),
    hypotheses: setting.hypotheses.map(hypothesis),
    defines: doc.defines.map((d) => ({ name: toLatex(parseExpr(d.name, `${doc.file}:${d.line}: define`)), latex: printFormula(doc, d.expr).latex })),
    steps,
    seed: result.seed,
  };
}
