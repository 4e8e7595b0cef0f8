import type { Size, SizeAtom } from './size.js';

/**
 * The algebra of index structures for the all-sizes argument (docs/verdicts.md). A value of a polynomial claim is
 * a sum of tensor diagrams: variables joined along their legs, with bare wires (identity matrices, commutation
 * matrices, the gap a derivative leaves). A `Tensor` records the legs of a node's rows and columns (each leg an
 * atomic size, most significant first, constant-1 legs dropped) and three bounds over the monomials of any entry:
 * how many variable legs of each size a diagram has, how many bare wires of each size join two of its open legs,
 * and the degree of the coefficients in each size atom (a wire closed into a loop of size n is a factor n).
 */
export type Counts = ReadonlyMap<string, number>;

export interface Tensor {
  readonly rows: readonly Size[];
  readonly cols: readonly Size[];
  /** Variable legs, by Size.key of the leg. */
  readonly legs: Counts;
  /** Bare wires between open legs, by Size.key. */
  readonly wires: Counts;
  /** Coefficient degree, by size atom (`n`, `d[2]`). */
  readonly coef: Counts;
  /** Known to be zero (a zero matrix, a zeroed layer): it has no diagrams, so any index structure fits it. */
  readonly zero?: boolean;
}

const NONE: Counts = new Map();

export function addCounts(...all: Counts[]): Counts {
  const out = new Map<string, number>();
  for (const c of all) for (const [k, v] of c) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

export function maxCounts(...all: Counts[]): Counts {
  const out = new Map<string, number>();
  for (const c of all) for (const [k, v] of c) out.set(k, Math.max(out.get(k) ?? 0, v));
  return out;
}

export const scaleCounts = (c: Counts, k: number): Counts => new Map([...c].map(([key, v]) => [key, v * k]));

/** Drops legs of size 1: a column vector has no column leg, a scalar no legs at all. */
const legsOf = (sizes: readonly Size[]): Size[] => sizes.filter((s) => s.constant() !== 1);

/** A wire joins two open legs of one size: at most ⌊open/2⌋ of each. */
function capWires(wires: Counts, rows: readonly Size[], cols: readonly Size[]): Counts {
  const open = new Map<string, number>();
  for (const s of [...rows, ...cols]) open.set(s.key, (open.get(s.key) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [k, v] of wires) {
    const w = Math.min(v, Math.floor((open.get(k) ?? 0) / 2));
    if (w > 0) out.set(k, w);
  }
  return out;
}

export function tensor(rows: readonly Size[], cols: readonly Size[], bounds: Partial<Pick<Tensor, 'legs' | 'wires' | 'coef'>> = {}): Tensor {
  const [r, c] = [legsOf(rows), legsOf(cols)];
  return { rows: r, cols: c, legs: bounds.legs ?? NONE, wires: capWires(bounds.wires ?? NONE, r, c), coef: bounds.coef ?? NONE };
}

/** A zero matrix: no monomials, and legs that may be read in any structure. */
export const zeroTensor = (rows: readonly Size[], cols: readonly Size[]): Tensor => ({ ...tensor(rows, cols), zero: true });

export const scalarTensor = (coef: Counts = NONE, legs: Counts = NONE): Tensor => tensor([], [], { legs, coef });

/** A matrix variable: one leg incidence for its row size and one for its column size. */
export function variableTensor(rows: Size, cols: Size): Tensor {
  const legs = new Map<string, number>();
  for (const s of legsOf([rows, cols])) legs.set(s.key, (legs.get(s.key) ?? 0) + 1);
  return tensor([rows], [cols], { legs });
}

/** Open legs joined by bare wires where they can be (identity and commutation matrices, derivative gaps). */
export function wiredTensor(rows: readonly Size[], cols: readonly Size[], bounds: Partial<Pick<Tensor, 'legs' | 'coef'>> = {}): Tensor {
  const all = new Map<string, number>();
  for (const s of [...rows, ...cols]) all.set(s.key, (all.get(s.key) ?? 0) + 1);
  return tensor(rows, cols, { ...bounds, wires: all });
}

export const legKey = (sizes: readonly Size[]): string => sizes.map((s) => s.key).join(' ⊗ ');
export const sameLegs = (a: readonly Size[], b: readonly Size[]): boolean => legKey(a) === legKey(b);
export const isScalarTensor = (t: Tensor): boolean => t.rows.length === 0 && t.cols.length === 0;

/** (rows ⊗ …) × (cols ⊗ …), for messages. */
export function describeLegs(t: Tensor): string {
  const side = (s: readonly Size[]) => (s.length === 0 ? '1' : s.map((x) => x.toString()).join('⊗'));
  return `(${side(t.rows)})×(${side(t.cols)})`;
}

export const transposeTensor = (t: Tensor): Tensor => ({ ...t, rows: t.cols, cols: t.rows });

/** `n`, `d[2]`: the key of a size atom in `coef` (widths with a constant index only). */
export function atomName(atom: SizeAtom): string | undefined {
  if (atom.kind === 'var') return atom.name;
  const i = atom.kind === 'dim' ? atom.index.constant() : undefined;
  return atom.kind === 'dim' && i !== undefined ? `${atom.family}[${i}]` : undefined;
}

/** The coefficient degrees a size contributes when it becomes a number (a closed loop, or a size used as a scalar). */
export function sizeCoef(s: Size): Counts | undefined {
  const out = new Map<string, number>();
  for (const { atom, degree } of s.atomDegrees()?.values() ?? [undefined!]) {
    const name = atom && atomName(atom);
    if (name === undefined) return undefined;
    out.set(name, degree);
  }
  return out;
}

/**
 * The coefficient degrees of closing `loops` wire loops whose sizes are among `sizes` (a loop alternates wires
 * of the operands joined, so it needs one of each: min of their wire counts).
 */
function loopCoef(loops: Counts, sizes: readonly Size[], fail: (reason: string) => never): Counts {
  const bySize = new Map(sizes.map((s) => [s.key, s]));
  return addCounts(
    ...[...loops].filter(([, n]) => n > 0).map(([k, n]) => scaleCounts(sizeCoef(bySize.get(k)!) ?? fail(`the size ${bySize.get(k)!.toString()} is not a polynomial in free sizes`), n)),
  );
}

const minCounts = (a: Counts, b: Counts): Counts => new Map([...a].map(([k, v]) => [k, Math.min(v, b.get(k) ?? 0)]));

/** A ⊗-compatible product: the columns of `a` contracted with the rows of `b` (a scalar factor scales). */
export function productTensor(a: Tensor, b: Tensor, fail: (reason: string) => never): Tensor {
  if (a.zero || b.zero) return zeroTensor(isScalarTensor(a) ? b.rows : a.rows, isScalarTensor(b) ? a.cols : b.cols);
  const legs = addCounts(a.legs, b.legs);
  if (isScalarTensor(a)) return { ...b, legs, coef: addCounts(a.coef, b.coef) };
  if (isScalarTensor(b)) return { ...a, legs, coef: addCounts(a.coef, b.coef) };
  if (!sameLegs(a.cols, b.rows))
    fail(`a product contracts the legs ${describeLegs(a)} with ${describeLegs(b)}, which are not the same index structure`);
  // a loop needs a wire of each operand with both ends among the contracted legs: two of them at least
  const loops = new Map([...minCounts(a.wires, b.wires)].map(([k, v]) => [k, Math.min(v, Math.floor(a.cols.filter((s) => s.key === k).length / 2))]));
  const coef = addCounts(a.coef, b.coef, loopCoef(loops, a.cols, fail));
  return tensor(a.rows, b.cols, { legs, coef, wires: addCounts(a.wires, b.wires) });
}

/** Row legs joined to column legs (a trace; ⟨A, B⟩ = tr(AᵀB) is the product, then this). */
export function closeTensor(a: Tensor, fail: (reason: string) => never): Tensor {
  if (a.zero) return zeroTensor([], []);
  if (!sameLegs(a.rows, a.cols)) fail(`a trace joins the legs ${describeLegs(a)}, which are not the same index structure`);
  return scalarTensor(addCounts(a.coef, loopCoef(a.wires, a.rows, fail)), a.legs);
}

/** A ⊗ B: A's legs are the more significant. */
export function kronTensor(a: Tensor, b: Tensor): Tensor {
  const [rows, cols] = [[...a.rows, ...b.rows], [...a.cols, ...b.cols]];
  if (a.zero || b.zero) return zeroTensor(rows, cols);
  return tensor(rows, cols, { legs: addCounts(a.legs, b.legs), wires: addCounts(a.wires, b.wires), coef: addCounts(a.coef, b.coef) });
}

/** Terms of a sum: one index structure; a monomial comes from one term, so the bounds are maxima. */
export function sumTensor(terms: readonly Tensor[], fail: (reason: string) => never): Tensor {
  const live = terms.filter((t) => !t.zero);
  if (live.length === 0) return terms[0]!;
  const first = live[0]!;
  for (const t of live.slice(1))
    if (!sameLegs(t.rows, first.rows) || !sameLegs(t.cols, first.cols))
      fail(`a sum adds ${describeLegs(first)} and ${describeLegs(t)}, which are not the same index structure`);
  const max = (f: (t: Tensor) => Counts) => maxCounts(...live.map(f));
  return { rows: first.rows, cols: first.cols, legs: max((t) => t.legs), wires: max((t) => t.wires), coef: max((t) => t.coef) };
}
