import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import type { Claim, Definition, Definitions, Expr, Variable } from './ast.js';
import * as b from './build.js';
import { constant, literal } from './nodes/number.js';
import { relationalChain } from './nodes/logic.js';
import { functionRules, operatorRules } from './registry.js';
import { type ShapeContext, declareFamily, declareSizes, declareSymbol, emptyContext, matrixShape, withDefinitions } from './shape.js';
import { Size, sized } from './size.js';
import type { Converter, MathjsNode } from './spec.js';

/**
 * User text → IR through mathjs `parse` only (never evaluated). The mathjs AST is converted node by node with
 * the parse rules each node kind registers; anything else is an InputError naming the construct.
 */

type MathjsParse = (text: string) => MathjsNode;
interface MathjsBundle {
  create(factories: unknown): { config(c: object): void; parse: MathjsParse };
  all: unknown;
}
let mathjs: MathjsParse | undefined;

/**
 * mathjs's single-file bundle (a published entry point of the package) loads in ~50 ms, where the ESM entry
 * evaluates hundreds of modules (~600 ms). Only its `parse` is used, and only when text is parsed. The instance
 * reads number literals as BigNumbers, which keep every digit the user typed (`0.30000000000000001`, `1e-400`):
 * `constant` turns them into exact rationals.
 */
function mathjsParse(): MathjsParse {
  if (!mathjs) {
    const bundle = createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathjsBundle;
    const instance = bundle.create(bundle.all);
    instance.config({ number: 'BigNumber' });
    mathjs = instance.parse;
  }
  return mathjs;
}

const PREDICATES = new Set(['compare', 'logic', 'not', 'iszero', 'psd', 'subset']);

/**
 * Limits on one expression, checked before it is converted: every walk over the IR (shapes, printing,
 * evaluation, derivatives) recurses once per level, so the nesting depth is bounded here instead of in each walk.
 * A sum or product of many terms is one level (the IR keeps `a + b + c` as one node), so only genuine nesting
 * (brackets, function calls, `not`, unary minus, chains of `/`, `and`, `or`) counts.
 */
export const EXPRESSION_LIMITS = {
  /** Characters of one expression, equation chain or size. */
  maxChars: 10_000,
  /** Levels of nesting. */
  maxNesting: 100,
};

/** Names of matrices, sizes, indices and ranges: what every printer (LaTeX, Unicode, source) can spell. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
export const IDENTIFIER_RULE = 'a letter, then letters, digits or _ (ASCII only)';
export const isIdentifier = (name: string): boolean => IDENTIFIER.test(name);

/** User text quoted in a message: at most `max` characters, the rest elided (a message stays one short line). */
export function excerpt(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 12)}…${t.slice(-10)}`;
}

function checkLength(text: string, where: string): void {
  if (text.length > EXPRESSION_LIMITS.maxChars)
    throw new InputError(where, `the expression has ${text.length} characters, more than the limit of ${EXPRESSION_LIMITS.maxChars}`);
}

function tooDeep(where: string): InputError {
  return new InputError(where, `the expression is nested more than ${EXPRESSION_LIMITS.maxNesting} levels deep (brackets, calls, not, unary minus, chains of / and/or)`);
}

/**
 * The nesting depth of a mathjs tree, counted iteratively: the left operand of `+ −` under `+ −`, and of `*` under
 * `*`, is the same level (the IR flattens those chains).
 */
function nestingDepth(root: MathjsNode): number {
  const family = (n: MathjsNode) =>
    n.type !== 'OperatorNode' || n.args?.length !== 2 ? undefined : n.fn === 'add' || n.fn === 'subtract' ? 'add' : n.fn === 'multiply' && !n.implicit ? 'mul' : undefined;
  let max = 0;
  const stack: [MathjsNode, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > EXPRESSION_LIMITS.maxNesting) return max;
    const f = family(n);
    n.forEach((child) => stack.push([child, f !== undefined && child === n.args![0] && family(child) === f ? depth : depth + 1]));
  }
  return max;
}

/** `(char N)` in 1-based columns of the whole claim. */
function at(offset: number): string {
  return ` (at char ${offset + 1})`;
}

/** Unbalanced brackets, reported at the offending character before mathjs sees the text. */
function checkBalance(text: string, where: string, offset: number): void {
  const open: { c: string; i: number }[] = [];
  const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if (c === '(' || c === '[' || c === '{') {
      open.push({ c, i });
      if (open.length > EXPRESSION_LIMITS.maxNesting) throw tooDeep(where);
    } else if (c in pairs) {
      const top = open.pop();
      if (!top) throw new InputError(where, `unbalanced parentheses: "${c}" has no matching "${pairs[c]}"${at(offset + i)}`);
      if (top.c !== pairs[c]) throw new InputError(where, `unbalanced parentheses: "${top.c}"${at(offset + top.i)} is closed by "${c}"${at(offset + i)}`);
    }
  }
  const top = open.pop();
  if (top) throw new InputError(where, `unbalanced parentheses: "${top.c}"${at(offset + top.i)} is never closed`);
}

class Convert implements Converter {
  /** Operands already converted: a long left-deep chain (`a + b + …`, `a/b/…`) is converted from the bottom up. */
  private readonly done = new Map<MathjsNode, Expr>();

  constructor(
    private readonly text: string,
    private readonly where: string,
    private readonly offset: number,
  ) {}

  /** mathjs also reads `$x`, `_x`, accented and other Unicode letters as names; dln's printers need ASCII ones. */
  identifier(name: string): string {
    if (!isIdentifier(name)) this.fail(`"${excerpt(name, 30)}" is not a name dln accepts: ${IDENTIFIER_RULE}`, name);
    return name;
  }

  /** The node's text as mathjs prints it ('' if too long to print). */
  source(n: MathjsNode): string {
    try {
      return n.toString();
    } catch {
      return '';
    }
  }

  quote(n: MathjsNode): string {
    return excerpt(this.source(n)) || '…';
  }

  fail(message: string, near?: string): never {
    const i = near === undefined ? -1 : this.text.indexOf(near);
    throw new InputError(this.where, message + (i >= 0 ? at(this.offset + i) : ''));
  }

  expr(n: MathjsNode): Expr {
    const hit = this.done.get(n);
    if (hit) return hit;
    // Convert the left operands first, deepest first, so that each rule finds its left operand already done and
    // the recursion stays as deep as the nesting (bounded), not as long as the chain.
    const spine: MathjsNode[] = [];
    for (let c = n; c.type === 'OperatorNode' && c.args?.length === 2; c = c.args[0]!) spine.push(c);
    for (let i = spine.length - 1; i >= 1; i--) this.done.set(spine[i]!, this.convert(spine[i]!));
    return this.convert(n);
  }

  private convert(n: MathjsNode): Expr {
    switch (n.type) {
      case 'ConstantNode':
        return constant(n.value, (m) => this.fail(m));
      case 'SymbolNode':
        return b.sym(this.identifier(n.name!));
      case 'ParenthesisNode':
        return this.expr(n.content!);
      case 'OperatorNode': {
        const rule = operatorRules.get(n.fn as string);
        if (!rule) return this.fail(`operator ${n.op} is not supported (in "${this.quote(n)}")`, n.op);
        return rule(n.args!, this, n);
      }
      case 'RelationalNode':
        return relationalChain(n.conditionals!, n.params!, this);
      case 'FunctionNode':
        return this.call(n);
      case 'AccessorNode':
        return this.accessor(n);
      case 'AssignmentNode':
        return this.fail(`"${this.quote(n)}" is an assignment; equations are written lhs = rhs at the top level of a claim`);
      default:
        return this.fail(`${n.type.replace(/Node$/, '').toLowerCase()} syntax is not part of the expression language: "${this.quote(n)}"`);
    }
  }

  private call(n: MathjsNode): Expr {
    const fn = n.fn as MathjsNode;
    if (fn.type !== 'SymbolNode') return this.fail(`"${this.quote(n)}" calls something that is not a function name`);
    const rule = functionRules.get(fn.name!);
    if (!rule) {
      const known = [...functionRules.keys()].sort().join(', ');
      return this.fail(`unknown function ${fn.name} (known: ${known})`, `${fn.name}(`);
    }
    const arities = typeof rule.arity === 'number' ? [rule.arity] : rule.arity;
    const args = n.args!;
    if (!arities.includes(args.length))
      this.fail(`${fn.name} takes ${arities.join(' or ')} argument${arities.at(-1) === 1 ? '' : 's'}, got ${args.length}: write ${rule.usage}`, `${fn.name}(`);
    return rule.build(args, this);
  }

  private indices(n: MathjsNode): readonly MathjsNode[] {
    const index = n.index!;
    if (index.dotNotation) this.fail(`property access "${this.quote(n)}" is not supported`);
    return index.dimensions!;
  }

  private accessor(n: MathjsNode): Expr {
    const dims = this.indices(n);
    const object = n.object!;
    if (object.type === 'SymbolNode') return b.member(this.identifier(object.name!), ...dims.map((d) => this.size(d)));
    if (dims.length !== 2) return this.fail(`"${this.quote(n)}": an entry needs a row and a column, (A)[i, j]`);
    return b.entry(this.expr(object), this.size(dims[0]!), this.size(dims[1]!));
  }

  size(n: MathjsNode): Size {
    const bad = (): never =>
      this.fail(`expected a size or index expression (integers, size names, d[k], + - *, min), got "${this.quote(n)}"`, this.source(n));
    switch (n.type) {
      case 'ConstantNode': {
        const v = literal(n.value);
        if (v === undefined || !v.isInteger() || !Number.isSafeInteger(Number(v.num))) return bad();
        return Size.int(Number(v.num));
      }
      case 'SymbolNode':
        return Size.var(this.identifier(n.name!));
      case 'ParenthesisNode':
        return this.size(n.content!);
      case 'AccessorNode': {
        const dims = this.indices(n);
        if (n.object!.type !== 'SymbolNode' || dims.length !== 1) return bad();
        return Size.dim(this.identifier(n.object!.name!), this.size(dims[0]!));
      }
      case 'OperatorNode': {
        const [x, y] = n.args!;
        switch (n.fn) {
          case 'add':
            return this.size(x!).add(this.size(y!));
          case 'subtract':
            return this.size(x!).sub(this.size(y!));
          case 'unaryMinus':
            return this.size(x!).neg();
          case 'unaryPlus':
            return this.size(x!);
          case 'multiply':
            if (n.implicit) return this.fail(`implicit multiplication in "${this.quote(n)}": write * between factors`, this.source(n));
            return this.size(x!).mul(this.size(y!));
          default:
            return bad();
        }
      }
      case 'FunctionNode': {
        const fn = n.fn as MathjsNode;
        if (fn.type !== 'SymbolNode' || fn.name !== 'min' || n.args!.length === 0) return bad();
        return Size.min(...n.args!.map((a) => this.size(a)));
      }
      default:
        return bad();
    }
  }

  variable(n: MathjsNode): Variable {
    const e = this.expr(n);
    if (e.kind !== 'sym' && e.kind !== 'member') return this.fail(`expected a matrix or a family member such as W[k], got "${this.quote(n)}"`, this.source(n));
    return e;
  }

  name(n: MathjsNode, role: string): string {
    if (n.type !== 'SymbolNode') return this.fail(`${role} must be a name, got "${this.quote(n)}"`, this.source(n));
    return this.identifier(n.name!);
  }
}

/** mathjs's parse, its stack overflow on deeply nested text (`not not … a`) reported as the nesting limit. */
function parseTree(text: string, where: string, offset: number): MathjsNode {
  let node: MathjsNode;
  try {
    node = mathjsParse()(text);
  } catch (e) {
    if (e instanceof RangeError) throw tooDeep(where);
    const char = (e as { char?: number }).char;
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\(char \d+\)$/, '');
    throw new InputError(where, message + (typeof char === 'number' ? at(offset + Math.max(0, char - 1)) : ''));
  }
  if (nestingDepth(node) > EXPRESSION_LIMITS.maxNesting) throw tooDeep(where);
  return node;
}

function parseAt(text: string, where: string, offset: number): Expr {
  if (text.trim() === '') throw new InputError(where, `empty expression${at(offset)}`);
  checkBalance(text, where, offset);
  const node = parseTree(text, where, offset);
  if (node.type === 'BlockNode') throw new InputError(where, 'one expression per claim (found ";" or a line break)');
  return sized(where, () => new Convert(text, where, offset).expr(node));
}

/** Parses one expression. `where` (file and key) prefixes every error message. */
export function parseExpr(text: string, where: string): Expr {
  checkLength(text, where);
  return parseAt(text, where, 0);
}

/** Splits at top-level `=` (not `==`, `<=`, `>=`, `!=`), keeping each side's offset for error positions. */
function splitEquals(text: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (quoted) continue;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '=' && depth === 0 && !'=<>!'.includes(text[i - 1] ?? '') && text[i + 1] !== '=') {
      parts.push({ text: text.slice(start, i), offset: start });
      start = i + 1;
    }
  }
  parts.push({ text: text.slice(start), offset: start });
  return parts;
}

/** A derivation step's claim: an equation chain `a = b = c`, or a predicate (comparison, iszero, psd, subset, and/or/not). */
export function parseClaim(text: string, where: string): Claim {
  checkLength(text, where);
  checkBalance(text, where, 0);
  const parts = splitEquals(text);
  if (parts.length > 1) {
    parts.forEach((p, i) => {
      if (p.text.trim() === '') throw new InputError(where, `side ${i + 1} of the equation is empty${at(p.offset)}`);
    });
    return { kind: 'equation', sides: parts.map((p) => parseAt(p.text, where, p.offset)) };
  }
  const e = parseAt(text, where, 0);
  if (!PREDICATES.has(e.kind))
    throw new InputError(where, `expected an equation "lhs = rhs" or a predicate (iszero, psd, rank(A) >= rank(B), subset(range(A), range(B)), and/or/not), got the expression "${excerpt(text)}"`);
  return { kind: 'predicate', expr: e };
}

/** Like parseClaim, but only an equation (chain) is accepted. */
export function parseEquation(text: string, where: string): Claim & { kind: 'equation' } {
  const c = parseClaim(text, where);
  if (c.kind !== 'equation') throw new InputError(where, `expected an equation "lhs = rhs", got "${excerpt(text)}"`);
  return c;
}

/** A size or index expression: `"d[k-1]"`, `"H+1"`, `3`, `"min(d[1], d[2])"`. */
export function parseSize(text: string | number, where: string): Size {
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text)) throw new InputError(where, `expected an integer size, got ${text}`);
    return Size.int(text);
  }
  if (text.trim() === '') throw new InputError(where, 'empty size expression');
  checkLength(text, where);
  checkBalance(text, where, 0);
  const node = parseTree(text, where, 0);
  return sized(where, () => new Convert(text, where, 0).size(node));
}

/** The `given:` block of a derivation, as far as the IR is concerned. */
export interface Given {
  /** `X: [d0, m]`, `"W[k]": ["d[k]", "d[k-1]"]`; a scalar is `[]`. */
  readonly shapes: Readonly<Record<string, readonly (string | number)[]>>;
  /** Integer variables (range names such as H, k, j); sizes used in `shapes` are added automatically. */
  readonly sizes?: readonly string[];
  /** `E: "prod(W, H+1, 1)*X - Y"`, `"A[k]": "prod(W, H+1, k+1)"`, in order. */
  readonly define?: Readonly<Record<string, string>>;
}

/** Parses a `NAME` or `NAME[i, j]` key into the name and its index variables. */
function declaredName(key: string, where: string): { name: string; params: string[] } {
  const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*(?:\[\s*([A-Za-z][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z][A-Za-z0-9_]*)*)\s*\])?\s*$/.exec(key);
  if (!m) throw new InputError(where, `"${excerpt(key, 30)}" is not a name or a family such as W[k] (a name is ${IDENTIFIER_RULE})`);
  return { name: m[1]!, params: m[2] ? m[2].split(',').map((s) => s.trim()) : [] };
}

/** Builds the shape context and definitions of a derivation's `given:` block. */
export function parseGiven(given: Given, where: string): { context: ShapeContext; definitions: Definitions } {
  let ctx = declareSizes(emptyContext, given.sizes ?? []);
  for (const [key, dims] of Object.entries(given.shapes)) {
    const at = `${where}: shapes.${key}`;
    const { name, params } = declaredName(key, at);
    if (!Array.isArray(dims) || (dims.length !== 0 && dims.length !== 2))
      throw new InputError(at, 'expected [rows, cols] for a matrix or [] for a scalar');
    const shape = dims.length === 0 ? ({ kind: 'scalar' } as const) : matrixShape(parseSize(dims[0]!, at), parseSize(dims[1]!, at));
    if (params.length > 1) throw new InputError(at, 'declared families take one index, e.g. W[k]');
    ctx = params.length === 0 ? declareSymbol(ctx, name, shape) : declareFamily(ctx, name, params, shape);
  }
  const defs = new Map<string, Definition>();
  for (const [key, text] of Object.entries(given.define ?? {})) {
    const at = `${where}: define.${key}`;
    const { name, params } = declaredName(key, at);
    if (ctx.symbols.has(name) || ctx.families.has(name) || defs.has(name)) throw new InputError(at, `${name} is already declared`);
    if (typeof text !== 'string') throw new InputError(at, 'expected an expression in mathjs syntax');
    defs.set(name, { name, params, body: parseExpr(text, at) });
    ctx = withDefinitions(ctx, new Map([[name, defs.get(name)!]]), where);
  }
  return { context: ctx, definitions: defs };
}
