import { parseExpr, toLatex, toText } from '../expr/index.js';
import { checkStep, DEFAULT_TRIALS } from '../proof/check.js';
import type { ProofDocument } from '../proof/document.js';
import { printFormula } from '../proof/present.js';
import type { StepResult } from '../proof/result.js';
import { buildSetting, type ProofSetting } from '../proof/setting.js';
import type { Presentation, ProofEngine } from './session.js';

/** One setting per document (a worker serves one document; the picker opens another worker). */
const settings = new WeakMap<ProofDocument, ProofSetting>();
const settingOf = (doc: ProofDocument): ProofSetting => {
  let s = settings.get(doc);
  if (!s) settings.set(doc, (s = buildSetting(doc)));
  return s;
};

/**
 * The walkthrough's engine, loaded in the worker thread: formulas printed as the appendix prints them
 * (`printFormula`: each parsed on its own, so one malformed formula does not hide the others), steps checked
 * by the derivation checker exactly as `dln verify` checks them (same seed, same default number of trials).
 */
export const engine: ProofEngine = {
  validate(doc: ProofDocument): void {
    settingOf(doc);
  },
  present(doc: ProofDocument, source: string): Presentation {
    // a define's name (`A[k]` → A_k), printed as the appendix prints it
    const named = doc.defines.find((d) => d.name === source);
    if (named) {
      const e = parseExpr(source, `${doc.file}:${named.line}: define`);
      return { text: toText(e), latex: toLatex(e) };
    }
    return printFormula(doc, source);
  },
  check(doc: ProofDocument, step: number, seed: number): StepResult {
    return checkStep(settingOf(doc), step - 1, { seed, trials: DEFAULT_TRIALS });
  },
};
