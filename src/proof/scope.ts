import { type ClaimStructure, Size, type SizeBinding, atomName, claimStructure, sizeCoef } from '../expr/index.js';
import { lateRanges, widthRange } from './instances.js';
import type { ParsedStep, ProofSetting } from './setting.js';

/**
 * Which steps get an all-sizes verdict, and at which sizes they must be evaluated for it (docs/verdicts.md).
 * A polynomial identity whose nodes all have a place in the diagram argument (expr/tensor.ts) holds for every
 * size once it holds, identically in the entries, at sizes where the diagrams are independent — each size at
 * least its `need` — and at one more value of each size atom than the coefficients' degree in it.
 */

export interface SizeGrid {
  /** H and the index values. */
  readonly combo: Readonly<Record<string, number>>;
  readonly points: readonly SizeBinding[];
}

export type AllSizesPlan = { readonly kind: 'all'; readonly grids: readonly SizeGrid[] } | { readonly kind: 'tried'; readonly why: string };

/** More points or larger sizes than this and the step is checked on the sizes tried only. */
export const MAX_GRID_POINTS = 64;
export const MAX_GRID_SIZE = 24;

/** Size names that range over every positive integer: the ones a file declares no range for (p is min(d[1…H])). */
export function freeSizes(setting: ProofSetting): Set<string> {
  const ranged = new Set(setting.ranges.map((r) => r.name));
  return new Set([...setting.sizeVars, 'm'].filter((v) => v !== 'p' && !ranged.has(v)));
}

export function allSizesPlan(setting: ProofSetting, ps: ParsedStep, combos: readonly Record<string, number>[]): AllSizesPlan {
  const conditions = setting.hypotheses.filter((h) => h.kind !== 'zero');
  if (conditions.length > 0)
    return {
      kind: 'tried',
      why: `checked under ${hypothesisNames(conditions)}: the instances come from samplers, and no theorem extends them to every point the hypotheses allow`,
    };
  const free = freeSizes(setting);
  const grids: SizeGrid[] = [];
  for (const combo of combos) {
    // size equalities the shape check left open (d[H+1] against d3) are decided once H and the indices are known
    const at = Object.fromEntries(Object.entries(combo).map(([k, v]) => [k, Size.int(v)]));
    const open = ps.deferred.find((d) => d.a.substitute(at).compare(d.b.substitute(at)) !== 'equal');
    if (open) return { kind: 'tried', why: `the shapes agree only on some sizes (${open.message})` };
    const zero = zeroMembers(setting, combo);
    if (zero === undefined) return { kind: 'tried', why: 'a zero hypothesis names a layer that depends on the sizes' };
    const structure = claimStructure(ps.claim, { context: setting.context, definitions: setting.definitions, scope: combo, free, zero });
    if (!structure.inside) return { kind: 'tried', why: structure.why };
    const points = grid(setting, combo, structure, free);
    if (typeof points === 'string') return { kind: 'tried', why: points };
    grids.push({ combo, points });
  }
  return { kind: 'all', grids };
}

/** `critical, psd-hessian and a condition`: the hypotheses by kind (their text may be LaTeX, unfit for every output). */
function hypothesisNames(hs: readonly ProofSetting['hypotheses'][number][]): string {
  const names = [...new Set(hs.map((h) => (h.kind === 'predicate' ? 'a condition on the instance' : h.kind === 'data-A' ? '(A)' : h.kind)))];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The members `W[i] = 0` fixes on this combination, as a predicate; undefined when an index depends on sizes. */
function zeroMembers(setting: ProofSetting, combo: Readonly<Record<string, number>>): ((family: string, index: number) => boolean) | undefined {
  const fixed: { family: string; index?: number }[] = [];
  for (const h of setting.hypotheses) {
    if (h.kind !== 'zero') continue;
    if (!h.index) fixed.push({ family: h.family });
    else {
      const i = h.index.constant() ?? (h.index.freeVars().size > 0 && [...h.index.freeVars()].every((v) => v in combo) ? h.index.evaluate(combo) : undefined);
      if (i === undefined) return undefined;
      fixed.push({ family: h.family, index: i });
    }
  }
  return (family, index) => fixed.some((z) => z.family === family && (z.index === undefined || z.index === index));
}

type Structure = Extract<ClaimStructure, { inside: true }>;

/**
 * The sizes to evaluate at: each atom (widths d[i], free sizes) from its lower bound (its needs, a declared width
 * range) through one value per degree of the coefficients in it; all combinations of those values.
 */
function grid(setting: ProofSetting, combo: Readonly<Record<string, number>>, s: Structure, free: ReadonlySet<string>): SizeBinding[] | string {
  const H = combo.H!;
  const [wlo, whi] = widthRange(setting);
  const widthAtoms = Array.from({ length: H + 2 }, (_, i) => `d[${i}]`);
  const atoms = [...widthAtoms, ...free];
  const lower = new Map(atoms.map((a) => [a, a.startsWith('d[') ? wlo : 1]));
  for (const need of s.needs) {
    const single = singleAtom(need.size);
    if (single && lower.has(single)) lower.set(single, Math.max(lower.get(single)!, need.count));
  }
  for (let attempt = 0; attempt < 32; attempt++) {
    const values = atoms.map((a) => Array.from({ length: (s.coef.get(a) ?? 0) + 1 }, (_, i) => lower.get(a)! + i));
    const largest = Math.max(...values.flat());
    if (largest > MAX_GRID_SIZE) return `the all-sizes argument needs sizes up to ${largest} (the limit is ${MAX_GRID_SIZE})`;
    const widest = Math.max(...values.slice(0, H + 2).flat());
    if (widest > whi) return `the all-sizes argument needs widths up to ${widest}, beyond the declared range of d`;
    const count = values.reduce((n, v) => n * v.length, 1);
    if (count > MAX_GRID_POINTS) return `the coefficients depend on the sizes to a degree that needs ${count} size combinations`;
    const points = product(values).map((v) => binding(setting, combo, atoms, v));
    const short = s.needs.find((need) => points.some((b) => need.size.evaluate(b) < need.count));
    if (!short) return points;
    // a composite size (n+1, 2n, n·m) too small somewhere: raise its atoms and try again
    for (const a of sizeCoef(short.size)?.keys() ?? []) if (lower.has(a)) lower.set(a, lower.get(a)! + 1);
  }
  return 'no sizes satisfy the all-sizes argument within its limits';
}

/** `n` or `d[2]` when the size is exactly that atom. */
function singleAtom(s: Size): string | undefined {
  const t = s.terms;
  return t.length === 1 && t[0]!.coef === 1 && t[0]!.atoms.length === 1 ? atomName(t[0]!.atoms[0]!) : undefined;
}

function product(lists: readonly (readonly number[])[]): number[][] {
  return lists.reduce<number[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

function binding(setting: ProofSetting, combo: Readonly<Record<string, number>>, atoms: readonly string[], values: readonly number[]): SizeBinding {
  const H = combo.H!;
  const d = values.slice(0, H + 2);
  const out: Record<string, number | number[]> = { ...combo, d };
  atoms.slice(H + 2).forEach((a, i) => (out[a] = values[H + 2 + i]!));
  out.m ??= 1;
  out.p = H >= 1 ? Math.min(...d.slice(1, H + 1)) : 1;
  // ranges whose bounds depend on sizes take their lower bound: the step does not use them (else it is not here)
  for (const r of lateRanges(setting)) out[r.name] ??= r.lo.evaluate(out);
  for (const v of setting.sizeVars) out[v] ??= 1;
  return out;
}

