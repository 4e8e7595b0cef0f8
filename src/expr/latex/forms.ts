import type { Expr } from '../ast.js';
import * as b from '../build.js';
import { Size } from '../size.js';

/**
 * The LaTeX forms of the IR's node kinds, as tables the parser (parser.ts) consults. A node kind written as a
 * named function, a superscript, an infix operator, a relation, a subscripted constant or a pair of delimiters
 * gets its LaTeX form by adding one line to the matching table below; the grammar itself does not change.
 * (Derivatives, Σ, ∏ and `W_a \cdots W_b` have shapes of their own and live in parser.ts.)
 */

/** A named function's arguments, each parsed on demand as an expression or a size. */
export interface LatexArgs {
  readonly count: number;
  expr(i: number): Expr;
  size(i: number): Size;
}

export interface FunctionForm {
  readonly arity: number | readonly number[];
  /** Shown in errors: `\operatorname{vec}(A)`. */
  readonly usage: string;
  build(args: LatexArgs): Expr;
}

const unary = (usage: string, f: (e: Expr) => Expr): FunctionForm => ({ arity: 1, usage, build: (a) => f(a.expr(0)) });

/**
 * Functions applied to a parenthesised argument list, keyed by name: `\operatorname{vec}` and `\mathrm{vec}` are
 * both `vec`, KaTeX's own operators keep their backslash (`\min`), fonts are keyed as written (`\mathcal{R}`).
 */
export const FUNCTIONS: Readonly<Record<string, FunctionForm>> = {
  vec: unary('\\operatorname{vec}(A)', b.vec),
  tr: unary('\\operatorname{tr}(A)', b.trace),
  rank: unary('\\operatorname{rank}(A)', b.rank),
  '\\mathcal{R}': unary('\\mathcal{R}(A)', b.range),
  '\\min': {
    arity: [1, 2, 3, 4, 5, 6],
    usage: '\\min(a, b) of sizes',
    build: (a) => b.sizeValue(Size.min(...Array.from({ length: a.count }, (_, i) => a.size(i)))),
  },
};

/** Superscripts, keyed by their text with braces dropped: `^\top`, `^{T}`, `'` (a prime), `^{-1}`, `^{+}`. */
export const SUPERSCRIPTS: Readonly<Record<string, (e: Expr) => Expr>> = {
  '\\top': b.transpose,
  '\\intercal': b.transpose,
  T: b.transpose,
  '\\prime': b.transpose,
  '-1': b.inv,
  '+': b.pinv,
  '\\dagger': b.pinv,
};

/** Binary operators inside a term, by how tightly they bind: ⊗ between products, `\cdot` between factors. */
export const INFIX: Readonly<Record<string, { readonly level: 'kron' | 'product'; build(a: Expr, c: Expr): Expr }>> = {
  '\\otimes': { level: 'kron', build: b.kron },
  '\\cdot': { level: 'product', build: (x, y) => b.mul(x, y) },
};

/** Relations of predicates (`holds:`, hypotheses); `fail` rejects a form that needs a particular right side. */
export const RELATIONS: Readonly<Record<string, (l: Expr, r: Expr, fail: (m: string) => never) => Expr>> = {
  // A = 0 says a matrix (or scalar) vanishes; any other equality is a comparison of scalars or matrices
  '=': (l, r) => (isZero(r) ? b.iszero(l) : b.compare('==', l, r)),
  '\\neq': (l, r) => b.compare('!=', l, r),
  '<': (l, r) => b.compare('<', l, r),
  '>': (l, r) => b.compare('>', l, r),
  '\\le': (l, r) => b.compare('<=', l, r),
  '\\leq': (l, r) => b.compare('<=', l, r),
  '\\leqslant': (l, r) => b.compare('<=', l, r),
  '\\ge': (l, r) => b.compare('>=', l, r),
  '\\geq': (l, r) => b.compare('>=', l, r),
  '\\geqslant': (l, r) => b.compare('>=', l, r),
  '\\succeq': (l, r, fail) => (isZero(r) ? b.psd(l) : fail('\\succeq takes 0 on its right: A \\succeq 0 (positive semidefinite)')),
  '\\subseteq': b.subset,
};

export const isZero = (e: Expr): boolean => e.kind === 'num' && e.value.isZero();

/** Connectives of predicates. */
export const AND = new Set(['\\land', '\\wedge']);
export const OR = new Set(['\\lor', '\\vee']);
export const NOT = new Set(['\\lnot', '\\neg']);

/**
 * Constants written as a symbol with sizes in its subscript, when the symbol is not a declared name:
 * `I_n`, `K_{m,n}` (or `K_{mn}`), `0_{a \times b}`. `separator` is what stands between two sizes besides a comma.
 */
export const CONSTANTS: Readonly<Record<string, { readonly sizes: 1 | 2; readonly usage: string; readonly separator?: string; build(s: readonly Size[]): Expr }>> = {
  I: { sizes: 1, usage: 'I_{n}', build: (s) => b.identity(s[0]!) },
  K: { sizes: 2, usage: 'K_{m,n}', build: (s) => b.commutation(s[0]!, s[1]!) },
  '0': { sizes: 2, usage: '0_{a \\times b}', separator: '\\times', build: (s) => b.zeros(s[0]!, s[1]!) },
};

/** The scripts written after a closing delimiter, as text (`F`, `2`), and which of them a form used up. */
export interface DelimiterScripts {
  readonly sub?: string;
  readonly sup?: string;
}

export interface DelimitedForm {
  /** Closing delimiters, as KaTeX names them. */
  readonly close: readonly string[];
  readonly usage: string;
  /** The expression and the scripts it consumed; a string is an error message. */
  build(args: LatexArgs, scripts: DelimiterScripts): { expr: Expr; used: readonly ('sub' | 'sup')[] } | string;
}

const norm: DelimitedForm = {
  close: ['\\|', '\\rVert'],
  usage: '\\|A\\|_F^2',
  build: (a, s) =>
    a.count !== 1
      ? 'a norm has one argument'
      : s.sub === 'F' && s.sup === '2'
        ? { expr: b.fro2(a.expr(0)), used: ['sub', 'sup'] }
        : 'only the squared Frobenius norm \\|A\\|_F^2 is part of the grammar',
};

/** Forms between a pair of delimiters (parentheses and brackets group and are built into the parser). */
export const DELIMITED: Readonly<Record<string, DelimitedForm>> = {
  '\\|': norm,
  '\\lVert': norm,
  '\\langle': {
    close: ['\\rangle'],
    usage: '\\langle A, B \\rangle_F',
    build: (a, s) =>
      a.count !== 2
        ? 'the inner product \\langle A, B \\rangle takes two arguments'
        : s.sub === undefined || s.sub === 'F'
          ? { expr: b.inner(a.expr(0), a.expr(1)), used: s.sub === 'F' ? ['sub'] : [] }
          : 'the inner product takes the subscript F (Frobenius) or none',
  },
};
