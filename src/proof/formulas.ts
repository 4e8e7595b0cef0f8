import {
  type Claim, type Expr, type LatexScope, type ShapeContext, dollarMath, parseClaim, parseExpr, parseLatexClaim, parseLatexExpr, parseSize,
} from '../expr/index.js';
import type { ProofDocument, ProofStep } from './document.js';

/**
 * A derivation's formulas in either syntax: dln's (mathjs) or LaTeX between dollars. The checker, the walkthrough
 * and the writers all read them through here, so a LaTeX formula means the same thing everywhere.
 */

/** Sizes every setting knows: the hidden-layer count, the widths, the number of samples, the narrowest hidden width. */
export const BUILTIN_SIZES = ['H', 'd', 'm', 'p'];

const FAMILY_KEY = /^\s*([A-Za-z]\w*)\s*\[\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*)\s*\]\s*$/;

/**
 * The names a document declares, read from its declarations alone (so one malformed formula does not stop the
 * others from being read): how LaTeX names resolve (`W_{k+1}` a member of W, `n_1` the scalar n1, `I_n` the identity).
 */
export function documentScope(doc: ProofDocument): LatexScope {
  const symbols = new Set<string>();
  const families = new Map<string, { params: string[] }>();
  const variables = new Set<string>();
  const sizes = new Set<string>([...BUILTIN_SIZES, ...doc.ranges.map((r) => r.name)]);
  const declare = (key: string, declared: boolean) => {
    const fam = FAMILY_KEY.exec(key);
    const name = fam ? fam[1]! : key.trim();
    if (fam) {
      const params = fam[2]!.split(',').map((s) => s.trim());
      families.set(name, { params });
      params.forEach((p) => sizes.add(p));
    } else symbols.add(name);
    if (declared) variables.add(name);
  };
  for (const s of doc.shapes) {
    declare(s.name, true);
    for (const d of s.dims) {
      try {
        parseSize(d, doc.file).freeVars(sizes);
      } catch {
        // reported where the shape is checked
      }
    }
  }
  for (const d of doc.defines) declare(d.name, false);
  for (const f of families.keys()) sizes.delete(f);
  return { symbols, families, variables, sizes };
}

/** A `define:` expression. */
export function parseDefinition(text: string, where: string, scope: LatexScope): Expr {
  return dollarMath(text) ? parseLatexExpr(text, where, scope) : parseExpr(text, where);
}

/** A step's claim; with a shape context, `= 0` between matrices in LaTeX means the zero matrix. */
export function parseStepClaim(step: ProofStep, where: string, scope: LatexScope, context?: ShapeContext): Claim {
  if (!dollarMath(step.text)) return parseClaim(step.text, where);
  return parseLatexClaim(step.text, where, scope, step.kind === 'claim' ? 'equation' : 'predicate', context);
}

/** A hypothesis that is a formula (`rank(X*X') == d[0]`, `$W_1 = 0$`). */
export function parseCondition(text: string, where: string, scope: LatexScope, context?: ShapeContext): Claim {
  return dollarMath(text) ? parseLatexClaim(text, where, scope, 'predicate', context) : parseClaim(text, where);
}

/** The formula as its author typed it, when that is LaTeX: what the writers print for it. */
export const authoredLatex = (text: string): string | undefined => dollarMath(text)?.latex.trim();
