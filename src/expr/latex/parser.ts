import { Rational } from '../../linalg/rational.js';
import type { Expr, Variable } from '../ast.js';
import * as b from '../build.js';
import { identifier } from '../names.js';
import { Size, WIDTHS } from '../size.js';
import * as F from './forms.js';
import { LatexSyntaxError } from './katex.js';
import { type Pos, type TexNode, firstPos } from './tree.js';

/**
 * LaTeX → IR: a recursive-descent reading of KaTeX's parse tree (tree.ts) with the precedence of the IR's LaTeX
 * printer, so that everything the printer writes reads back as the same expression (up to the identifications
 * the printer makes itself, e.g. W₃W₂W₁ for a product of three layers). From loosest to tightest:
 *
 *   predicate   a \lor b, a \land b, \lnot(…), relations a = b, a \le b, A \succeq 0, \mathcal{R}(A) \subseteq …
 *   sum         a + b − c                         (a leading − negates the whole term)
 *   Σ           \sum_{i=a}^{b} body               (the body runs to the end of its term)
 *   Kronecker   A \otimes B                       (products bind tighter: A^\top A \otimes Z Z^\top)
 *   product     juxtaposition or \cdot            (W_{H+1} \cdots W_1 is a product over the family W)
 *   prefix      \mathrm{d}X (one atom), \nabla_{W} f and \frac{\partial}{\partial W} f (one factor)
 *   postfix     ^\top, ^T, ', ^{-1}, ^{+}, ^\dagger, (A)_{ij}
 *   atom        names, W_{k+1}, numbers, \frac{a}{b}, (…), \|A\|_F^2, \langle A, B\rangle_F, \operatorname{vec}(A), I_n, 0_{a \times b}
 *
 * Names are resolved with the derivation's declarations (`LatexScope`): `W_{k+1}` is a member of the family W,
 * `n_1` the declared scalar n1, `I_n` the identity unless I is declared. Whatever a reader could take two ways is an
 * error with its position, never a guess: letters spelling a declared multi-letter name (write \mathit{Sxx}),
 * `\nabla_W L X` (write \left(\nabla_W L\right) X or \nabla_W(L X)), `\mathrm{d}X^{-1}`, `\operatorname{tr} A`
 * without parentheses, ascending products W_1 \cdots W_3, `/`, powers.
 *
 * New node kinds add their LaTeX form as a line in a table of forms.ts (functions, superscripts, infix operators,
 * relations, subscripted constants, delimiters); only a form with a new shape needs a rule here.
 */

/** What names mean: a derivation's declarations (a ShapeContext has this shape). */
export interface LatexScope {
  /** Declared matrices and scalars and defined names without parameters. */
  readonly symbols: { has(name: string): boolean };
  /** Declared families (one index) and defined families (their parameters). */
  readonly families: { get(name: string): { readonly params: readonly string[] } | undefined };
  /** Declared (not defined) names: products `W_a \cdots W_b` run over these. */
  readonly variables: { has(name: string): boolean };
  /** Size and index variables. */
  readonly sizes: { has(name: string): boolean };
}

type Split = { readonly base: TexNode; readonly sub?: TexNode; readonly sup?: TexNode; readonly at: Pos };

const split = (n: TexNode): Split => (n.kind === 'scripts' ? { base: n.base, sub: n.sub, sup: n.sup, at: n.at } : { base: n, at: n.at });

const isAtom = (n: TexNode | undefined, family?: string, text?: string): boolean =>
  n?.kind === 'atom' && (family === undefined || n.family === family) && (text === undefined || n.text === text);

const isChar = (n: TexNode | undefined, text?: string): boolean => n?.kind === 'char' && (text === undefined || n.text === text);

const isDigit = (n: TexNode | undefined): boolean => n?.kind === 'char' && /^[0-9]$/.test(n.text);

/** The text of a letter (`W`), a Greek letter (`\Delta` → `Delta`) or an italic/roman name (`\mathit{Sxx}`). */
function nameOf(n: TexNode): string | undefined {
  if (n.kind === 'char') {
    if (/^[A-Za-z]$/.test(n.text)) return n.text;
    const greek = n.text.slice(1);
    return n.text.startsWith('\\') && identifier(greek, 'latex') === n.text ? greek : undefined;
  }
  if (n.kind === 'font' && (n.font === 'mathit' || n.font === 'mathrm') && /^[A-Za-z][A-Za-z0-9]*$/.test(n.text)) return n.text;
  return undefined;
}

/** A script's text with braces dropped: `^{-1}` → `-1`, `^\top` → `\top`, `'` → `\prime`; undefined if not flat. */
function scriptText(n: TexNode): string | undefined {
  if (n.kind === 'char' || n.kind === 'atom') return n.text;
  if (n.kind === 'group') {
    const parts = n.body.map(scriptText);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}

const items = (n: TexNode): readonly TexNode[] => (n.kind === 'group' ? n.body : [n]);

function describe(n: TexNode): string {
  switch (n.kind) {
    case 'char':
    case 'atom':
      return `"${n.text}"`;
    case 'scripts':
      return describe(n.base);
    case 'frac':
      return '\\frac';
    case 'font':
      return `\\${n.font}{${n.text}}`;
    case 'operator':
      return n.name.startsWith('\\') ? n.name : `\\operatorname{${n.name}}`;
    case 'delimited':
      return `\\left${n.left}`;
    case 'group':
      return 'a group {…}';
  }
}

const TRANSPOSE = new Set(['\\top', '\\intercal', 'T', '\\prime']);

/** A reading position in a list of nodes (a formula, a group, the inside of a pair of delimiters). */
class Cursor {
  i = 0;
  constructor(
    readonly nodes: readonly TexNode[],
    /** Where this list ends, for "expected …" at its end. */
    readonly end: Pos,
  ) {}
  peek(k = 0): TexNode | undefined {
    return this.nodes[this.i + k];
  }
  next(): TexNode | undefined {
    return this.nodes[this.i++];
  }
  get done(): boolean {
    return this.i >= this.nodes.length;
  }
  get at(): Pos {
    const n = this.peek();
    return n ? (n.at ?? firstPos([n]) ?? this.end) : this.end;
  }
}

export class LatexParser {
  constructor(private readonly scope: LatexScope) {}

  fail(message: string, at: Pos): never {
    throw new LatexSyntaxError(message, at);
  }

  /** Fails unless the cursor is at its end. */
  finish(c: Cursor): void {
    if (!c.done) this.fail(`unexpected ${describe(c.peek()!)}`, c.at);
  }

  cursor(nodes: readonly TexNode[], end: Pos): Cursor {
    return new Cursor(nodes, end);
  }

  // ---- predicates ------------------------------------------------------------------------------------------

  predicate(c: Cursor): Expr {
    let left = this.conjunction(c);
    while (isAtom(c.peek()) && F.OR.has((c.peek() as { text: string }).text)) {
      c.next();
      left = b.or(left, this.conjunction(c));
    }
    return left;
  }

  private conjunction(c: Cursor): Expr {
    let left = this.negation(c);
    while (isAtom(c.peek()) && F.AND.has((c.peek() as { text: string }).text)) {
      c.next();
      left = b.and(left, this.negation(c));
    }
    return left;
  }

  private negation(c: Cursor): Expr {
    const n = c.peek();
    if (n?.kind === 'char' && F.NOT.has(n.text)) {
      c.next();
      const operand = this.postfix(c);
      if (isAtom(c.peek(), 'rel')) this.fail(`ambiguous negation: write ${n.text}(…) around the whole relation`, c.at);
      return b.not(operand);
    }
    return this.relation(c);
  }

  private relation(c: Cursor): Expr {
    const sides = [this.sum(c)];
    const ops: { text: string; at: Pos }[] = [];
    while (isAtom(c.peek(), 'rel')) {
      const op = c.next() as { text: string; at: Pos };
      if (!F.RELATIONS[op.text]) this.fail(`the relation ${op.text} is not part of the grammar (=, \\neq, <, >, \\le, \\ge, \\succeq, \\subseteq)`, op.at);
      ops.push(op);
      sides.push(this.sum(c));
    }
    if (ops.length === 0) return sides[0]!;
    // a < b \le c means a < b and b \le c
    const parts = ops.map((op, i) => F.RELATIONS[op.text]!(sides[i]!, sides[i + 1]!, (m) => this.fail(m, op.at)));
    return parts.slice(1).reduce<Expr>((acc, p) => b.and(acc, p), parts[0]!);
  }

  // ---- sums, Σ, Kronecker products, products ---------------------------------------------------------------

  sum(c: Cursor): Expr {
    const terms = [this.term(c)];
    while (isAtom(c.peek(), 'bin', '+') || isAtom(c.peek(), 'bin', '-')) {
      const minus = (c.next() as { text: string }).text === '-';
      const t = this.term(c);
      terms.push(minus ? b.neg(t) : t);
    }
    return b.add(...terms);
  }

  private term(c: Cursor): Expr {
    if (isAtom(c.peek(), 'bin', '-')) {
      c.next();
      return b.neg(this.term(c));
    }
    if (isAtom(c.peek(), 'bin', '+')) {
      c.next();
      return this.term(c);
    }
    return this.kron(c);
  }

  private kron(c: Cursor): Expr {
    let left = this.product(c);
    for (;;) {
      const n = c.peek();
      const op = n?.kind === 'atom' && n.family === 'bin' ? F.INFIX[n.text] : undefined;
      if (!op || op.level !== 'kron') return left;
      c.next();
      left = op.build(left, this.product(c));
    }
  }

  private startsFactor(n: TexNode | undefined): boolean {
    if (!n) return false;
    if (n.kind === 'scripts') return this.startsFactor(n.base);
    if (n.kind === 'atom') return n.family === 'open';
    if (n.kind === 'char') return !F.NOT.has(n.text);
    return true;
  }

  private product(c: Cursor): Expr {
    const factors: Expr[] = [];
    let prefixDerivative = false;
    for (;;) {
      const n = c.peek();
      const infix = n?.kind === 'atom' && n.family === 'bin' ? F.INFIX[n.text] : undefined;
      if (infix?.level === 'product') {
        if (factors.length === 0) this.fail(`${describe(n!)} needs a factor on its left`, n!.at);
        c.next();
        if (!this.startsFactor(c.peek())) this.fail(`${describe(n!)} needs a factor on its right`, c.at);
        continue;
      }
      if (isAtom(n, 'inner', '\\cdots')) {
        c.next();
        // \cdots comes from a macro and has no position of its own: point at what follows it
        const at = n!.at ?? c.at;
        if (!this.startsFactor(c.peek())) this.fail('\\cdots needs a factor on its right', at);
        factors.push(this.chain(factors.pop(), this.postfix(c), at));
        continue;
      }
      if (!this.startsFactor(n)) break;
      if (prefixDerivative)
        this.fail('ambiguous: what does the derivative apply to? Write \\left(\\nabla_{W} f\\right) X for a product, \\nabla_{W}(f X) otherwise', n!.at);
      const big = split(n!).base;
      if (big.kind === 'operator' && big.name === '\\sum') {
        // the summand runs to the end of the term, so the Σ is the last factor
        factors.push(this.sigma(c));
        break;
      }
      if (big.kind === 'operator' && big.name === '\\prod') {
        factors.push(this.bigProduct(c));
        continue;
      }
      this.checkLetterRun(c);
      const f = this.factor(c);
      factors.push(f.expr);
      prefixDerivative = f.prefix;
    }
    if (factors.length === 0) this.fail(c.done ? 'expected a factor at the end' : `expected a factor, found ${describe(c.peek()!)}`, c.at);
    return b.mul(...factors);
  }

  /** Letters written together that spell a declared multi-letter name: a product of letters, or that name? */
  private checkLetterRun(c: Cursor): void {
    let run = '';
    let at: Pos;
    for (let k = 0; ; k++) {
      const n = c.peek(k);
      const base = n && split(n).base;
      if (!base || base.kind !== 'char' || !/^[A-Za-z0-9]$/.test(base.text)) break;
      at ??= base.at;
      run += base.text;
      if (n.kind === 'scripts') break;
    }
    for (let len = run.length; len >= 2; len--)
      for (let i = 0; i + len <= run.length; i++) {
        const name = run.slice(i, i + len);
        if (!/^[A-Za-z]/.test(name)) continue;
        if (this.scope.symbols.has(name) || this.scope.families.get(name) || this.scope.sizes.has(name))
          this.fail(`ambiguous: "${name}" is a declared name but reads as a product of letters; write \\mathit{${name}} for the name, or separate the factors with \\cdot`, at);
      }
  }

  /** `W_a \cdots W_b` = prod(W, a, b); `W_a^\top \cdots W_b^\top` = (W_b ⋯ W_a)ᵀ. */
  private chain(left: Expr | undefined, right: Expr, at: Pos): Expr {
    const usage = '\\cdots stands between two members of a declared family, as in W_{H+1} \\cdots W_{1}';
    if (!left) return this.fail(usage, at);
    const transposed = left.kind === 'transpose' && right.kind === 'transpose';
    const l = transposed && left.kind === 'transpose' ? left.arg : left;
    const r = transposed && right.kind === 'transpose' ? right.arg : right;
    if (l.kind !== 'member' || r.kind !== 'member' || l.family !== r.family || l.indices.length !== 1 || r.indices.length !== 1)
      return this.fail(usage, at);
    if (!this.scope.variables.has(l.family) || !this.scope.families.get(l.family)) return this.fail(`${usage}; ${l.family} is not declared as one`, at);
    const [hi, lo] = transposed ? [r.indices[0]!, l.indices[0]!] : [l.indices[0]!, r.indices[0]!];
    const gap = hi.sub(lo).constant();
    if (gap !== undefined && gap < 0)
      this.fail(
        transposed
          ? 'a product of transposes runs upwards: W_{1}^\\top \\cdots W_{3}^\\top = (W_{3} \\cdots W_{1})^\\top'
          : 'products run from the higher index down, W_{3} \\cdots W_{1} (an ascending W_{1} \\cdots W_{3} is not the IR\'s prod)',
        at,
      );
    const p = b.prod(l.family, hi, lo);
    return transposed ? b.transpose(p) : p;
  }

  /** `\sum_{i=a}^{b} body`. */
  private sigma(c: Cursor): Expr {
    const n = split(c.next()!);
    const usage = 'write \\sum_{i=a}^{b} followed by the summand';
    if (!n.sub || !n.sup) return this.fail(usage, n.at);
    const { index, from } = this.bound(n.sub, usage);
    const to = this.size(n.sup);
    if (c.done) this.fail('the sum has no summand', c.at);
    return b.sum(index, from, to, this.term(c));
  }

  /** `\prod_{i=a}^{b} W_i` = W_b W_{b−1} ⋯ W_a, the later layer on the left as in W_{H+1} ⋯ W_1. */
  private bigProduct(c: Cursor): Expr {
    const n = split(c.next()!);
    const usage = 'write \\prod_{i=a}^{b} W_{i} over a declared family W';
    if (!n.sub || !n.sup) return this.fail(usage, n.at);
    const { index, from, at } = this.bound(n.sub, usage);
    const to = this.size(n.sup);
    const body = this.postfix(c);
    if (body.kind !== 'member' || body.indices.length !== 1 || !this.scope.variables.has(body.family) || !this.scope.families.get(body.family))
      return this.fail(usage, at);
    const shift = body.indices[0]!.sub(Size.var(index));
    if (shift.freeVars().size > 0) return this.fail(`${usage}: the index must be ${index} plus a constant`, at);
    return b.prod(body.family, to.add(shift), from.add(shift));
  }

  /** `i=a` under Σ or ∏. */
  private bound(sub: TexNode, usage: string): { index: string; from: Size; at: Pos } {
    const list = items(sub);
    const name = list[0] && nameOf(list[0]);
    if (!name || !isAtom(list[1], 'rel', '=') || list.length < 3) return this.fail(usage, sub.at ?? firstPos([sub]));
    return { index: name, from: this.sizeOf(list.slice(2), firstPos(list.slice(2))), at: list[0]!.at };
  }

  // ---- factors: prefix derivatives, postfix scripts, atoms ------------------------------------------------

  /** A factor, and whether it is a derivative in prefix form (∇_W f, ∂/∂W f), which must end its product. */
  private factor(c: Cursor): { expr: Expr; prefix: boolean } {
    const n = c.peek()!;
    const s = split(n);
    if ((s.base.kind === 'font' && s.base.font === 'mathrm' && s.base.text === 'd') || (s.base.kind === 'operator' && s.base.name === 'd')) {
      c.next();
      return { expr: this.differential(s, c), prefix: false };
    }
    if (isChar(s.base, '\\nabla')) {
      c.next();
      if (!s.sub || s.sup) this.fail('write the gradient as \\nabla_{W} f', s.at);
      const wrt = this.variableOf(s.sub);
      return { expr: b.grad(this.operand(c, s.at), wrt), prefix: true };
    }
    if (s.base.kind === 'frac' && isPartial(items(s.base.num)[0])) {
      c.next();
      return this.derivativeFraction(s, c);
    }
    return { expr: this.postfix(c), prefix: false };
  }

  private operand(c: Cursor, at: Pos): Expr {
    if (!this.startsFactor(c.peek())) this.fail('the derivative needs something to differentiate after it', c.done ? at : c.at);
    return this.postfix(c);
  }

  /** `\mathrm{d}X`, `\mathrm{d}(AB)`, `\mathrm{d}_{W_k} L`, `\mathrm{d}^2 L`: d binds to the atom right after it. */
  private differential(s: Split, c: Cursor): Expr {
    const wrt = s.sub ? this.variableOf(s.sub) : null;
    let order = 1;
    if (s.sup) {
      const t = scriptText(s.sup);
      if (!t || !/^[1-9]$/.test(t)) this.fail('the order of a differential is a digit: \\mathrm{d}^{2}', s.sup.at ?? s.at);
      order = Number(t);
    }
    if (!this.startsFactor(c.peek())) this.fail('\\mathrm{d} needs something to differentiate after it', c.at);
    const { expr, sup } = this.atom(c);
    let e = expr;
    for (let i = 0; i < order; i++) e = b.diff(e, wrt);
    if (!sup) return e;
    const t = scriptText(sup);
    // d(Xᵀ) = (dX)ᵀ, so only a transpose may follow unparenthesised
    if (t === undefined || !TRANSPOSE.has(t))
      this.fail('ambiguous: write \\mathrm{d}(X^{…}) or (\\mathrm{d}X)^{…} to say what the superscript applies to', sup.at ?? s.at);
    return b.transpose(e);
  }

  /** `\frac{\partial f}{\partial W}`, `\frac{\partial}{\partial W} f`, and the Hessian block in vec form. */
  private derivativeFraction(s: Split, c: Cursor): { expr: Expr; prefix: boolean } {
    const frac = s.base as Extract<TexNode, { kind: 'frac' }>;
    const num = items(frac.num);
    const den = items(frac.den);
    const head = split(num[0]!);
    const at = s.at;
    if (s.sub || s.sup) this.fail('a derivative takes no scripts here; put it in parentheses', at);
    const fOf = (rest: readonly TexNode[]) => (rest.length === 0 ? undefined : this.whole(rest, 'sum', firstPos(rest)));
    if (!head.sup) {
      if (!isPartial(den[0]) || den.length < 2) return this.fail('write \\frac{\\partial f}{\\partial W} with one variable W below', at);
      const wrt = this.variableOfList(den.slice(1));
      const f = fOf(num.slice(1));
      return f ? { expr: b.grad(f, wrt), prefix: false } : { expr: b.grad(this.operand(c, at), wrt), prefix: true };
    }
    if (scriptText(head.sup) !== '2') return this.fail('only first and second derivatives are part of the grammar', head.sup.at ?? at);
    const parts: TexNode[][] = [];
    for (const n of den) {
      if (isPartial(n)) parts.push([]);
      else if (parts.length === 0) return this.hessUsage(at);
      else parts[parts.length - 1]!.push(n);
    }
    if (parts.length !== 2 || parts.some((p) => p.length === 0)) return this.hessUsage(at);
    const first = this.whole(parts[0]!, 'sum', firstPos(parts[0]!));
    const second = this.whole(parts[1]!, 'sum', firstPos(parts[1]!));
    const v1 = first.kind === 'vec' && first.arg.kind === 'transpose' ? first.arg.arg : undefined;
    const v2 = second.kind === 'transpose' && second.arg.kind === 'vec' && second.arg.arg.kind === 'transpose' ? second.arg.arg.arg : undefined;
    if (!v1 || !v2 || !isVariable(v1) || !isVariable(v2)) return this.hessUsage(at);
    const f = fOf(num.slice(1));
    return f ? { expr: b.hess(f, v1, v2), prefix: false } : { expr: b.hess(this.operand(c, at), v1, v2), prefix: true };
  }

  private hessUsage(at: Pos): never {
    return this.fail(
      'a Hessian block is written in the paper\'s coordinates: \\frac{\\partial^2 f}{\\partial \\operatorname{vec}(W_j^\\top) \\, \\partial \\operatorname{vec}(W_k^\\top)^\\top}',
      at,
    );
  }

  /** An atom with its postfix scripts applied. */
  postfix(c: Cursor): Expr {
    const { expr, sup, at } = this.atom(c);
    return sup ? this.superscript(expr, sup, at) : expr;
  }

  private superscript(e: Expr, sup: TexNode, at: Pos): Expr {
    const t = scriptText(sup);
    const apply = t === undefined ? undefined : F.SUPERSCRIPTS[t];
    if (apply) return apply(e);
    const where = sup.at ?? firstPos([sup]) ?? at;
    if (t === '-') return this.fail('^{-} (a generalized inverse) is not determined by its argument; write ^{+} for the Moore–Penrose inverse', where);
    return this.fail(`the superscript ^{${t ?? '…'}} is not part of the grammar (^\\top, ^T, ', ^{-1}, ^{+}, ^\\dagger)`, where);
  }

  /** An atom, its subscript applied, its superscript returned for the caller (d and ∇ treat it specially). */
  private atom(c: Cursor): { expr: Expr; sup?: TexNode; at: Pos } {
    const n = c.next()!;
    const s = split(n);
    const at = s.at ?? firstPos([n]);
    const base = s.base;
    const withSub = (e: Expr): { expr: Expr; sup?: TexNode; at: Pos } => ({
      expr: s.sub ? this.entry(e, s.sub) : e,
      ...(s.sup ? { sup: s.sup } : {}),
      at,
    });
    switch (base.kind) {
      case 'char': {
        if (isDigit(base)) return this.number(base as TexNode & { kind: 'char' }, s, c);
        const name = nameOf(base);
        if (name !== undefined) return { expr: this.name(name, s.sub, at), ...(s.sup ? { sup: s.sup } : {}), at };
        if (F.DELIMITED[base.text]) return this.delimited(base.text, F.DELIMITED[base.text]!, c, at);
        if (isPartial(base)) return this.fail('\\partial appears only in \\frac{\\partial f}{\\partial W}', at);
        if (base.text === '/') return this.fail('write quotients as \\frac{a}{b}', at);
        return this.fail(`${describe(base)} is not part of the grammar`, at);
      }
      case 'font': {
        const key = `\\${base.font}{${base.text}}`;
        const fn = F.FUNCTIONS[key] ?? (base.font === 'mathrm' ? F.FUNCTIONS[base.text] : undefined);
        if (fn) return this.call(fn, base.text, s, c);
        if (F.CONSTANTS[key]) return { expr: this.constant(key, s.sub, at), ...(s.sup ? { sup: s.sup } : {}), at };
        const name = nameOf(base);
        if (name !== undefined) return { expr: this.name(name, s.sub, at), ...(s.sup ? { sup: s.sup } : {}), at };
        return this.fail(`${key} is not part of the grammar`, at);
      }
      case 'operator': {
        const fn = F.FUNCTIONS[base.name];
        if (fn) return this.call(fn, base.name, s, c);
        if (base.name === '\\sum' || base.name === '\\prod') return this.fail(`${base.name} must start a factor of a product`, at);
        return this.fail(`unknown function ${describe(base)} (known: ${Object.keys(F.FUNCTIONS).join(', ')})`, at);
      }
      case 'group':
        return withSub(this.whole(base.body, 'predicate', at));
      case 'frac':
        // a derivative as the operand of another (∂/∂W ∂L/∂V); in a product, factor() reads it
        if (isPartial(items(base.num)[0])) return { expr: this.derivativeFraction(s, c).expr, at };
        return withSub(b.div(this.whole(items(base.num), 'sum', base.num.at), this.whole(items(base.den), 'sum', base.den.at)));
      case 'delimited': {
        if (base.left === '(' || base.left === '[') {
          if (base.right !== (base.left === '(' ? ')' : ']')) this.fail(`\\left${base.left} is closed by \\right${base.right}`, at);
          return withSub(this.whole(base.body, 'predicate', at));
        }
        const form = F.DELIMITED[base.left];
        if (!form || !form.close.includes(base.right)) return this.fail(`\\left${base.left} … \\right${base.right} is not part of the grammar`, at);
        return this.finishDelimited(form, base.body, { sub: s.sub, sup: s.sup }, at);
      }
      case 'atom':
        if (base.family === 'open' && (base.text === '(' || base.text === '[')) {
          const { inner, closer } = this.closing(c, base.text === '(' ? [')'] : [']'], at, false);
          const e = this.whole(inner, 'predicate', at);
          return { expr: closer.sub ? this.entry(e, closer.sub) : e, ...(closer.sup ? { sup: closer.sup } : {}), at };
        }
        if (F.DELIMITED[base.text]) return this.delimited(base.text, F.DELIMITED[base.text]!, c, at);
        return this.fail(`expected a factor, found ${describe(base)}`, at);
      case 'scripts':
        return this.fail('double scripts are not part of the grammar', at);
    }
  }

  /** `(A)_{ij}`: an entry. */
  private entry(e: Expr, sub: TexNode): Expr {
    const [row, col] = this.indices(sub, 2, 'an entry (A)_{ij}');
    return b.entry(e, row!, col!);
  }

  /** Digits are separate symbols in TeX (12.5 is 1, 2, ., 5) and a script sits on the last one: 10^{-1} is (10)⁻¹. */
  private number(first: TexNode & { kind: 'char' }, s: Split, c: Cursor): { expr: Expr; sup?: TexNode; at: Pos } {
    if (first.text === '0' && s.sub) return { expr: this.constant('0', s.sub, s.at), ...(s.sup ? { sup: s.sup } : {}), at: s.at };
    let text = first.text;
    let scripts: Split = s;
    while (!scripts.sub && !scripts.sup) {
      const next = c.peek();
      const digit = next && split(next);
      if (!digit || !(isDigit(digit.base) || (isChar(digit.base, '.') && !digit.sub && !digit.sup && isDigit(c.peek(1))))) break;
      c.next();
      text += (digit.base as { text: string }).text;
      scripts = digit;
    }
    if (scripts.sub) this.fail('a number takes no subscript', scripts.at ?? s.at);
    const [whole, frac = ''] = text.split('.');
    const expr = b.num(Rational.of(BigInt(whole! + frac), 10n ** BigInt(frac.length)));
    return { expr, ...(scripts.sup ? { sup: scripts.sup } : {}), at: s.at };
  }


  /** A name, resolved with the declarations; `sub` its subscript. */
  private name(text: string, sub: TexNode | undefined, at: Pos): Expr {
    const { scope } = this;
    if (!sub) {
      if (F.CONSTANTS[text] && !this.declared(text)) this.fail(`${text} needs its size: ${F.CONSTANTS[text]!.usage}`, at);
      return b.sym(text);
    }
    const digits = scriptText(sub);
    const joined = digits !== undefined && /^[0-9]+$/.test(digits) ? text + digits : undefined;
    const joinedDeclared = joined !== undefined && (scope.symbols.has(joined) || scope.sizes.has(joined));
    const family = scope.families.get(text);
    if (family) {
      if (joinedDeclared) this.fail(`ambiguous: ${text}_{${digits}} could be the name ${joined} or a member of the family ${text}`, at);
      return b.member(text, ...this.indices(sub, family.params.length, `${text}_{…}`));
    }
    if (joinedDeclared) return b.sym(joined);
    if (text === WIDTHS) return b.member(WIDTHS, ...this.indices(sub, 1, 'a width d_{k}'));
    if (F.CONSTANTS[text] && !this.declared(text)) return this.constant(text, sub, at);
    if (scope.symbols.has(text)) {
      const [row, col] = this.indices(sub, 2, `an entry ${text}_{ij} of the matrix ${text}`);
      return b.entry(b.sym(text), row!, col!);
    }
    // not declared: the shape check names the unknown family
    return b.member(text, ...this.indexList(sub).map((p) => this.sizeOf(p, firstPos(p))));
  }

  private declared(name: string): boolean {
    return this.scope.symbols.has(name) || this.scope.families.get(name) !== undefined || this.scope.sizes.has(name);
  }

  private constant(key: string, sub: TexNode | undefined, at: Pos): Expr {
    const form = F.CONSTANTS[key]!;
    if (!sub) return this.fail(`${key} needs its size: ${form.usage}`, at);
    const list = items(sub);
    let parts = this.indexList(sub);
    if (form.separator && parts.length === 1) {
      const i = list.findIndex((n) => isAtom(n, 'bin', form.separator));
      if (i > 0) parts = [list.slice(0, i), list.slice(i + 1)];
    }
    if (parts.length === 1 && form.sizes === 2 && list.length === 2 && list.every((n) => nameOf(n)?.length === 1)) parts = [[list[0]!], [list[1]!]];
    if (parts.length !== form.sizes) return this.fail(`write ${form.usage}`, sub.at ?? at);
    return form.build(parts.map((p) => this.sizeOf(p, firstPos(p) ?? at)));
  }

  /** A subscript's parts, split at top-level commas. */
  private indexList(sub: TexNode): TexNode[][] {
    return splitCommas(items(sub));
  }

  /** `arity` indices: `{j,k+1}`, or `{jk}` (single letters) when there are several. */
  private indices(sub: TexNode, arity: number, what: string): Size[] {
    const parts = this.indexList(sub);
    const list = items(sub);
    const at = sub.at ?? firstPos([sub]);
    if (parts.some((p) => p.length === 0)) return this.fail(`${what}: an index is empty`, at);
    if (parts.length === arity) return parts.map((p) => this.sizeOf(p, firstPos(p) ?? at));
    if (parts.length === 1 && arity > 1 && list.length === arity && list.every((n) => nameOf(n)?.length === 1))
      return list.map((n) => Size.var(nameOf(n)!));
    return this.fail(`${what} takes ${arity} ${arity === 1 ? 'index' : 'indices'}, separated by commas`, at);
  }

  private variableOf(n: TexNode): Variable {
    return this.variableOfList(items(n));
  }

  private variableOfList(list: readonly TexNode[]): Variable {
    const e = this.whole(list, 'sum', firstPos(list));
    if (!isVariable(e)) return this.fail('expected a matrix or a family member such as W_{k}', firstPos(list));
    return e;
  }

  /** A named function and its parenthesised arguments (the closer's scripts apply to the result). */
  private call(fn: F.FunctionForm, name: string, s: Split, c: Cursor): { expr: Expr; sup?: TexNode; at: Pos } {
    const at = s.at ?? firstPos([s.base]);
    if (s.sub || s.sup) this.fail(`write ${fn.usage}`, at);
    const open = c.peek();
    let inner: readonly TexNode[];
    let closer: { sub?: TexNode; sup?: TexNode };
    if (open?.kind === 'delimited' && open.left === '(' && open.right === ')') {
      c.next();
      inner = open.body;
      closer = {};
    } else if (isAtom(open, 'open', '(')) {
      c.next();
      ({ inner, closer } = this.closing(c, [')'], open!.at, false));
    } else if (open?.kind === 'scripts' && open.base.kind === 'delimited' && open.base.left === '(') {
      c.next();
      inner = open.base.body;
      closer = { sub: open.sub, sup: open.sup };
    } else return this.fail(`${name} takes its argument in parentheses: ${fn.usage}`, c.at ?? at);
    const args = this.argumentsOf(inner, at);
    const arities = typeof fn.arity === 'number' ? [fn.arity] : fn.arity;
    if (!arities.includes(args.count)) this.fail(`${name} takes ${arities.join(' or ')} argument${arities.at(-1) === 1 ? '' : 's'}: ${fn.usage}`, at);
    const e = fn.build(args);
    return { expr: closer.sub ? this.entry(e, closer.sub) : e, ...(closer.sup ? { sup: closer.sup } : {}), at };
  }

  private argumentsOf(inner: readonly TexNode[], at: Pos): F.LatexArgs {
    const parts = splitCommas(inner);
    const count = parts.length === 1 && parts[0]!.length === 0 ? 0 : parts.length;
    const part = (i: number) => {
      const p = parts[i]!;
      if (p.length === 0) this.fail('an argument is empty', at);
      return p;
    };
    return {
      count,
      expr: (i) => this.whole(part(i), 'predicate', firstPos(part(i)) ?? at),
      size: (i) => this.sizeOf(part(i), firstPos(part(i)) ?? at),
    };
  }

  /** The nodes up to the closer matching an opener just consumed, and the closer's scripts. */
  private closing(c: Cursor, close: readonly string[], at: Pos, flat: boolean): { inner: TexNode[]; closer: { sub?: TexNode; sup?: TexNode } } {
    const inner: TexNode[] = [];
    let depth = 0;
    while (!c.done) {
      const n = c.next()!;
      const s = split(n);
      const text = s.base.kind === 'atom' || s.base.kind === 'char' ? s.base.text : undefined;
      if (depth === 0 && text !== undefined && close.includes(text)) return { inner, closer: { sub: s.sub, sup: s.sup } };
      if (!flat && s.base.kind === 'atom' && s.base.family === 'open') depth++;
      if (!flat && s.base.kind === 'atom' && s.base.family === 'close') {
        if (depth === 0) this.fail(`${describe(s.base)} closes nothing here (expected ${close.join(' or ')})`, s.base.at);
        depth--;
      }
      inner.push(n);
    }
    return this.fail(`this delimiter is never closed (expected ${close.join(' or ')})`, at);
  }

  private delimited(open: string, form: F.DelimitedForm, c: Cursor, at: Pos): { expr: Expr; sup?: TexNode; at: Pos } {
    // the same symbol opens and closes a norm, so it cannot nest: the first one closes
    const { inner, closer } = this.closing(c, form.close, at, form.close.includes(open));
    return this.finishDelimited(form, inner, closer, at);
  }

  private finishDelimited(form: F.DelimitedForm, inner: readonly TexNode[], closer: { sub?: TexNode; sup?: TexNode }, at: Pos) {
    const scripts = {
      ...(closer.sub ? { sub: scriptText(closer.sub) ?? '…' } : {}),
      ...(closer.sup ? { sup: scriptText(closer.sup) ?? '…' } : {}),
    };
    const r = form.build(this.argumentsOf(inner, at), scripts);
    if (typeof r === 'string') return this.fail(`${r}: write ${form.usage}`, at);
    let e = r.expr;
    if (closer.sub && !r.used.includes('sub')) e = this.entry(e, closer.sub);
    const sup = closer.sup && !r.used.includes('sup') ? closer.sup : undefined;
    return { expr: e, ...(sup ? { sup } : {}), at };
  }

  /** Parses a whole node list at the given level; anything left over is an error. */
  whole(list: readonly TexNode[], level: 'sum' | 'predicate', at: Pos): Expr {
    if (list.length === 0) return this.fail('empty expression', at);
    const c = this.cursor(list, at);
    const e = level === 'sum' ? this.sum(c) : this.predicate(c);
    this.finish(c);
    return e;
  }

  // ---- sizes and indices -----------------------------------------------------------------------------------

  private size(n: TexNode): Size {
    return this.sizeOf(items(n), n.at ?? firstPos([n]));
  }

  /** An integer size or index: `H+1`, `d_{k-1}`, `2k`, `d_1 d_0`, `\min(p, d_1)`. */
  sizeOf(list: readonly TexNode[], at: Pos): Size {
    if (list.length === 0) return this.fail('empty size expression', at);
    const c = this.cursor(list, at);
    let total: Size | undefined;
    while (!c.done) {
      let sign = 1;
      while (isAtom(c.peek(), 'bin', '-') || isAtom(c.peek(), 'bin', '+')) if ((c.next() as { text: string }).text === '-') sign = -sign;
      // a term: factors side by side or with \cdot, up to the next + or −
      let t = this.sizeFactor(c);
      while (!c.done && !isAtom(c.peek(), 'bin', '+') && !isAtom(c.peek(), 'bin', '-')) {
        if (isAtom(c.peek(), 'bin', '\\cdot')) c.next();
        t = t.mul(this.sizeFactor(c));
      }
      const signed = sign < 0 ? t.neg() : t;
      total = total ? total.add(signed) : signed;
    }
    return total!;
  }

  private sizeFactor(c: Cursor): Size {
    const n = c.next();
    if (!n) return this.fail('expected a size', c.at);
    const s = split(n);
    const at = s.at ?? firstPos([n]);
    const bad = (): never =>
      this.fail(`expected a size or index (integers, size names, d_{k}, +, −, products, \\min), found ${describe(n)}`, at);
    if (s.sup) return bad();
    const base = s.base;
    if (isDigit(base) && !s.sub) {
      let text = (base as { text: string }).text;
      while (isDigit(c.peek())) text += (c.next() as { text: string }).text;
      return Size.int(Number(text));
    }
    const name = nameOf(base);
    if (name !== undefined) {
      if (!s.sub) return Size.var(name);
      const digits = scriptText(s.sub);
      if (digits !== undefined && /^[0-9]+$/.test(digits) && this.scope.sizes.has(name + digits) && name !== WIDTHS) return Size.var(name + digits);
      return Size.dim(name, this.sizeOf(items(s.sub), s.sub.at ?? at));
    }
    if (base.kind === 'group' && !s.sub) return this.sizeOf(base.body, at);
    if (base.kind === 'delimited' && base.left === '(' && !s.sub) return this.sizeOf(base.body, at);
    if (isAtom(base, 'open', '(') && !s.sub) {
      const { inner, closer } = this.closing(c, [')'], at, false);
      if (closer.sub || closer.sup) return bad();
      return this.sizeOf(inner, at);
    }
    if (base.kind === 'operator' && base.name === '\\min' && !s.sub) {
      const e = this.call(F.FUNCTIONS['\\min']!, '\\min', s, c);
      if (e.sup || e.expr.kind !== 'size') return bad();
      return e.expr.value;
    }
    return bad();
  }
}

/** Splits a list at commas outside parentheses: `a, \\min(b, c)` has two parts. */
function splitCommas(list: readonly TexNode[]): TexNode[][] {
  const parts: TexNode[][] = [[]];
  let depth = 0;
  for (const n of list) {
    const base = split(n).base;
    if (base.kind === 'atom' && base.family === 'open') depth++;
    if (base.kind === 'atom' && base.family === 'close') depth--;
    if (depth === 0 && isAtom(n, 'punct', ',')) parts.push([]);
    else parts[parts.length - 1]!.push(n);
  }
  return parts;
}

const isPartial = (n: TexNode | undefined): boolean => n !== undefined && isChar(split(n).base, '\\partial');

const isVariable = (e: Expr): e is Variable => e.kind === 'sym' || e.kind === 'member';
