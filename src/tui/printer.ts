import { parseExpr, toLatex, toText } from '../expr/index.js';
import type { ProofDocument } from '../proof/document.js';
import { printFormula } from '../proof/present.js';
import type { Presentation } from './session.js';

/**
 * Prints a text of `doc` as the appendix prints it: a step's claim, a define's body, or a define's name
 * (`A[k]` → A_k). Runs on the UI thread: printing a whole proof takes milliseconds, and the first frame is drawn
 * with the printed formulas. Throws an InputError (file and line) when the text cannot be parsed.
 */
export function presentSource(doc: ProofDocument, source: string): Presentation {
  const named = doc.defines.find((d) => d.name === source);
  if (named) {
    const e = parseExpr(source, `${doc.file}:${named.line}: define`);
    return { text: toText(e), latex: toLatex(e) };
  }
  return printFormula(doc, source);
}
