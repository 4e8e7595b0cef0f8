import { type Claim, type Env, type Expr, type SizeBinding, children, expandDefinitions } from '../expr/index.js';
import { type Matrix, type ModularField, modularField, randomModMatrix, randomModular, randomPrime, zeros } from '../linalg/index.js';
import type { Rng } from '../linalg/random.js';
import type { ProofSetting } from './setting.js';

/** A random prime for the step, redrawn in the (unlikely) case that it divides a constant's denominator. */
export function fieldFor(setting: ProofSetting, claim: Claim, rng: Rng): ModularField {
  const dens: bigint[] = [];
  const collect = (e: Expr): void => {
    if (e.kind === 'num') dens.push(e.value.den);
    children(e).forEach(collect);
  };
  (claim.kind === 'equation' ? claim.sides : [claim.expr]).forEach((e) => collect(expandDefinitions(e, setting.definitions)));
  for (;;) {
    const p = randomPrime(rng);
    if (dens.every((d) => d % BigInt(p) !== 0n)) return modularField(p);
  }
}

/**
 * An instance over the prime field for the all-sizes check: every declared matrix, scalar, family member and
 * differential direction with independent uniform entries in F_p, and the members a `W[i] = 0` hypothesis names set
 * to zero (the only hypotheses such a step may have).
 */
export function sampleModular(setting: ProofSetting, sizes: SizeBinding, F: ModularField, rng: Rng): Env<number> {
  const random = (rows: number, cols: number) => randomModMatrix(rng, F.p, rows, cols);
  const H = sizes.H as number;
  const dim = (s: { evaluate(b: SizeBinding): number }, extra: Record<string, number> = {}) => s.evaluate({ ...sizes, ...extra });
  const symbols: Record<string, Matrix<number>> = {};
  const scalars: Record<string, number> = {};
  for (const s of setting.symbols) {
    if (s.dims.length === 0) scalars[s.name] = randomModular(rng, F.p);
    else symbols[s.name] = random(dim(s.dims[0]!), dim(s.dims[1]!));
  }
  const families: Record<string, Matrix<number>[]> = {};
  for (const f of setting.families)
    families[f.name] = Array.from({ length: H + 1 }, (_, i) =>
      random(dim(f.dims[0]!, { [f.param]: i + 1 }), dim(f.dims[1]!, { [f.param]: i + 1 })),
    );
  // as the exact sampler: every family member moves, and the declared matrices listed in `vary:`
  const directions = {
    families: Object.fromEntries(Object.entries(families).map(([k, list]) => [k, list.map((M) => random(M.rows, M.cols))])),
    symbols: Object.fromEntries(setting.varied.map((k) => [k, random(symbols[k]!.rows, symbols[k]!.cols)])),
  };
  for (const h of setting.hypotheses) {
    if (h.kind !== 'zero') continue;
    const list = families[h.family]!;
    const which = h.index ? [dim(h.index) - 1] : list.map((_, i) => i);
    for (const i of which) if (list[i]) list[i] = zeros(F, list[i]!.rows, list[i]!.cols);
  }
  return { sizes, symbols, scalars, families, directions, definitions: setting.definitions, context: setting.context, memo: new Map() };
}
