import {
  type Definitions, type Diff, type Expr, type Variable, Size, build as b, exprEquals, mapChildren, substituteSizes,
} from '../expr/index.js';
import { type Assumptions, provablyNonNegative, provablyPositive } from './setting.js';
import { ZERO, group } from './simplify.js';

/**
 * Matrix-calculus rules as rewrites of IR nodes. A rule looks at one node and returns its rewrite, or undefined
 * when it does not apply; `applyRule` applies it top-down to every outermost matching node. Rules that rely on
 * index ranges (a factor does not involve W_k; W_k sits inside W_a⋯W_b) decide them from the assumptions only.
 */

export interface RuleContext {
  readonly definitions: Definitions;
  readonly assumptions: Assumptions;
  /** The family of weight matrices. */
  readonly family: string;
}

export interface Rule {
  readonly name: string;
  readonly justification: string;
  /** Re-applied to its own output until it no longer matches (distributing d over a whole sum). */
  readonly exhaustive?: boolean;
  at(e: Expr, rc: RuleContext): Expr | undefined;
}

/** Rewrites every outermost node where the rule applies (a rewritten node is not revisited in the same pass). */
export function applyRule(e: Expr, rule: Rule, rc: RuleContext): Expr {
  const r = rule.at(e, rc);
  if (r !== undefined) return rule.exhaustive ? applyRule(r, rule, rc) : r;
  return mapChildren(e, (c) => applyRule(c, rule, rc));
}

const diffOf = (arg: Expr, d: Diff): Expr => b.diff(arg, d.wrt);

/** Flattens nested products into one factor list (for rules that look at every factor). */
export function factorsOf(e: Expr): Expr[] {
  return e.kind === 'mul' ? e.factors.flatMap(factorsOf) : [e];
}

/** Expands a defined name or family member one level; undefined if it is not one. */
function unfoldOnce(e: Expr, defs: Definitions): Expr | undefined {
  if (e.kind === 'sym') {
    const d = defs.get(e.name);
    return d && d.params.length === 0 ? d.body : undefined;
  }
  if (e.kind === 'member') {
    const d = defs.get(e.family);
    if (d && d.params.length === e.indices.length)
      return substituteSizes(d.body, Object.fromEntries(d.params.map((p, i) => [p, e.indices[i]!])));
  }
  return undefined;
}

/** dW_i or dX of a declared variable: a fixed direction, not something that varies. */
function isDirection(e: Expr, rc: RuleContext): boolean {
  return (e.kind === 'member' && e.family === rc.family) || (e.kind === 'sym' && !rc.definitions.has(e.name));
}

/**
 * Whether e can vary with `wrt` (a member W[k] of the weight family, or every member when null): 'no' only when
 * proved from the assumptions. Differentials dW_i are fixed directions and never vary.
 */
export function dependsOn(e: Expr, wrt: Variable | null, rc: RuleContext): 'no' | 'maybe' {
  const unfolded = unfoldOnce(e, rc.definitions);
  if (unfolded) return dependsOn(unfolded, wrt, rc);
  switch (e.kind) {
    case 'sym':
      return wrt?.kind === 'sym' && wrt.name === e.name ? 'maybe' : 'no';
    case 'member': {
      if (e.family !== rc.family) return 'no';
      if (wrt === null) return 'maybe';
      if (wrt.kind !== 'member' || wrt.family !== e.family) return 'no';
      const d = e.indices[0]!.sub(wrt.indices[0]!);
      return provablyPositive(d, rc.assumptions) || provablyPositive(d.neg(), rc.assumptions) ? 'no' : 'maybe';
    }
    case 'prod': {
      if (e.family !== rc.family) return 'no';
      if (wrt === null) return 'maybe';
      if (wrt.kind !== 'member' || wrt.family !== e.family) return 'no';
      const k = wrt.indices[0]!;
      return provablyPositive(k.sub(e.from), rc.assumptions) || provablyPositive(e.to.sub(k), rc.assumptions) ? 'no' : 'maybe';
    }
    case 'diff':
      return isDirection(e.arg, rc) ? 'no' : dependsOn(e.arg, wrt, rc);
    default: {
      let out: 'no' | 'maybe' = 'no';
      mapChildren(e, (c) => {
        if (dependsOn(c, wrt, rc) === 'maybe') out = 'maybe';
        return c;
      });
      return out;
    }
  }
}

/** d(S) → d(definition of S), for the named definitions. */
export function unfold(names: readonly string[], justification: string): Rule {
  return {
    name: `definition of ${names.join(', ')}`,
    justification,
    at(e, rc) {
      if (e.kind !== 'diff') return undefined;
      const a = e.arg;
      const named = a.kind === 'sym' ? a.name : a.kind === 'member' ? a.family : undefined;
      if (named === undefined || !names.includes(named)) return undefined;
      const body = unfoldOnce(a, rc.definitions);
      return body && diffOf(body, e);
    },
  };
}

export const linearity: Rule = {
  name: 'linearity of d',
  exhaustive: true,
  justification: 'd(A + B) = dA + dB, d(cA) = c dA for constant c, d Σ = Σ d',
  at(e, rc) {
    if (e.kind !== 'diff') return undefined;
    const a = e.arg;
    if (a.kind === 'add') return b.add(...a.terms.map((t) => diffOf(t, e)));
    if (a.kind === 'neg') return b.neg(diffOf(a.arg, e));
    if (a.kind === 'div' && dependsOn(a.den, e.wrt, rc) === 'no') return b.div(diffOf(a.num, e), a.den);
    if (a.kind === 'sum') return { ...a, body: diffOf(a.body, e) };
    if (a.kind === 'mul' && a.factors[0]!.kind === 'num') return group([a.factors[0]!, diffOf(group(a.factors.slice(1)), e)]);
    return undefined;
  },
};

export const productRule: Rule = {
  name: 'product rule',
  justification: 'd(AB) = dA·B + A·dB (Leibniz, for every factor in turn; also for ⊗)',
  at(e) {
    if (e.kind !== 'diff') return undefined;
    const a = e.arg;
    if (a.kind === 'mul')
      return b.add(...a.factors.map((_, i) => group(a.factors.map((f, l) => (l === i ? diffOf(f, e) : f)))));
    if (a.kind === 'kron') return b.add(b.kron(diffOf(a.left, e), a.right), b.kron(a.left, diffOf(a.right, e)));
    return undefined;
  },
};

/** A differential passes through a linear map: d(Aᵀ) = (dA)ᵀ, d tr A = tr dA, d vec A = vec dA. */
export const linearMaps: Rule = {
  name: 'd commutes with linear maps',
  exhaustive: true,
  justification: 'd(Aᵀ) = (dA)ᵀ, d tr(A) = tr(dA), d vec(A) = vec(dA)',
  at(e) {
    if (e.kind !== 'diff') return undefined;
    const a = e.arg;
    if (a.kind === 'transpose') return b.transpose(diffOf(a.arg, e));
    if (a.kind === 'trace') return b.trace(diffOf(a.arg, e));
    if (a.kind === 'vec') return b.vec(diffOf(a.arg, e));
    return undefined;
  },
};

export const frobenius: Rule = {
  name: 'differential of the squared Frobenius norm',
  justification: 'd‖E‖²_F = d tr(EᵀE) = tr(dEᵀ E) + tr(Eᵀ dE) = 2 tr(Eᵀ dE)',
  at(e) {
    if (e.kind !== 'diff' || e.arg.kind !== 'fro2') return undefined;
    const E = e.arg.arg;
    return group([b.num(2), b.trace(group([b.transpose(E), diffOf(E, e)]))]);
  },
};

export const inverse: Rule = {
  name: 'differential of the inverse',
  justification: 'd(A⁻¹) = −A⁻¹ dA A⁻¹ (differentiate A A⁻¹ = I)',
  at(e) {
    if (e.kind !== 'diff' || e.arg.kind !== 'inv') return undefined;
    return b.neg(group([e.arg, diffOf(e.arg.arg, e), e.arg]));
  },
};

/** d(C) = 0 for C not involving the varying weights; d(dW) = 0 (directions are fixed). */
export function constants(justification: string): Rule {
  return {
    name: 'constant factors',
    justification,
    at(e, rc) {
      if (e.kind !== 'diff') return undefined;
      if (e.arg.kind === 'diff') return isDirection(e.arg.arg, rc) ? ZERO : undefined;
      return dependsOn(e.arg, e.wrt, rc) === 'no' ? ZERO : undefined;
    },
  };
}

/** Inside d(·, W[k]): W_a⋯W_b = (W_a⋯W_{k+1}) W_k (W_{k−1}⋯W_b) when b ≤ k ≤ a. */
export const isolate: Rule = {
  name: 'isolate the varying factor',
  justification: 'W_a⋯W_b = (W_a⋯W_{k+1}) W_k (W_{k−1}⋯W_b) for b ≤ k ≤ a (empty products are identities)',
  at(e, rc) {
    if (e.kind !== 'diff' || !e.wrt || e.wrt.kind !== 'member') return undefined;
    const k = e.wrt.indices[0]!;
    const family = e.wrt.family;
    const split = (n: Expr): Expr => {
      if (n.kind === 'prod' && n.family === family && provablyNonNegative(n.from.sub(k), rc.assumptions) && provablyNonNegative(k.sub(n.to), rc.assumptions))
        return group([b.prod(family, n.from, k.add(1)), b.member(family, k), b.prod(family, k.sub(1), n.to)]);
      return mapChildren(n, split);
    };
    const arg = split(e.arg);
    return exprEquals(arg, e.arg) ? undefined : diffOf(arg, e);
  },
};

function freshIndex(e: Expr, preferred: readonly string[]): string {
  const used = new Set<string>();
  const visit = (n: Expr): Expr => {
    if (n.kind === 'member') n.indices.forEach((s) => s.freeVars(used));
    if (n.kind === 'prod') {
      n.from.freeVars(used);
      n.to.freeVars(used);
    }
    if (n.kind === 'sum') used.add(n.index);
    return mapChildren(n, visit);
  };
  visit(e);
  return preferred.find((p) => !used.has(p)) ?? `${preferred[0]}${used.size}`;
}

/** Total differential of a product of weights: d(W_a⋯W_b) = Σ_{i=b}^{a} W_a⋯W_{i+1} dW_i W_{i−1}⋯W_b. */
export const productOverLayers: Rule = {
  name: 'product rule over the layers',
  justification: 'd(W_a⋯W_b) = Σ_i W_a⋯W_{i+1} dW_i W_{i−1}⋯W_b (every layer varies)',
  at(e) {
    if (e.kind !== 'diff' || e.wrt !== null || e.arg.kind !== 'prod') return undefined;
    const p = e.arg;
    const i = freshIndex(p, ['k', 'i', 'l']);
    const iv = Size.var(i);
    return b.sum(i, p.to, p.from, group([b.prod(p.family, p.from, iv.add(1)), b.diff(b.member(p.family, iv)), b.prod(p.family, iv.sub(1), p.to)]));
  },
};

/** (AB)ᵀ = BᵀAᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (A ⊗ B)ᵀ = Aᵀ ⊗ Bᵀ, (Aᵀ)ᵀ = A: one level, at the outermost transposes. */
export function pushTranspose(e: Expr): Expr | undefined {
  if (e.kind !== 'transpose') return undefined;
  const a = e.arg;
  const t = (x: Expr): Expr => (x.kind === 'transpose' ? x.arg : x.kind === 'num' ? x : b.transpose(x));
  if (a.kind === 'mul') return group(a.factors.flatMap(factorsOf).reverse().map(t));
  if (a.kind === 'add') return b.add(...a.terms.map(t));
  if (a.kind === 'neg') return b.neg(t(a.arg));
  if (a.kind === 'kron') return b.kron(t(a.left), t(a.right));
  if (a.kind === 'transpose') return a.arg;
  return undefined;
}

export const transposeRule: Rule = {
  name: 'transpose of a product',
  justification: '(AB)ᵀ = BᵀAᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (Aᵀ)ᵀ = A',
  at: pushTranspose,
};

const isDifferential = (f: Expr): boolean => f.kind === 'diff' || (f.kind === 'transpose' && f.arg.kind === 'diff');

export const cyclic: Rule = {
  name: 'cyclic property of the trace',
  justification: 'tr(PQ) = tr(QP): rotate the differential to the end',
  at(e) {
    if (e.kind !== 'trace') return undefined;
    const fs = factorsOf(e.arg);
    const i = fs.findIndex(isDifferential);
    if (i < 0 || i === fs.length - 1) return undefined;
    const rotated = [fs.slice(i + 1), fs.slice(0, i)].filter((p) => p.length > 0).map(group);
    return b.trace(group([...rotated, fs[i]!]));
  },
};

export const vecLinear: Rule = {
  name: 'linearity of vec',
  justification: 'vec(A + B) = vec(A) + vec(B)',
  at(e) {
    if (e.kind !== 'vec' || e.arg.kind !== 'add') return undefined;
    return b.add(...e.arg.terms.map((t) => b.vec(t)));
  },
};

/** vec(P Q R) = (Rᵀ ⊗ P) vec(Q), Q the differential factor (or the factor `middle` picks). */
export function vecProduct(middle: (f: Expr) => boolean = isDifferential): Rule {
  return {
    name: 'vec of a product',
    justification: 'vec(PQR) = (Rᵀ ⊗ P) vec(Q)',
    at(e) {
      if (e.kind !== 'vec') return undefined;
      const fs = factorsOf(e.arg);
      const i = fs.findIndex(middle);
      if (i <= 0 || i >= fs.length - 1) return undefined;
      const Rt = b.transpose(group(fs.slice(i + 1)));
      return group([b.kron(pushTranspose(Rt) ?? Rt, group(fs.slice(0, i))), b.vec(fs[i]!)]);
    },
  };
}

/** vec(dW) = K_{n,m} vec(dWᵀ) for W ∈ R^{m×n} (`shape` gives m, n): the paper's row-major coordinates. */
export function commute(shape: (w: Expr) => { rows: Size; cols: Size }): Rule {
  return {
    name: 'commutation matrix',
    justification: 'vec(A) = K_{n,m} vec(Aᵀ) for A ∈ R^{m×n}',
    at(e) {
      if (e.kind !== 'vec' || e.arg.kind !== 'diff') return undefined;
      const { rows, cols } = shape(e.arg.arg);
      return group([b.commutation(cols, rows), b.vec(b.transpose(e.arg))]);
    },
  };
}

/**
 * Parameters that make a definition's body equal to e (`prod(W, k-1, j+1)` matches `prod(W, i-1, k+1)` with
 * j = k, k = i); undefined if it does not match. Each parameter must occur as `p + constant` somewhere.
 */
export function matchDefinition(params: readonly string[], body: Expr, e: Expr): Record<string, Size> | undefined {
  const found: Record<string, Size> = {};
  const sizeMatch = (s: Size, t: Size): boolean => {
    const known = s.substitute(found);
    const open = params.filter((p) => known.freeVars().has(p));
    if (open.length === 0) return known.equals(t);
    if (open.length > 1) return false;
    const p = open[0]!;
    const candidate = t.sub(known.substitute({ [p]: Size.int(0) }));
    if (!known.substitute({ [p]: candidate }).equals(t)) return false;
    found[p] = candidate;
    return true;
  };
  const same = (x: unknown, y: unknown): boolean => {
    if (x instanceof Size && y instanceof Size) return sizeMatch(x, y);
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => same(v, y[i]));
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      if (x.constructor !== y.constructor) return false;
      if ('eq' in x && typeof x.eq === 'function') return (x as { eq(o: unknown): boolean }).eq(y);
      const kx = Object.keys(x);
      return kx.length === Object.keys(y).length && kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
    }
    return x === y;
  };
  return same(body, e) && params.every((p) => p in found) ? found : undefined;
}

/** Rewrites occurrences of the named definitions' bodies back to the short names (A_k, Z_k, Q_{jk}, r). */
export function notation(names: readonly string[], justification: string): Rule {
  return {
    name: 'notation',
    justification,
    at(e, rc) {
      for (const name of names) {
        const d = rc.definitions.get(name)!;
        const m = matchDefinition(d.params, d.body, e);
        if (m) return d.params.length === 0 ? b.sym(name) : b.member(name, ...d.params.map((p) => m[p]!));
      }
      return undefined;
    },
  };
}

/** Replaces one known subexpression by another (a result derived earlier, cited in the justification). */
export function replace(from: Expr, to: Expr, name: string, justification: string): Rule {
  return { name, justification, at: (e) => (exprEquals(e, from) ? to : undefined) };
}
