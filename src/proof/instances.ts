import { type SizeBinding, WIDTHS, userRecord } from '../expr/index.js';
import { type Rng, randomInt } from '../linalg/random.js';
import type { ProofSetting, RangeVar } from './setting.js';

/** Hidden layers tried when a file uses H without giving its range. */
export const DEFAULT_H_RANGE = [1, 3] as const;
/** Widths and other sizes are drawn from 1…MAX_SIZE: small counterexamples, yet 1×1 and ≥2 cases both occur. */
export const MAX_SIZE = 3;

export interface InstanceSizes {
  readonly binding: SizeBinding;
  /** `H=2, k=1, d=(2,1,3,2), m=2`. */
  readonly label: string;
}

/** Large sizes, for steps with no all-sizes argument: claims true only for small matrices fail there. */
export const LARGE_SIZES = [4, 6] as const;

/**
 * Ranges whose bounds use only H and earlier ranges (enumerated so every value occurs over the trials), and the
 * others, whose bounds depend on sizes (every value enumerated on each instance). `H` and the width range `d` are
 * handled apart.
 */
function splitRanges(setting: ProofSetting): { early: RangeVar[]; late: RangeVar[] } {
  const early: RangeVar[] = [];
  const late: RangeVar[] = [];
  const known = new Set(['H']);
  for (const r of setting.ranges) {
    if (r.name === 'H' || r.name === WIDTHS) continue;
    const vars = new Set<string>();
    r.lo.freeVars(vars);
    r.hi.freeVars(vars);
    if ([...vars].every((v) => known.has(v))) {
      early.push(r);
      known.add(r.name);
    } else late.push(r);
  }
  return { early, late };
}

export const lateRanges = (setting: ProofSetting): RangeVar[] => splitRanges(setting).late;

/** The range every width d[i] is drawn from: a declared `d: [lo, hi]`, else all positive integers. */
export function widthRange(setting: ProofSetting): [number, number] {
  const r = setting.ranges.find((x) => x.name === WIDTHS);
  return r ? [r.lo.evaluate({}), r.hi.evaluate({})] : [1, Number.POSITIVE_INFINITY];
}

export function hRange(setting: ProofSetting): [number, number] {
  if (!setting.usedSizes.has('H')) return [1, 1]; // H is irrelevant: one value, not three alike combinations
  const r = setting.ranges.find((x) => x.name === 'H');
  if (!r) return [...DEFAULT_H_RANGE];
  return [r.lo.evaluate({}), r.hi.evaluate({})];
}

/** At most this many combinations of H and the early ranges are enumerated (the report says when there are more). */
export const MAX_COMBINATIONS = 256;

/** The number of combinations of H and the early ranges, counted up to `limit`. */
export function countCombinations(setting: ProofSetting, limit = 1_000_000): number {
  return rangeCombinations(setting, limit).length;
}

/** Every combination of H and the early ranges (capped), in order. */
export function rangeCombinations(setting: ProofSetting, cap = MAX_COMBINATIONS): Record<string, number>[] {
  const { early } = splitRanges(setting);
  const [h0, h1] = hRange(setting);
  const out: Record<string, number>[] = [];
  const rec = (i: number, acc: Record<string, number>) => {
    if (out.length >= cap) return;
    if (i === early.length) {
      out.push({ ...acc });
      return;
    }
    const r = early[i]!;
    const lo = r.lo.evaluate(acc), hi = r.hi.evaluate(acc);
    for (let v = lo; v <= hi; v++) rec(i + 1, { ...acc, [r.name]: v });
  };
  for (let H = h0; H <= h1; H++) rec(0, { H });
  return out;
}

/**
 * The sizes of trial t: the t-th range combination (cycling; its values win over drawn ones, so a declared range
 * of m or n is honoured), widths d[0…H+1] (within a declared width range) and other sizes drawn from a set that
 * alternates {2,3}, {1,2,3}, {1,2}: the first trials avoid 1×1 accidents, later ones include them. `large` draws
 * every size from LARGE_SIZES…largest instead. Late ranges get a random value (the checker enumerates the others when
 * no hypothesis depends on them).
 * Returns undefined when a late range is empty on the drawn sizes (the caller draws again).
 */
export function instanceSizes(
  setting: ProofSetting,
  combos: readonly Record<string, number>[],
  t: number,
  rng: Rng,
  large?: number,
): InstanceSizes | undefined {
  const combo = combos[t % combos.length]!;
  const H = combo.H!;
  const lo = large ? LARGE_SIZES[0] : t % 3 === 0 ? 2 : 1;
  const hi = large ?? (t % 3 === 2 ? 2 : MAX_SIZE);
  const [wlo, whi] = widthRange(setting);
  const [dlo, dhi] = lo > whi || hi < wlo ? [wlo, Math.min(whi, wlo + MAX_SIZE - 1)] : [Math.max(lo, wlo), Math.min(hi, whi)];
  const d = Array.from({ length: H + 2 }, () => randomInt(rng, dlo, dhi));
  const binding: Record<string, number | number[]> = Object.assign(userRecord(), combo, { d, m: randomInt(rng, lo, hi) }, combo);
  if (H >= 1) binding.p = Math.min(...d.slice(1, H + 1));
  for (const v of setting.sizeVars) if (!(v in binding)) binding[v] = randomInt(rng, lo, hi);
  for (const r of splitRanges(setting).late) {
    const a = r.lo.evaluate(binding), b = r.hi.evaluate(binding);
    if (a > b) return undefined;
    binding[r.name] = randomInt(rng, a, b);
  }
  return { binding, label: sizeLabel(binding, setting.usedSizes) };
}

/**
 * Every assignment of the late ranges on these sizes (bounds may use earlier ones), at most `cap` of them (an
 * even spread when there are more), with their total.
 */
export function lateAssignments(setting: ProofSetting, binding: SizeBinding, cap: number): { assignments: Record<string, number>[]; total: number } {
  const late = splitRanges(setting).late;
  const all: Record<string, number>[] = [];
  let total = 0;
  const rec = (i: number, acc: Record<string, number>) => {
    if (i === late.length) {
      total++;
      if (all.length < cap * 8) all.push({ ...acc });
      return;
    }
    const b = { ...binding, ...acc };
    const [lo, hi] = [late[i]!.lo.evaluate(b), late[i]!.hi.evaluate(b)];
    for (let v = lo; v <= hi && total <= cap * 64; v++) rec(i + 1, { ...acc, [late[i]!.name]: v });
  };
  rec(0, {});
  if (all.length <= cap) return { assignments: all, total };
  const step = all.length / cap;
  return { assignments: Array.from({ length: cap }, (_, i) => all[Math.floor(i * step)]!), total };
}

export const NO_SIZES = 'no symbolic sizes';

/** `H=2, k=1, d=(2,1,3,2), m=2`, limited to the names the file uses. */
export function sizeLabel(binding: SizeBinding, used: ReadonlySet<string>): string {
  const parts = Object.entries(binding)
    .filter(([k]) => used.has(k))
    .map(([k, v]) => (Array.isArray(v) ? `${k}=(${v.join(',')})` : `${k}=${v}`));
  return parts.length > 0 ? parts.join(', ') : NO_SIZES;
}

/** Flattens a binding for reports, limited to the names the file uses: { H: 2, "d[0]": 3, … }. */
export function flatBinding(binding: SizeBinding, used: ReadonlySet<string>): Record<string, number> {
  const out = userRecord<number>();
  for (const [k, v] of Object.entries(binding)) {
    if (!used.has(k)) continue;
    if (typeof v === 'number') out[k] = v;
    else v.forEach((x, i) => (out[`${k}[${i}]`] = x));
  }
  return out;
}
