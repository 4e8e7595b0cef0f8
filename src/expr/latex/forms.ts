import type { Expr, ScalarFunction } from '../ast.js';
import * as b from '../build.js';
import { Size } from '../size.js';

/**
 * The LaTeX forms of the IR's node kinds, as tables the parser (parser.ts) consults. A node kind written as a
 * named function, a superscript, an infix operator, a relation, a subscripted constant or a pair of delimiters
 * gets its LaTeX form by adding one line to the matching table below; the grammar itself does not change.
 * (Derivatives and Jacobians, Σ, ∏, `W_a \cdots W_b`, `D_a W_a \cdots D_b W_b` and powers `A^{k}` have shapes of
 * their own and live in parser.ts.)
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
  /** `f^{\circ}(A)`: the function applied to every entry of A (as A^{\circ k} is the entrywise power). */
  entrywise?(arg: Expr): Expr;
}

const unary = (usage: string, f: (e: Expr) => Expr): FunctionForm => ({ arity: 1, usage, build: (a) => f(a.expr(0)) });

/** A scalar function that also applies entry by entry, `\exp(x)` and `\exp^{\circ}(A)`. */
const scalar = (usage: string, f: (e: Expr) => Expr, fn: ScalarFunction): FunctionForm => ({
  ...unary(usage, f),
  entrywise: (e) => b.elementwise(fn, e),
});

/**
 * Functions applied to a parenthesised argument list, keyed by name: `\operatorname{vec}` and `\mathrm{vec}` are
 * both `vec`, KaTeX's own operators keep their backslash (`\min`), fonts are keyed as written (`\mathcal{R}`).
 */
export const FUNCTIONS: Readonly<Record<string, FunctionForm>> = {
  vec: unary('\\operatorname{vec}(A)', b.vec),
  tr: unary('\\operatorname{tr}(A)', b.trace),
  rank: unary('\\operatorname{rank}(A)', b.rank),
  '\\mathcal{R}': unary('\\mathcal{R}(A)', b.range),
  '\\det': unary('\\det(A)', b.det),
  adj: unary('\\operatorname{adj}(A)', b.adj),
  diag: unary('\\operatorname{diag}(v)', b.diag),
  diagvec: unary('\\operatorname{diagvec}(A)', b.diagvec),
  '\\log': scalar('\\log(x), \\log^{\\circ}(A)', b.log, 'log'),
  '\\ln': scalar('\\ln(x), \\ln^{\\circ}(A)', b.log, 'log'),
  '\\exp': scalar('\\exp(x), \\exp^{\\circ}(A)', b.exp, 'exp'),
  abs: scalar('\\operatorname{abs}(x), \\operatorname{abs}^{\\circ}(A)', b.abs, 'abs'),
  sqrt: scalar('\\operatorname{sqrt}(x), \\operatorname{sqrt}^{\\circ}(A)', b.sqrt, 'sqrt'),
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

/** How tightly the binary operators of a term bind, loosest first: A \otimes B \circ C D is A ⊗ (B ∘ (C D)). */
export const LEVELS = ['kron', 'hadamard', 'product'] as const;

/** Binary operators inside a term, by level: ⊗ between Hadamard products, ∘ between products, `\cdot` between factors. */
export const INFIX: Readonly<Record<string, { readonly level: (typeof LEVELS)[number]; build(a: Expr, c: Expr): Expr }>> = {
  '\\otimes': { level: 'kron', build: b.kron },
  '\\circ': { level: 'hadamard', build: b.hadamard },
  '\\odot': { level: 'hadamard', build: b.hadamard },
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

export interface ConstantForm {
  /** How many sizes the subscript holds. */
  readonly sizes: 1 | 2;
  readonly usage: string;
  /** What stands between two sizes besides a comma. */
  readonly separator?: string;
  /** The form also takes one size in parentheses as its superscript, `\mathbf{e}^{(n)}_{i}`. */
  readonly dimension?: true;
  build(s: readonly Size[], dimension?: Size): Expr;
}

/**
 * Constants written as a symbol with sizes in its subscript, when the symbol is not a declared name:
 * `I_n`, `K_{m,n}` (or `K_{mn}`), `0_{a \times b}`, `\mathbf{1}_{m \times n}`, and the unit vector `\mathbf{e}^{(n)}_{i}`
 * of ℝⁿ (its size written, since nothing else in the formula fixes it).
 */
export const CONSTANTS: Readonly<Record<string, ConstantForm>> = {
  I: { sizes: 1, usage: 'I_{n}', build: (s) => b.identity(s[0]!) },
  K: { sizes: 2, usage: 'K_{m,n}', build: (s) => b.commutation(s[0]!, s[1]!) },
  '0': { sizes: 2, usage: '0_{a \\times b}', separator: '\\times', build: (s) => b.zeros(s[0]!, s[1]!) },
  '\\mathbf{1}': { sizes: 2, usage: '\\mathbf{1}_{m \\times n}', separator: '\\times', build: (s) => b.ones(s[0]!, s[1]!) },
  '\\mathbf{e}': { sizes: 1, usage: '\\mathbf{e}^{(n)}_{i} (the i-th unit vector of R^n)', dimension: true, build: (s, n) => b.unit(n!, s[0]!) },
};

/** Commands with arguments in braces. */
export const COMMANDS: Readonly<Record<string, FunctionForm>> = {
  '\\sqrt': unary('\\sqrt{x}', b.sqrt),
};

/**
 * Expectations `\mathbb{E}_{D \sim \operatorname{Bern}(p)}\left[ X \right]` over a declared family D of random masks,
 * by the distribution named in the subscript.
 */
export const EXPECTATION = '\\mathbb{E}';
export const DISTRIBUTIONS: Readonly<Record<string, { readonly arity: number; readonly usage: string; build(family: string, args: LatexArgs, body: Expr): Expr }>> = {
  Bern: { arity: 1, usage: '\\mathbb{E}_{D \\sim \\operatorname{Bern}(p)}\\left[ X \\right]', build: (family, a, body) => b.expect(body, family, a.expr(0)) },
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
  /**
   * The same symbol opens and closes, and the form nests (||a| - |b||): more than one pair at a level is ambiguous
   * (is |a|b|c| the product |a| b |c| or |a |b| c|?). (Norms do not nest: in \|A\| \|B\| the first \| closes.)
   */
  readonly onePairPerLevel?: true;
  /** The expression and the scripts it consumed; a string is an error message. */
  build(args: LatexArgs, scripts: DelimiterScripts): { expr: Expr; used: readonly ('sub' | 'sup')[] } | string;
}

/** `\|x\|` (Frobenius for a matrix, 2-norm for a vector), `\|A\|_F`, and `\|A\|_F^2` as the squared norm itself. */
const norm: DelimitedForm = {
  close: ['\\|', '\\rVert'],
  usage: '\\|A\\|, \\|A\\|_F^2',
  build: (a, s) =>
    a.count !== 1
      ? 'a norm has one argument'
      : s.sub === 'F' && s.sup === '2'
        ? { expr: b.fro2(a.expr(0)), used: ['sub', 'sup'] }
        : s.sub === undefined || s.sub === 'F'
          ? { expr: b.norm(a.expr(0)), used: s.sub ? ['sub'] : [] }
          : // ‖A‖₂ of a matrix is its largest singular value; which one is meant depends on a shape the reader does not know
            'the norm takes the subscript F or none (the 2-norm of a vector, the Frobenius norm of a matrix)',
};

const abs = (close: readonly string[], onePairPerLevel?: true): DelimitedForm => ({
  close,
  ...(onePairPerLevel ? { onePairPerLevel } : {}),
  usage: '\\lvert x \\rvert',
  build: (a, s) => (a.count !== 1 ? 'an absolute value has one argument' : s.sub ? 'an absolute value takes no subscript' : { expr: b.abs(a.expr(0)), used: [] }),
});

/** Forms between a pair of delimiters (parentheses and brackets group and are built into the parser). */
export const DELIMITED: Readonly<Record<string, DelimitedForm>> = {
  '\\|': norm,
  '\\lVert': norm,
  '|': abs(['|'], true),
  '\\vert': abs(['\\vert'], true),
  '\\lvert': abs(['\\rvert']),
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
