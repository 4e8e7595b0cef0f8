import { type Claim, type Expr, type ShapeContext, build as b, children, claimToSource, inferShape, mapChildren } from '../../src/expr/index.js';

/** Mutation operators of the soundness suite: each turns a true step into (usually) a false one. */
export type MutationKind = 'drop-transpose' | 'swap-factors' | 'flip-sign' | 'double-term' | 'shift-index';

export interface Mutant {
  readonly kind: MutationKind;
  /** The mutated claim, as derivation-file text. */
  readonly text: string;
}

/** All single-site rewrites of `e` by `f` (which returns the replacements of one node, or none). */
function sites(e: Expr, f: (n: Expr) => Expr[]): Expr[] {
  const out = [...f(e)];
  const kids = children(e);
  kids.forEach((child, i) => {
    for (const alt of sites(child, f)) {
      let j = 0;
      out.push(mapChildren(e, (c) => (j++ === i ? alt : c)));
    }
  });
  return out;
}

const operators: Record<MutationKind, (n: Expr) => Expr[]> = {
  'drop-transpose': (n) => (n.kind === 'transpose' ? [n.arg] : []),
  'swap-factors': () => [], // needs the shapes: see swaps()
  'flip-sign': (n) => (n.kind === 'add' ? n.terms.map((_, i) => b.add(...n.terms.map((t, j) => (j === i ? b.neg(t) : t)))) : []),
  'double-term': (n) =>
    n.kind === 'add' ? n.terms.map((_, i) => b.add(...n.terms.map((t, j) => (j === i ? b.mul(b.num(2), t) : t)))) : [],
  'shift-index': (n) => {
    if (n.kind === 'member' && n.indices.length > 0 && n.family !== 'd')
      return [{ ...n, indices: [n.indices[0]!.add(1), ...n.indices.slice(1)] }];
    if (n.kind === 'prod') return [{ ...n, from: n.from.add(1) }, { ...n, to: n.to.sub(1) }];
    return [];
  },
};

/**
 * Mutants of an equation's sides, at most `perKind` of each kind. `isScalar` tells which subexpressions are
 * scalars: swapping a scalar factor gives an equal product, so such swaps are not generated.
 */
export function mutants(claim: Claim, isScalar: (e: Expr) => boolean, perKind = 3): Mutant[] {
  if (claim.kind !== 'equation') return [];
  const out: Mutant[] = [];
  const last = claim.sides.length - 1;
  const swaps = (n: Expr): Expr[] =>
    n.kind === 'mul'
      ? n.factors.slice(1).flatMap((_, i) => {
          if (isScalar(n.factors[i]!) || isScalar(n.factors[i + 1]!)) return [];
          const f = [...n.factors];
          [f[i], f[i + 1]] = [f[i + 1]!, f[i]!];
          return [b.mul(...f)];
        })
      : [];
  for (const kind of Object.keys(operators) as MutationKind[]) {
    const op = kind === 'swap-factors' ? swaps : operators[kind];
    const alts = claim.sides.flatMap((side, si) =>
      sites(side, op).map((alt) => ({ ...claim, sides: claim.sides.map((s, j) => (j === si ? alt : s)) })),
    );
    // The sides themselves: negated and doubled, when the operator found no sum to act on.
    if (alts.length === 0 && kind === 'flip-sign') alts.push({ ...claim, sides: claim.sides.map((s, j) => (j === last ? b.neg(s) : s)) });
    if (alts.length === 0 && kind === 'double-term')
      alts.push({ ...claim, sides: claim.sides.map((s, j) => (j === last ? b.mul(b.num(2), s) : s)) });
    const seen = new Set<string>();
    for (const m of alts) {
      const text = claimToSource(m);
      if (seen.has(text) || text === claimToSource(claim)) continue;
      seen.add(text);
      if (seen.size > perKind) break;
      out.push({ kind, text });
    }
  }
  return out;
}

/** Whether a subexpression is a scalar in the file's setting (no mutant swaps or transposes a scalar factor). */
export const scalarTest = (context: ShapeContext) => (e: Expr): boolean => {
  try {
    return inferShape(e, context).kind === 'scalar';
  } catch {
    return false;
  }
};
