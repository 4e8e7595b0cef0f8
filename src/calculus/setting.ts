import {
  type Definitions, type Expr, type ShapeContext, Size, build as b, declareFamily, declareSizes, declareSymbol, emptyContext, matrixShape,
  parseExpr, withDefinitions,
} from '../expr/index.js';

/**
 * The deep linear network in the IR: shapes (X: d₀×m, Y: d_{H+1}×m, W_k: d_k×d_{k−1}), the loss and the paper's
 * shorthands A_k = W_{H+1}⋯W_{k+1}, Z_k = W_{k−1}⋯W_1 X, Q_{jk} = W_{k−1}⋯W_{j+1}, r = Eᵀ (docs/mathematics.md §1).
 */

/** Parses a fixed expression of this module (never user text). */
export const x = (text: string): Expr => parseExpr(text, 'calculus');

export const H = Size.var('H');
export const k = Size.var('k');
export const j = Size.var('j');

/** Definitions in dependency order. */
export const definitions: Definitions = b.definitions(
  b.definition('E', x('prod(W, H+1, 1)*X - Y')),
  b.definition('L', x('fro2(E)/2')),
  b.definition('r', x("E'")),
  b.definition('A', x('prod(W, H+1, k+1)'), ['k']),
  b.definition('Z', x('prod(W, k-1, 1)*X'), ['k']),
  b.definition('Q', x('prod(W, k-1, j+1)'), ['j', 'k']),
);

function declarations(): ShapeContext {
  let ctx = declareSizes(emptyContext, ['H', 'k', 'j', 'm', 'd', 'a', 'b', 'c', 'e']);
  ctx = declareSymbol(ctx, 'X', matrixShape(Size.var('d0'), Size.var('m')));
  ctx = declareSymbol(ctx, 'Y', matrixShape(Size.dim('d', H.add(1)), Size.var('m')));
  return declareFamily(ctx, 'W', ['k'], matrixShape(Size.dim('d', k), Size.dim('d', k.sub(1))));
}

export const context: ShapeContext = withDefinitions(declarations(), definitions, 'calculus');

/** What the IR knows about index ranges: sizes known to be ≥ 0 on every instance a derivation is about. */
export type Assumptions = readonly Size[];

/** 1 ≤ k ≤ H+1. */
export const layerRange: Assumptions = [k.sub(1), H.add(1).sub(k)];
/** 1 ≤ j < k ≤ H+1. */
export const pairRange: Assumptions = [j.sub(1), k.sub(j).sub(1), H.add(1).sub(k)];

/** s > 0 on every instance: s exceeds a sum of at most two known non-negative quantities by a positive constant. */
export function provablyPositive(s: Size, assumptions: Assumptions): boolean {
  const known = [Size.int(0), ...assumptions];
  return known.some((t, i) =>
    known.slice(i).some((u) => {
      const c = s.sub(t).sub(u).constant();
      return c !== undefined && c > 0;
    }),
  );
}

/** s ≥ 0 on every instance. */
export const provablyNonNegative = (s: Size, assumptions: Assumptions): boolean => provablyPositive(s.add(1), assumptions);
