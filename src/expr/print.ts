import type { Claim, Expr, Kind } from './ast.js';
import { type Style, identifier, textSubscript } from './names.js';
import { indexList } from './nodes/common.js';
import { specs } from './registry.js';
import type { NodeSpec, Printed, Printer } from './spec.js';

/**
 * The three printers: KaTeX-compatible LaTeX, Unicode text for terminals, and mathjs source syntax (which parses
 * back to the same IR). Each node kind prints itself; this file only handles parentheses and subscripts.
 */

function printer(style: Style): Printer {
  const p: Printer = {
    style,
    print: (e: Expr): Printed => (specs[e.kind] as unknown as NodeSpec<Kind>)[style](e, p),
    wrap(e, min, noSup = false) {
      const r = p.print(e);
      return r.prec < min || (noSup && r.sup) ? p.paren(r.s) : r.s;
    },
    paren: (s) => (style === 'latex' && /\\frac|\\sum/.test(s) ? `\\left(${s}\\right)` : `(${s})`),
    size: (s) => s.toString(style),
    subscripted(name, indices) {
      const list = indexList(indices.map((s) => s.toString(style)));
      if (style === 'latex') return `${identifier(name, style)}_{${list}}`;
      if (style === 'text') return identifier(name, style) + textSubscript(list);
      return `${name}[${indices.map((s) => s.toString(style)).join(', ')}]`;
    },
  };
  return p;
}

const LATEX = printer('latex');
const TEXT = printer('text');
const SOURCE = printer('source');

export const toLatex = (e: Expr): string => LATEX.print(e).s;
export const toText = (e: Expr): string => TEXT.print(e).s;
/** mathjs syntax; `parseExpr(toSource(e))` gives back `e`. */
export const toSource = (e: Expr): string => SOURCE.print(e).s;

export function claimToLatex(c: Claim): string {
  return c.kind === 'equation' ? c.sides.map(toLatex).join(' = ') : toLatex(c.expr);
}
export function claimToText(c: Claim): string {
  return c.kind === 'equation' ? c.sides.map(toText).join(' = ') : toText(c.expr);
}
export function claimToSource(c: Claim): string {
  return c.kind === 'equation' ? c.sides.map(toSource).join(' = ') : toSource(c.expr);
}
