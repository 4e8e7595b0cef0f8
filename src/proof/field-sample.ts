import type { Env, SizeBinding } from '../expr/index.js';
import { type Matrix, Modular, randomModMatrix, randomModular, zeros } from '../linalg/index.js';
import type { Rng } from '../linalg/random.js';
import type { ProofSetting } from './setting.js';

/**
 * An instance over the prime field for the all-sizes check: every declared matrix, scalar, family member and
 * differential direction with independent uniform entries in F_p, and the members a `W[i] = 0` hypothesis names set
 * to zero (the only hypotheses such a step may have).
 */
export function sampleModular(setting: ProofSetting, sizes: SizeBinding, rng: Rng): Env<number> {
  const H = sizes.H as number;
  const dim = (s: { evaluate(b: SizeBinding): number }, extra: Record<string, number> = {}) => s.evaluate({ ...sizes, ...extra });
  const symbols: Record<string, Matrix<number>> = {};
  const scalars: Record<string, number> = {};
  for (const s of setting.symbols) {
    if (s.dims.length === 0) scalars[s.name] = randomModular(rng);
    else symbols[s.name] = randomModMatrix(rng, dim(s.dims[0]!), dim(s.dims[1]!));
  }
  const families: Record<string, Matrix<number>[]> = {};
  for (const f of setting.families)
    families[f.name] = Array.from({ length: H + 1 }, (_, i) =>
      randomModMatrix(rng, dim(f.dims[0]!, { [f.param]: i + 1 }), dim(f.dims[1]!, { [f.param]: i + 1 })),
    );
  const directions = {
    families: Object.fromEntries(Object.entries(families).map(([k, list]) => [k, list.map((M) => randomModMatrix(rng, M.rows, M.cols))])),
  };
  for (const h of setting.hypotheses) {
    if (h.kind !== 'zero') continue;
    const list = families[h.family]!;
    const which = h.index ? [dim(h.index) - 1] : list.map((_, i) => i);
    for (const i of which) if (list[i]) list[i] = zeros(Modular, list[i]!.rows, list[i]!.cols);
  }
  return { sizes, symbols, scalars, families, directions, definitions: setting.definitions, context: setting.context, memo: new Map() };
}
