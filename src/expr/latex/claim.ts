import { InputError } from '../../errors.js';
import type { Claim, Expr } from '../ast.js';
import * as b from '../build.js';
import { type ShapeContext, inferShape } from '../shape.js';
import { isZero } from './forms.js';
import { LatexSyntaxError } from './katex.js';
import { type LatexScope, LatexParser } from './parser.js';
import { type TexNode, firstPos, texNodes } from './tree.js';

/** Claims, predicates and expressions written in LaTeX between dollars: `claim: $\nabla_{W_k} L = A_k^\top E Z_k^\top$`. */

/** The formula between the dollars of `$…$` (the whole text), and its offset; undefined for any other text. */
export function dollarMath(text: string): { readonly latex: string; readonly offset: number } | undefined {
  const m = /^(\s*\$)([^$]*)\$\s*$/.exec(text);
  return m ? { latex: m[2]!, offset: m[1]!.length } : undefined;
}

/** Predicates: what `holds:` and hypotheses state. */
const PREDICATES = new Set(['compare', 'logic', 'not', 'iszero', 'psd', 'subset']);

/** Runs `f` turning the parser's errors into InputError at `where`, with a 1-based position in `text`. */
function located<R>(text: string, where: string, f: (latex: string) => R): R {
  const math = dollarMath(text);
  if (!math) throw new InputError(where, 'expected a formula between dollars, $…$');
  try {
    return f(math.latex);
  } catch (e) {
    if (!(e instanceof LatexSyntaxError)) throw e;
    const at = e.position === undefined ? '' : ` (at char ${math.offset + e.position + 1})`;
    throw new InputError(where, `${e.message}${at}`);
  }
}

function parseNodes(parser: LatexParser, nodes: readonly TexNode[], level: 'sum' | 'predicate', end: number): Expr {
  return parser.whole(nodes, level, nodes.length ? firstPos(nodes) : end);
}

/**
 * A claim in LaTeX: an equation chain `a = b = c` (`goal: 'equation'`, a `claim:`) or a predicate (`holds:`,
 * hypotheses), with names resolved by `scope`. With a shape context, a side written `0` in an equation of matrices
 * is the zero matrix of the other sides' shape (`X r C = 0`).
 */
export function parseLatexClaim(text: string, where: string, scope: LatexScope, goal: 'equation' | 'predicate', context?: ShapeContext): Claim {
  return located(text, where, (latex) => {
    const nodes = texNodes(latex);
    const parser = new LatexParser(scope);
    if (goal === 'predicate') {
      const e = parseNodes(parser, nodes, 'predicate', latex.length);
      if (!PREDICATES.has(e.kind))
        throw new LatexSyntaxError("expected a predicate (a comparison, A = 0, A \\succeq 0, \\subseteq, \\land, \\lor, \\lnot); use 'claim' for an equation", 0);
      return { kind: 'predicate', expr: e };
    }
    const sides: TexNode[][] = [[]];
    for (const n of nodes) {
      if (n.kind === 'atom' && n.family === 'rel') {
        if (n.text !== '=')
          throw new LatexSyntaxError(`a 'claim' is an equation or a chain a = b = c; use 'holds' for ${n.text}`, n.at);
        sides.push([]);
      } else sides[sides.length - 1]!.push(n);
    }
    if (sides.length < 2) throw new LatexSyntaxError("expected an equation a = b (use 'holds' for a predicate)", 0);
    sides.forEach((s, i) => {
      if (s.length === 0) throw new LatexSyntaxError(`side ${i + 1} of the equation is empty`, undefined);
    });
    const exprs = sides.map((s) => parseNodes(parser, s, 'sum', latex.length));
    return { kind: 'equation', sides: context ? zeroSides(exprs, context, where) : exprs };
  });
}

/** An expression in LaTeX (a `define:`), names resolved by `scope`. */
export function parseLatexExpr(text: string, where: string, scope: LatexScope): Expr {
  return located(text, where, (latex) => parseNodes(new LatexParser(scope), texNodes(latex), 'sum', latex.length));
}

/** `A = 0` with A a matrix: the 0 is the zero matrix of A's shape (the shape check reports any other mismatch). */
function zeroSides(sides: readonly Expr[], context: ShapeContext, where: string): Expr[] {
  const matrix = sides
    .filter((s) => !isZero(s))
    .map((s) => {
      try {
        return inferShape(s, context, where);
      } catch {
        return undefined;
      }
    })
    .find((s) => s?.kind === 'matrix');
  if (!matrix || matrix.kind !== 'matrix') return [...sides];
  return sides.map((s) => (isZero(s) ? b.zeros(matrix.rows, matrix.cols) : s));
}
