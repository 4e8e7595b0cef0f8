import { type Claim, type Expr, build as b, children, expandDefinitions, rewrite, toSource } from '../expr/index.js';
import { InputError } from '../errors.js';
import { scalarIdentity } from '../scalar/nerdamer.js';
import type { ProofSetting } from './setting.js';

const SCALAR_KINDS = new Set(['num', 'sym', 'add', 'neg', 'mul', 'div']);

/**
 * Scalar steps (every side built from declared scalars and numbers with + − × ÷ and constant powers) are also
 * checked symbolically: lhs − rhs must expand to 0, exactly by the polynomial core when the sides are
 * polynomials, else by nerdamer's simplifier. Names are renamed to v1, v2, … first, since nerdamer reads e, i, E and pi as constants.
 * Returns undefined when this does not apply or is inconclusive.
 */
export function symbolicScalarCheck(
  claim: Claim,
  setting: ProofSetting,
): { holds: boolean; method: string; detail: string } | undefined {
  // An identity under hypotheses need not hold for all values: the symbolic check applies only without them.
  if (claim.kind !== 'equation' || setting.hypotheses.length > 0) return undefined;
  const scalars = new Set(setting.symbols.filter((s) => s.dims.length === 0).map((s) => s.name));
  const sides = claim.sides.map((e) => expandDefinitions(e, setting.definitions));
  // powers with a constant exponent ≥ 0 are polynomials too (x^k with k a size is not in this fragment)
  const ok = (e: Expr): boolean =>
    (SCALAR_KINDS.has(e.kind) || (e.kind === 'pow' && (e.exponent.constant() ?? -1) >= 0)) &&
    (e.kind !== 'sym' || scalars.has(e.name)) &&
    children(e).every(ok);
  if (!sides.every(ok)) return undefined;
  const names = [...scalars];
  const renamed = sides.map((e) =>
    toSource(rewrite(e, (x) => (x.kind === 'sym' ? b.sym(`v${names.indexOf(x.name) + 1}`) : x))),
  );
  const methods = new Set<string>();
  for (let i = 1; i < renamed.length; i++) {
    let r: ReturnType<typeof scalarIdentity>;
    try {
      r = scalarIdentity(renamed[i - 1]!, renamed[i]!);
    } catch (e) {
      // text the engines cannot read (nerdamer: "Division by zero" in 2/(2 - 2)) decides nothing; the exact
      // evaluation on instances still checks the step
      if (e instanceof InputError) return undefined;
      throw e;
    }
    const method = r.engine === 'polynomial' ? 'symbolic expansion (exact polynomial arithmetic)' : 'symbolic simplification (nerdamer)';
    methods.add(method);
    if (r.refuted)
      return {
        holds: false,
        method,
        detail: `expand(side ${i} − side ${i + 1}) = ${r.difference} ≠ 0 (v1…: ${names.join(', ')})`,
      };
    // nerdamer's non-zero result may just be unsimplified: it refutes nothing, and proves nothing either.
    if (!r.holds) return undefined;
  }
  return { holds: true, method: [...methods].join(' and '), detail: 'Symbolically, lhs − rhs expands to 0.' };
}
