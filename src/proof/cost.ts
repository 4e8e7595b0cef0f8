import { InputError } from '../errors.js';
import {
  type Expr, type Shape, type ShapeObserver, type Size, type SizeAtom, checkShape, children, claimToSource, declareSizes,
  excerpt, toSource,
} from '../expr/index.js';
import { DEFAULT_H_RANGE, MAX_SIZE } from './instances.js';
import type { ProofSetting } from './setting.js';

/**
 * What a derivation file may ask of the checker, estimated from the parsed file before any instance is drawn, so
 * that a typo (`k: [1, 1000000000]`, `A: [3000, 3000]`, seven nested `kron`s, a chain of squaring defines) is
 * refused in a fraction of a second instead of exhausting time or memory. Sizes are bounded by interval arithmetic
 * over the values the checker draws (H in its range, widths and other sizes at most MAX_SIZE, indices in their
 * ranges), so the estimate is an upper bound; defines are costed once each, as a DAG, never by writing them out.
 */
export const PROOF_LIMITS = {
  /** The largest H a range of H may reach (families have H+1 members). */
  maxH: 15,
  /** Values one index range may take on an instance (hi − lo + 1). */
  maxRangeValues: 256,
  /** Terms of one Σ on an instance. */
  maxSumTerms: 1000,
  /** Rows or columns of any matrix a claim, define or declaration builds on an instance. */
  maxDimension: 1000,
  /** Entries of any such matrix. */
  maxEntries: 40_000,
  /** Nested differentiation: `d(…)` and `grad` count 1, `hess` 2, through defines. */
  maxDerivativeOrder: 4,
  /** Nodes of one claim with every define written out (the degree bound and the symbolic check expand defines). */
  maxExpandedNodes: 200_000,
  /** Nesting depth of one claim with every define written out. */
  maxExpandedDepth: 500,
  /** Estimated arithmetic operations to evaluate one claim once on an instance (derivatives and Σ included). */
  maxWork: 2_000_000,
  /**
   * Polynomial degree of one claim in the sampled entries (an upper bound through defines): exact values grow with
   * it, and the symbolic check of a scalar step expands it ((a+b)^4096 takes minutes).
   */
  maxDegree: 256,
  /** Bits of the number literals in one claim with its defines written out (1300 factors 1e-300 take minutes). */
  maxLiteralBits: 20_000,
};

type Interval = readonly [number, number];
const UNBOUNDED: Interval = [-Infinity, Infinity];

/** x·y with 0·∞ = 0 (an absent term contributes nothing, however wide the other factor). */
const times = (x: number, y: number) => (x === 0 || y === 0 ? 0 : x * y);

function mulI(a: Interval, b: Interval): Interval {
  const p = [times(a[0], b[0]), times(a[0], b[1]), times(a[1], b[0]), times(a[1], b[1])];
  return [Math.min(...p), Math.max(...p)];
}

/** Names with an interval of values; Σ indices shadow outer names while their body is checked. */
class Scope {
  private readonly bound: [string, Interval][] = [];
  constructor(private readonly base: ReadonlyMap<string, Interval>) {}

  lookup(name: string): Interval {
    for (let i = this.bound.length - 1; i >= 0; i--) if (this.bound[i]![0] === name) return this.bound[i]![1];
    return this.base.get(name) ?? UNBOUNDED;
  }
  push(name: string, iv: Interval): void {
    this.bound.push([name, iv]);
  }
  pop(): void {
    this.bound.pop();
  }

  size(s: Size): Interval {
    let lo = 0, hi = 0;
    for (const t of s.terms) {
      let iv: Interval = [t.coef, t.coef];
      for (const a of t.atoms) iv = mulI(iv, this.atom(a));
      lo += iv[0];
      hi += iv[1];
    }
    return [Number.isNaN(lo) ? -Infinity : lo, Number.isNaN(hi) ? Infinity : hi];
  }

  private atom(a: SizeAtom): Interval {
    switch (a.kind) {
      case 'var':
        return this.lookup(a.name);
      case 'dim':
        return [1, MAX_SIZE]; // widths are drawn from 1…MAX_SIZE whatever the index
      case 'min': {
        const ivs = a.args.map((x) => this.size(x));
        return [Math.min(...ivs.map((x) => x[0])), Math.min(...ivs.map((x) => x[1]))];
      }
    }
  }
}

/** The largest rows and columns a node reaches wherever it is checked. */
type Dims = readonly [number, number];

interface Costs {
  readonly work: number;
  readonly nodes: number;
  readonly depth: number;
  readonly order: number;
  readonly degree: number;
  readonly literalBits: number;
}

const ORDER: Partial<Record<Expr['kind'], number>> = { diff: 1, grad: 1, hess: 2 };

/**
 * Checks the setting against PROOF_LIMITS; throws an InputError naming the field or step, the estimate and the
 * limit. Called once by the setting builder, after shapes are checked and before any instance is enumerated.
 */
export function checkProofCost(setting: ProofSetting): void {
  const { doc } = setting;
  const L = PROOF_LIMITS;
  const fail = (where: string, message: string): never => {
    throw new InputError(where, message);
  };
  const hRange = setting.ranges.find((r) => r.name === 'H');
  const hi = (iv: Interval) => iv[1];

  // Ranges, in order: each bound uses H, sizes and earlier ranges.
  const base = new Map<string, Interval>();
  const small: Interval = [1, MAX_SIZE];
  for (const v of ['m', 'p', ...setting.sizeVars]) base.set(v, small);
  const scope = new Scope(base);
  const H: Interval = hRange ? [scope.size(hRange.lo)[0], scope.size(hRange.hi)[1]] : [...DEFAULT_H_RANGE];
  const hWhere = () => `${doc.file}:${doc.ranges[setting.ranges.indexOf(hRange!)]!.line}: ranges.H`;
  if (H[1] > L.maxH) fail(hWhere(), `H reaches ${H[1]}, more than the limit of ${L.maxH}`);
  base.set('H', H);
  for (const f of setting.families) if (!base.has(f.param)) base.set(f.param, [1, H[1] + 1]);
  setting.ranges.forEach((r, i) => {
    if (r.name === 'H') return;
    const where = `${doc.file}:${doc.ranges[i]!.line}: ranges.${r.name}`;
    const lo = scope.size(r.lo), up = scope.size(r.hi);
    const values = up[1] - lo[0] + 1;
    if (!(values <= L.maxRangeValues))
      fail(where, `${r.name} can take ${Number.isFinite(values) ? values : 'unboundedly many'} values, more than the limit of ${L.maxRangeValues}`);
    base.set(r.name, [lo[0], up[1]]);
  });

  const dimsOf = new Map<Expr, Dims>();
  const sumLength = new Map<Expr, number>();
  /** Index intervals of each define's parameters over its uses; a define without uses is never evaluated. */
  const uses = new Map<string, Interval[]>();
  const matrixDims = (where: string, what: () => string, rows: Size, cols: Size): Dims => {
    const r = scope.size(rows), c = scope.size(cols);
    if (hi(r) < 0 || hi(c) < 0) fail(where, `${what()} has a negative size (${rows.toString()} × ${cols.toString()})`);
    const R = Math.max(hi(r), 0), C = Math.max(hi(c), 0);
    const largest = `${Number.isFinite(R) ? R : '∞'}×${Number.isFinite(C) ? C : '∞'}`;
    if (!(R <= L.maxDimension && C <= L.maxDimension))
      fail(where, `${what()} can be ${largest} on the instances dln draws (H ≤ ${H[1]}, widths ≤ ${MAX_SIZE}), more than the limit of ${L.maxDimension} rows or columns`);
    if (R * C > L.maxEntries)
      fail(where, `${what()} can be ${largest} (${R * C} entries) on the instances dln draws, more than the limit of ${L.maxEntries} entries`);
    return [R, C];
  };

  // Declared matrices are drawn whether or not a claim uses them; a family has members 1…H+1.
  for (const s of doc.shapes) {
    const where = `${doc.file}:${s.line}: shapes.${s.name}`;
    const symbol = setting.symbols.find((x) => x.name === s.name.trim());
    const family = setting.families.find((f) => s.name.replace(/\s/g, '') === `${f.name}[${f.param}]`);
    if (family) scope.push(family.param, [1, H[1] + 1]);
    const dims = (symbol ?? family)?.dims ?? [];
    if (dims.length === 2) matrixDims(where, () => s.name.trim(), dims[0]!, dims[1]!);
    if (family) scope.pop();
  }

  const defines = [...setting.definitions.values()];
  const defineLine = new Map(doc.defines.map((d) => [d.name.replace(/\[.*$/, '').trim(), d.line]));
  const observer = (where: string): ShapeObserver => ({
    enter(e) {
      if (e.kind !== 'sum') return;
      const from = scope.size(e.from), to = scope.size(e.to);
      const n = Math.max(0, hi(to) - from[0] + 1);
      if (!(n <= L.maxSumTerms))
        fail(where, `sum over ${e.index} can have ${Number.isFinite(n) ? n : 'unboundedly many'} terms, more than the limit of ${L.maxSumTerms}`);
      sumLength.set(e, Math.max(sumLength.get(e) ?? 0, n));
      scope.push(e.index, [from[0], hi(to)]);
    },
    leave(e, shape: Shape) {
      if (e.kind === 'sum') scope.pop();
      if (e.kind === 'sym' || e.kind === 'member') {
        const name = e.kind === 'sym' ? e.name : e.family;
        const def = setting.definitions.get(name);
        if (def) {
          const ivs = e.kind === 'member' ? e.indices.map((s) => scope.size(s)) : [];
          const prev = uses.get(name);
          uses.set(name, prev ? prev.map((p, i) => [Math.min(p[0], ivs[i]![0]), Math.max(p[1], ivs[i]![1])] as const) : ivs);
        }
      }
      if (shape.kind === 'matrix') {
        const d = matrixDims(where, () => excerpt(toSource(e)), shape.rows, shape.cols);
        const prev = dimsOf.get(e);
        dimsOf.set(e, prev ? [Math.max(prev[0], d[0]), Math.max(prev[1], d[1])] : d);
      }
    },
  });

  // Pass 1: sizes of every node, claims and hypotheses first, then the defines they use (latest first, so every
  // use of a define is known before its body is costed with its parameters' intervals).
  const claimWhere = setting.claims.map((c) => `${doc.file}:${c.step.line}: step ${c.step.index}`);
  setting.claims.forEach((c, i) => {
    for (const e of c.claim.kind === 'equation' ? c.claim.sides : [c.claim.expr]) checkShape(e, setting.context, claimWhere[i], observer(claimWhere[i]!));
  });
  setting.hypotheses.forEach((h, i) => {
    if (h.kind !== 'predicate') return;
    const where = `${doc.file}:${doc.assume[i]!.line}: assume`;
    for (const e of h.claim.kind === 'equation' ? h.claim.sides : [h.claim.expr]) checkShape(e, setting.context, where, observer(where));
  });
  for (const d of [...defines].reverse()) {
    const ivs = uses.get(d.name);
    if (!ivs) continue;
    const where = `${doc.file}:${defineLine.get(d.name) ?? 0}: define.${d.name}`;
    d.params.forEach((p, i) => scope.push(p, ivs[i] ?? UNBOUNDED));
    checkShape(d.body, declareSizes(setting.context, d.params), where, observer(where));
    d.params.forEach(() => scope.pop());
  }

  // Pass 2: work, expanded size, depth and derivative order, each define costed once (in order: a define uses
  // only earlier ones, so the recursion never follows a chain of defines).
  const defCost = new Map<string, Costs>();
  const entries = (e: Expr) => {
    const d = dimsOf.get(e);
    return d ? d[0] * d[1] : 1;
  };
  const cost = (e: Expr): Costs => {
    if (e.kind === 'sym' || e.kind === 'member') {
      const c = defCost.get(e.kind === 'sym' ? e.name : e.family);
      if (c) return c;
    }
    const kids = children(e).map(cost);
    const sum = (f: (c: Costs) => number) => kids.reduce((s, c) => s + f(c), 0);
    const most = (f: (c: Costs) => number) => Math.max(0, ...kids.map(f));
    const inner = sum((c) => c.work);
    let work: number;
    switch (e.kind) {
      case 'sum':
        work = (sumLength.get(e) ?? 0) * (inner + entries(e));
        break;
      case 'mul': {
        const rows = dimsOf.get(e.factors[0]!)?.[0] ?? 1;
        work = inner + e.factors.reduce((s, f) => s + rows * entries(f), 0);
        break;
      }
      case 'inv':
      case 'pinv':
      case 'rank':
      case 'psd':
      case 'range': {
        const [r, c] = dimsOf.get(e.arg) ?? [1, 1];
        work = inner + r * c * Math.max(r, c);
        break;
      }
      case 'diff':
        work = 2 * inner;
        break;
      case 'grad':
        work = (1 + entries(e)) * inner;
        break;
      case 'hess':
        work = (1 + entries(e.wrt1)) * (1 + entries(e.wrt2)) * inner;
        break;
      default:
        work = inner + entries(e);
    }
    return {
      work,
      nodes: 1 + sum((c) => c.nodes),
      depth: 1 + most((c) => c.depth),
      order: (ORDER[e.kind] ?? 0) + most((c) => c.order),
      degree: degree(e, kids, sum, most),
      literalBits: e.kind === 'num' ? bitLength(e.value.num) + bitLength(e.value.den) : sum((c) => c.literalBits),
    };
  };
  /** Degree in the sampled entries: products add, inverses multiply by the size (the adjugate), the rest keep it. */
  const degree = (e: Expr, kids: readonly Costs[], sum: (f: (c: Costs) => number) => number, most: (f: (c: Costs) => number) => number): number => {
    switch (e.kind) {
      case 'sym':
      case 'member':
        return setting.context.variables.has(e.kind === 'sym' ? e.name : e.family) ? 1 : 0;
      case 'prod':
        return H[1] + 1;
      case 'mul':
      case 'kron':
      case 'inner':
      case 'div':
        return sum((c) => c.degree);
      case 'fro2':
        return 2 * kids[0]!.degree;
      case 'inv':
      case 'pinv': {
        const [r, c] = dimsOf.get(e.arg) ?? [1, 1];
        return kids[0]!.degree * Math.max(r, c);
      }
      default:
        return most((c) => c.degree);
    }
  };
  const checkCosts = (where: string, c: Costs, what: string) => {
    if (c.order > L.maxDerivativeOrder)
      fail(where, `${what} differentiates ${c.order} times (nested d, grad, hess), more than the limit of ${L.maxDerivativeOrder}`);
    if (c.nodes > L.maxExpandedNodes)
      fail(where, `${what} has ${c.nodes} nodes with its defines written out, more than the limit of ${L.maxExpandedNodes}`);
    if (c.depth > L.maxExpandedDepth)
      fail(where, `${what} is nested ${c.depth} levels deep with its defines written out, more than the limit of ${L.maxExpandedDepth}`);
    if (c.degree > L.maxDegree)
      fail(where, `${what} has degree up to ${c.degree} in the sampled entries, more than the limit of ${L.maxDegree}`);
    if (c.literalBits > L.maxLiteralBits)
      fail(where, `${what} has number literals of ${c.literalBits} bits with its defines written out, more than the limit of ${L.maxLiteralBits}`);
    if (!(c.work <= L.maxWork))
      fail(where, `${what} needs about ${Number.isFinite(c.work) ? c.work.toExponential(1) : '∞'} operations per instance, more than the limit of ${L.maxWork.toExponential(0)}`);
  };
  for (const d of defines) {
    if (!uses.has(d.name)) continue;
    const c = cost(d.body);
    checkCosts(`${doc.file}:${defineLine.get(d.name) ?? 0}: define.${d.name}`, c, `define ${d.name}`);
    defCost.set(d.name, c);
  }
  const total = (es: readonly Expr[]): Costs => {
    const cs = es.map(cost);
    return {
      work: cs.reduce((s, c) => s + c.work, 0),
      nodes: cs.reduce((s, c) => s + c.nodes, 0),
      depth: Math.max(...cs.map((c) => c.depth)),
      order: Math.max(...cs.map((c) => c.order)),
      degree: Math.max(...cs.map((c) => c.degree)),
      literalBits: cs.reduce((s, c) => s + c.literalBits, 0),
    };
  };
  setting.claims.forEach((c, i) => {
    const sides = c.claim.kind === 'equation' ? c.claim.sides : [c.claim.expr];
    checkCosts(claimWhere[i]!, total(sides), `the claim "${excerpt(claimToSource(c.claim), 40)}"`);
  });
  setting.hypotheses.forEach((h, i) => {
    if (h.kind !== 'predicate') return;
    const sides = h.claim.kind === 'equation' ? h.claim.sides : [h.claim.expr];
    checkCosts(`${doc.file}:${doc.assume[i]!.line}: assume`, total(sides), `the hypothesis "${excerpt(h.text, 40)}"`);
  });
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length;
}
