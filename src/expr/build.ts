import { Rational } from '../linalg/rational.js';
import type * as A from './ast.js';
import { Size } from './size.js';

/**
 * Constructors for IR nodes, used by the parser and by code that derives expressions (src/calculus).
 * They only flatten nested sums and products and fold constant signs, so `parse(toSource(e))` equals `e`.
 */

/** A size from an integer, a variable name, or a size. */
export type SizeLike = Size | number | string;
export const size = (x: SizeLike): Size => (typeof x === 'number' ? Size.int(x) : typeof x === 'string' ? Size.var(x) : x);

export const num = (v: Rational | number): A.Num => ({ kind: 'num', value: typeof v === 'number' ? Rational.fromInt(v) : v });
export const sym = (name: string): A.Sym => ({ kind: 'sym', name });
export const sizeValue = (value: SizeLike): A.SizeValue => ({ kind: 'size', value: size(value) });
export const member = (family: string, ...indices: SizeLike[]): A.Member => ({ kind: 'member', family, indices: indices.map(size) });
export const prod = (family: string, from: SizeLike, to: SizeLike): A.Prod => ({ kind: 'prod', family, from: size(from), to: size(to) });

export function add(...terms: A.Expr[]): A.Expr {
  const flat = terms.flatMap((t) => (t.kind === 'add' ? t.terms : [t]));
  if (flat.length === 0) throw new RangeError('empty sum');
  return flat.length === 1 ? flat[0]! : { kind: 'add', terms: flat };
}

export function neg(arg: A.Expr): A.Expr {
  if (arg.kind === 'num') return num(arg.value.neg());
  return { kind: 'neg', arg };
}

export const sub = (a: A.Expr, b: A.Expr): A.Expr => add(a, neg(b));

export function mul(...factors: A.Expr[]): A.Expr {
  const flat = factors.flatMap((f) => (f.kind === 'mul' ? f.factors : [f]));
  if (flat.length === 0) return num(1);
  return flat.length === 1 ? flat[0]! : { kind: 'mul', factors: flat };
}

export function div(numerator: A.Expr, den: A.Expr): A.Expr {
  if (numerator.kind === 'num' && den.kind === 'num' && !den.value.isZero()) return num(numerator.value.div(den.value));
  return { kind: 'div', num: numerator, den };
}

export const transpose = (arg: A.Expr): A.Transpose => ({ kind: 'transpose', arg });
export const kron = (left: A.Expr, right: A.Expr): A.Kron => ({ kind: 'kron', left, right });
export const vec = (arg: A.Expr): A.Vec => ({ kind: 'vec', arg });
export const inv = (arg: A.Expr): A.Inv => ({ kind: 'inv', arg });
export const pinv = (arg: A.Expr): A.Pinv => ({ kind: 'pinv', arg });
export const trace = (arg: A.Expr): A.Trace => ({ kind: 'trace', arg });
export const fro2 = (arg: A.Expr): A.Fro2 => ({ kind: 'fro2', arg });
export const inner = (left: A.Expr, right: A.Expr): A.Inner => ({ kind: 'inner', left, right });
export const identity = (n: SizeLike): A.Identity => ({ kind: 'identity', n: size(n) });
export const zeros = (rows: SizeLike, cols: SizeLike): A.Zeros => ({ kind: 'zeros', rows: size(rows), cols: size(cols) });
export const commutation = (m: SizeLike, n: SizeLike): A.Commutation => ({ kind: 'commutation', m: size(m), n: size(n) });
export const entry = (arg: A.Expr, row: SizeLike, col: SizeLike): A.Entry => ({ kind: 'entry', arg, row: size(row), col: size(col) });
export const grad = (f: A.Expr, wrt: A.Variable): A.Grad => ({ kind: 'grad', f, wrt });
export const hess = (f: A.Expr, wrt1: A.Variable, wrt2: A.Variable): A.Hess => ({ kind: 'hess', f, wrt1, wrt2 });
export const diff = (arg: A.Expr, wrt: A.Variable | null = null): A.Diff => ({ kind: 'diff', arg, wrt });
export const sum = (index: string, from: SizeLike, to: SizeLike, body: A.Expr): A.Sum => ({ kind: 'sum', index, from: size(from), to: size(to), body });
export const iszero = (arg: A.Expr): A.IsZero => ({ kind: 'iszero', arg });
export const psd = (arg: A.Expr): A.Psd => ({ kind: 'psd', arg });
export const rank = (arg: A.Expr): A.Rank => ({ kind: 'rank', arg });
export const range = (arg: A.Expr): A.Range => ({ kind: 'range', arg });
export const subset = (left: A.Expr, right: A.Expr): A.Subset => ({ kind: 'subset', left, right });
export const compare = (op: A.CompareOp, left: A.Expr, right: A.Expr): A.Compare => ({ kind: 'compare', op, left, right });
export const and = (left: A.Expr, right: A.Expr): A.Logic => ({ kind: 'logic', op: 'and', left, right });
export const or = (left: A.Expr, right: A.Expr): A.Logic => ({ kind: 'logic', op: 'or', left, right });
export const not = (arg: A.Expr): A.Not => ({ kind: 'not', arg });

export const pow = (base: A.Expr, exponent: SizeLike): A.Pow => ({ kind: 'pow', base, exponent: size(exponent) });
export const det = (arg: A.Expr): A.Det => ({ kind: 'det', arg });
export const adj = (arg: A.Expr): A.Adj => ({ kind: 'adj', arg });
export const hadamard = (left: A.Expr, right: A.Expr): A.Hadamard => ({ kind: 'hadamard', left, right });
export const ones = (rows: SizeLike, cols: SizeLike): A.Ones => ({ kind: 'ones', rows: size(rows), cols: size(cols) });
export const unit = (n: SizeLike, index: SizeLike): A.Unit => ({ kind: 'unit', n: size(n), index: size(index) });
export const diag = (arg: A.Expr): A.Diag => ({ kind: 'diag', arg });
export const diagvec = (arg: A.Expr): A.DiagVec => ({ kind: 'diagvec', arg });
export const log = (arg: A.Expr): A.Log => ({ kind: 'log', arg });
export const exp = (arg: A.Expr): A.Exp => ({ kind: 'exp', arg });
export const abs = (arg: A.Expr): A.Abs => ({ kind: 'abs', arg });
export const sqrt = (arg: A.Expr): A.Sqrt => ({ kind: 'sqrt', arg });
export const norm = (arg: A.Expr): A.Norm => ({ kind: 'norm', arg });
export const elementwise = (fn: A.ScalarFunction, arg: A.Expr): A.Elementwise => ({ kind: 'elementwise', fn, arg });

export const jacobian = (f: A.Expr, wrt: A.Variable): A.Jacobian => ({ kind: 'jacobian', f, wrt });

export const equation = (...sides: A.Expr[]): A.Claim & { kind: 'equation' } => ({ kind: 'equation', sides });
export const definition = (name: string, body: A.Expr, params: readonly string[] = []): A.Definition => ({ name, params, body });
export const definitions = (...defs: A.Definition[]): A.Definitions => new Map(defs.map((d) => [d.name, d]));
