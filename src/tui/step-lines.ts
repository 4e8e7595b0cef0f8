import type { ProofDocument, ProofStep } from '../proof/document.js';
import { evidenceLines, statusGlyph, statusTone, type StepCheck } from './evidence.js';
import { line, lines, type Line } from './lines.js';
import type { Presentation } from './session.js';
import { wrap } from './wrap.js';
import { proseText } from '../expr/latex/prose.js';

/** A formula as far as the printer has got: the UI shows the source text until the printed form arrives. */
export type Printed =
  | { readonly state: 'pending' }
  | { readonly state: 'ready'; readonly presentation: Presentation }
  | { readonly state: 'error'; readonly message: string };

/** The text shown for a formula: printed Unicode (or LaTeX source), else the file's own text with a note. */
export function formulaText(source: string, printed: Printed, latex: boolean): { text: string; note?: string } {
  if (printed.state === 'ready') return { text: latex ? printed.presentation.latex : printed.presentation.text };
  if (printed.state === 'error') return { text: source, note: `(as written: cannot print it: ${printed.message})` };
  return { text: source, note: latex ? '(as written; LaTeX not printed yet)' : undefined };
}

/** The abbreviations (`given.define`) a step's text mentions, in file order, so each step reads on its own. */
export function referencedDefines(doc: ProofDocument, step: ProofStep): ProofDocument['defines'] {
  const words = new Set(step.text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  // a family's definition is named `A[k]`; the step mentions `A[…]`
  return doc.defines.filter((d) => words.has(d.name.replace(/\[.*$/, '').trim()));
}

/** A `given.define` entry with the printed forms of its name (`A[k]` → `A_k`) and body. */
export interface Abbreviation {
  readonly name: string;
  readonly expr: string;
  readonly printedName: Printed;
  readonly printed: Printed;
}

export const abbreviation = (d: { readonly name: string; readonly expr: string }, printed: (source: string) => Printed): Abbreviation => ({
  name: d.name,
  expr: d.expr,
  printedName: printed(d.name),
  printed: printed(d.expr),
});

/** `A_k := W_{H+1}⋯W_{k+1}`, falling back to the file's text for a part not printed (yet). */
export function abbreviationText(d: Abbreviation, latex: boolean): string {
  const body = formulaText(d.expr, d.printed, latex);
  return `${formulaText(d.name, d.printedName, latex).text} := ${body.text}${body.note ? ` ${body.note}` : ''}`;
}

export interface StepView {
  readonly step: ProofStep;
  /** The abbreviations the step uses, name and body each with its printed form. */
  readonly defines: readonly Abbreviation[];
  readonly total: number;
  readonly printed: Printed;
  readonly check: StepCheck;
  /** Show the formula's LaTeX source instead of its Unicode text. */
  readonly latex: boolean;
  /** Show the evidence in full. */
  readonly expanded: boolean;
  readonly spinnerFrame?: number;
}

/**
 * One step as lines: status and position, the formula wrapped to `width`, the abbreviations it uses, the
 * justification, the evidence.
 * Shared by the walkthrough's detail pane and the plain-text transcript (`width = Infinity`).
 */
export function stepLines(v: StepView, width: number): Line[] {
  const { step } = v;
  const glyph = statusGlyph(v.check, v.spinnerFrame);
  const out: Line[] = [line(`${glyph} Step ${step.index} of ${v.total} · ${step.kind} · line ${step.line}`, statusTone(v.check))];
  const f = formulaText(step.text, v.printed, v.latex);
  out.push(...lines(wrap(f.text, width, '    ', '  '), v.printed.state === 'ready' ? 'formula' : 'dim'));
  if (f.note) out.push(...lines(wrap(f.note, width, '    ', '  '), 'dim'));
  for (const d of v.defines) {
    out.push(...lines(wrap(`where ${abbreviationText(d, v.latex)}`, width, '    ', '  '), 'dim'));
  }
  if (step.because) out.push(...lines(wrap(`because: ${proseText(step.because)}`, width, '    ', '  ')));
  out.push(...evidenceLines(v.check, v.expanded, width - 2).map((l) => line(`  ${l.text}`, l.tone)));
  return out;
}

/** One row of the step list: glyph, index and the formula cut to the width. */
export function stepRow(step: ProofStep, printed: Printed, check: StepCheck, spinnerFrame: number): string {
  const text = formulaText(step.text, printed, false).text;
  return `${statusGlyph(check, spinnerFrame)} ${String(step.index).padStart(2)}  ${text}`;
}
