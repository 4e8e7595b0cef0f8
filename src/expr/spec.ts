import type { Field } from '../linalg/field.js';
import type { Matrix } from '../linalg/matrix.js';
import type { Expr, Kind, NodeOf, Shape, Variable } from './ast.js';
import type { Style } from './names.js';
import type { Size } from './size.js';
import type { Tensor } from './legs.js';

/**
 * The contract each node kind fulfils (KaTeX-style: one definition per kind holds all of its behaviour).
 * The dispatchers (shape.ts, print.ts, evaluate.ts, parse.ts) supply the services below.
 */
export interface NodeSpec<K extends Kind> {
  readonly kind: K;
  children(node: NodeOf<K>): readonly Expr[];
  /** Rebuilds the node with children and sizes mapped (used for substitution and rewriting). */
  map(node: NodeOf<K>, f: (e: Expr) => Expr, g: (s: Size) => Size): Expr;
  shape(node: NodeOf<K>, c: ShapeChecker): Shape;
  latex(node: NodeOf<K>, p: Printer): Printed;
  text(node: NodeOf<K>, p: Printer): Printed;
  /** mathjs syntax that parses back to the same node. */
  source(node: NodeOf<K>, p: Printer): Printed;
  evaluate<T>(node: NodeOf<K>, ev: Evaluator<T>): Value<T>;
  /**
   * The node's index structure in the all-sizes argument (tensor.ts, docs/verdicts.md). Absent for nodes with no
   * place in it (inverses, ranks, predicates, single entries): a claim using them is checked on the sizes tried.
   */
  tensor?(node: NodeOf<K>, t: TensorChecker): Tensor;
}

/** What a node's `tensor` rule may ask (tensor.ts implements it for one instance of H and the index values). */
export interface TensorChecker {
  tensor(e: Expr): Tensor;
  /** s with H and this instance's index values substituted; the sizes themselves stay symbolic. */
  size(s: Size): Size;
  /** The integer s stands for on this instance, or `outside` when it depends on a size. */
  integer(s: Size, role: string): number;
  symbol(name: string): Tensor;
  member(family: string, indices: readonly Size[]): Tensor;
  /** The declared rows and columns of a family member (it need not exist: prod's identity); not yet `size`d. */
  memberDims(family: string, index: number): { readonly rows: Size; readonly cols: Size };
  /** A size used as a number: a scalar whose coefficients have its degree in each size atom. */
  sizeScalar(s: Size): Tensor;
  within<R>(index: string, value: number, f: () => R): R;
  /** The node has no place in the argument (the reason names it). */
  outside(reason: string): never;
}

/** Binding strength for minimal parentheses; a child printed below the required level is parenthesised. */
export const Prec = {
  OR: 1,
  AND: 2,
  COMPARE: 4,
  NOT: 5,
  ADD: 10,
  SUM: 11,
  NEG: 12,
  KRON: 14,
  /** A ∘ B: products bind tighter, ⊗ looser */
  HADAMARD: 16,
  /** text-style quotients `a/b`: parenthesised as factors so `(a/b) C` is not misread */
  DIV: 19,
  MUL: 20,
  PREFIX: 25,
  POSTFIX: 30,
  ATOM: 40,
} as const;

export interface Printed {
  readonly s: string;
  readonly prec: number;
  /** Ends in a superscript (Aᵀ, A⁻¹, ‖E‖²): another superscript needs parentheses first. */
  readonly sup?: boolean;
}

export interface Printer {
  readonly style: Style;
  print(e: Expr): Printed;
  /** The child's string, parenthesised when its precedence is below `min` (or it ends in a superscript and `noSup`). */
  wrap(e: Expr, min: number, noSup?: boolean): string;
  paren(s: string): string;
  size(s: Size): string;
  /** `W_{k+1}`, `W₃`, `Q_{jk}` in this style. */
  subscripted(name: string, indices: readonly Size[]): string;
}

export interface MatrixShape {
  readonly rows: Size;
  readonly cols: Size;
}

export interface ShapeChecker {
  shape(e: Expr): Shape;
  /** `role` names the operand in errors, e.g. "the argument of trace". */
  matrix(e: Expr, role: string): MatrixShape;
  /** A scalar, or a matrix known to be 1×1 (e.g. vec(r)ᵀvec(r)). */
  scalarLike(e: Expr, role: string): void;
  bool(e: Expr, role: string): void;
  /** Whether `name` is an integer size or index here (a declared size, a range variable, a bound Σ index). */
  isSize(name: string): boolean;
  /** Requires a = b: a proven difference is an error, an undecided one is deferred to instantiation. */
  same(a: Size, b: Size, message: () => string): void;
  /** The shape of a differentiation variable (a declared matrix or family member, never a defined name). */
  variable(v: Variable, role: string): MatrixShape;
  member(family: string, indices: readonly Size[]): Shape;
  symbol(name: string): Shape;
  /** Shape of a `prod` over a declared family. */
  family(name: string): { readonly param: string; readonly shape: MatrixShape };
  /** Runs f with `index` bound as an integer variable (Σ). */
  within<R>(index: string, f: () => R): R;
  fail(message: string): never;
  /** Source form of an operand for messages: `W[k]*X`. */
  src(e: Expr): string;
  /** `d[k]×d[k−1]`, `scalar`. */
  describe(shape: Shape): string;
}

export type Value<T> =
  | { readonly kind: 'scalar'; readonly value: T }
  | { readonly kind: 'matrix'; readonly value: Matrix<T> }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** The column space of `spanning`. */
  | { readonly kind: 'space'; readonly spanning: Matrix<T> };

/** A concrete variable: a matrix symbol or the member `family[index]` (1-based). */
export type VariableRef = { readonly kind: 'symbol'; readonly name: string } | { readonly kind: 'family'; readonly family: string; readonly index: number };

/** Moves `target` to `target + ε·direction`. */
export interface Perturbation<T> {
  readonly target: VariableRef;
  readonly direction: Matrix<T>;
}

export interface Evaluator<T> {
  readonly F: Field<T>;
  value(e: Expr): Value<T>;
  matrix(e: Expr, role: string): Matrix<T>;
  /** A scalar, or the entry of a 1×1 matrix. */
  scalar(e: Expr, role: string): T;
  bool(e: Expr, role: string): boolean;
  size(s: Size): number;
  symbol(name: string): Value<T>;
  member(family: string, indices: readonly number[]): Value<T>;
  /** The declared family's concrete member, or undefined when out of range (prod's identity convention uses it). */
  familyMember(family: string, index: number): Matrix<T> | undefined;
  variable(v: Variable): { readonly ref: VariableRef; readonly value: Matrix<T> };
  /** The perturbations a differential uses: the instance's directions for `wrt`, or for every variable when null. */
  directions(wrt: Variable | null): Perturbation<T>[];
  /** Exact mixed derivative ∂ⁿ/∂ε₁⋯∂εₙ of e at ε = 0, level i moving its targets along ε_i (nested dual numbers). */
  derivative(e: Expr, levels: readonly (readonly Perturbation<T>[])[]): Value<T>;
  /** ∂f/∂v for a scalar f: the matrix of v's shape (one jet evaluation, exact). */
  gradient(f: Expr, v: Variable): Matrix<T>;
  /** ∂²f/∂vec(v1ᵀ)∂vec(v2ᵀ)ᵀ in row-major coordinates (one jet evaluation, exact). */
  hessianBlock(f: Expr, v1: Variable, v2: Variable): Matrix<T>;
  within(index: string, value: number): Evaluator<T>;
  /** The same instance with a declared family's members replaced (what `expect` enumerates); defined names re-evaluated. */
  withFamily(family: string, members: readonly Matrix<T>[]): Evaluator<T>;
  /** The zero of e's shape on this instance (from symbolic shape inference). */
  zeroLike(e: Expr): Value<T>;
  /** compute(), cached in the instance's memo (if any) under e and the values of the sizes e uses. */
  memoized(e: Expr, compute: () => Value<T>): Value<T>;
  /** A property of A at the point (real parts when differentiating), computed over the innermost field. */
  atPoint<R>(A: Matrix<T>, f: <U>(F: Field<U>, A: Matrix<U>) => R): R;
  /** A non-differentiable matrix function of A (pinv): A must not vary with the differentiation variable. */
  constantMap(A: Matrix<T>, what: string, f: <U>(F: Field<U>, A: Matrix<U>) => Matrix<U>): Matrix<T>;
  fail(message: string): never;
}

/** The subset of a mathjs AST node the converter reads (structural, so the mathjs bundle stays a lazy import). */
export interface MathjsNode {
  readonly type: string;
  readonly name?: string;
  readonly op?: string;
  readonly fn?: MathjsNode | string;
  readonly args?: readonly MathjsNode[];
  readonly implicit?: boolean;
  readonly value?: unknown;
  readonly object?: MathjsNode;
  readonly index?: MathjsNode;
  readonly dimensions?: readonly MathjsNode[];
  readonly dotNotation?: boolean;
  readonly content?: MathjsNode;
  readonly conditionals?: readonly string[];
  readonly params?: readonly MathjsNode[];
  toString(): string;
  /** Calls f on each direct child. */
  forEach(f: (child: MathjsNode) => void): void;
}

/** What a parse rule may ask of the converter. */
export interface Converter {
  expr(n: MathjsNode): Expr;
  size(n: MathjsNode): Size;
  variable(n: MathjsNode): Variable;
  /** A bare identifier (family name, Σ index). */
  name(n: MathjsNode, role: string): string;
  /** The node as mathjs prints it, for locating it in the text ('' when too long to print). */
  source(n: MathjsNode): string;
  /** The node's text shortened for a message. */
  quote(n: MathjsNode): string;
  fail(message: string, near?: string): never;
}

export interface FunctionRule {
  /** The accepted argument counts. */
  readonly arity: number | readonly number[];
  /** Shown in arity errors: `prod(W, a, b)`. */
  readonly usage: string;
  build(args: readonly MathjsNode[], cv: Converter): Expr;
}

/** Parse rules a node file contributes: function names and mathjs operator functions (`add`, `ctranspose`, …). */
export interface ParseRules {
  readonly functions?: Readonly<Record<string, FunctionRule>>;
  readonly operators?: Readonly<Record<string, (args: readonly MathjsNode[], cv: Converter, node: MathjsNode) => Expr>>;
}
