import { InputError } from '../errors.js';
import type { Matrix, Rational } from '../linalg/index.js';
import { ENTRYWISE_LIMITS, EntrywiseDerivation, type EntrywiseData, entrywiseCost } from '../scalar/entries.js';
import type { Parameter } from '../scalar/names.js';
import { InfixPrinter } from '../scalar/print.js';

/** What `dln derive --entries --format json` prints: one symbol per weight entry and the expanded entries. */
export interface EntriesAnswer {
  readonly parameters: readonly Parameter[];
  /** ∂L/∂(parameter), in the parameter order, as polynomials in SymPy's syntax with `^`. */
  readonly gradient: readonly string[];
  /** The Hessian, full and symmetric (only when asked for). */
  readonly hessian?: readonly (readonly string[])[];
}

export interface EntriesOptions {
  /** `[d_0, …, d_{H+1}]`. */
  readonly widths: readonly number[];
  /** Numeric data (a network's X and Y), or symbolic data with this many samples (default d_0). */
  readonly data: { readonly X: Matrix<Rational>; readonly Y: Matrix<Rational> } | { readonly samples?: number };
  readonly hessian?: boolean;
}

/**
 * The gradient (and Hessian) of the loss entry by entry, as expanded polynomials over exact rationals, within the
 * limits `dln derive --entries` applies (an InputError at `widths` beyond them).
 */
export function deriveEntries(options: EntriesOptions): EntriesAnswer {
  const { widths, data } = options;
  const withHessian = !!options.hessian;
  const entrywise: EntrywiseData = 'X' in data ? { kind: 'numeric', X: data.X, Y: data.Y } : { kind: 'symbolic', samples: data.samples ?? widths[0]! };
  checkEntrywiseSize('widths', widths, entrywise.kind === 'numeric' ? 0 : (widths[0]! + widths[widths.length - 1]!) * entrywise.samples);
  checkEntrywiseCost('widths', widths, entrywise, withHessian);
  const d = new EntrywiseDerivation(widths, entrywise);
  const p = new InfixPrinter(d.variables.names);
  const gradient = d.gradient().map((g) => p.print(g));
  if (!withHessian) return { parameters: d.parameters, gradient };
  // each entry printed once, from the upper triangle, and mirrored
  const H = d.hessian();
  const hessian = H.map(() => new Array<string>(H.length));
  for (let i = 0; i < H.length; i++) for (let j = i; j < H.length; j++) hessian[i]![j] = hessian[j]![i] = p.print(H[i]![j]!);
  return { parameters: d.parameters, gradient, hessian };
}

/** The entrywise limits (parameters, symbols) as one-line InputErrors at `where`. */
export function checkEntrywiseSize(where: string, widths: readonly number[], dataSymbols: number): void {
  let params = 0;
  for (let k = 1; k < widths.length; k++) params += widths[k]! * widths[k - 1]!;
  if (params > ENTRYWISE_LIMITS.maxParameters)
    throw new InputError(where, `widths [${widths.join(',')}] have ${params} parameters; entrywise derivation allows at most ${ENTRYWISE_LIMITS.maxParameters}`);
  if (params + dataSymbols > ENTRYWISE_LIMITS.maxVariables)
    throw new InputError(where, `${params} weights and ${dataSymbols} data symbols exceed ${ENTRYWISE_LIMITS.maxVariables} symbols`);
}

/** The cost of expanding the built-in loss's entries (`entrywiseCost`), refused at `where` beyond the limits. */
export function checkEntrywiseCost(where: string, widths: readonly number[], data: EntrywiseData, withHessian: boolean): void {
  const cost = entrywiseCost(widths, dataTerms(data), withHessian);
  const what = `the ${withHessian ? 'gradient and Hessian' : 'gradient'} of widths [${widths.join(',')}]`;
  if (cost.products > ENTRYWISE_LIMITS.maxProducts)
    throw new InputError(where, `expanding ${what} takes about ${cost.products.toExponential(1)} monomial products, more than the limit of ${ENTRYWISE_LIMITS.maxProducts.toExponential(0)}; choose smaller widths or fewer layers`);
  if (cost.terms > ENTRYWISE_LIMITS.maxTerms)
    throw new InputError(where, `${what} can have up to ${cost.terms} terms, more than the limit of ${ENTRYWISE_LIMITS.maxTerms}; choose smaller widths or fewer layers`);
}

/** Terms of each data entry: one symbol each, or one constant unless it is zero. */
function dataTerms(data: EntrywiseData): Parameters<typeof entrywiseCost>[1] {
  if (data.kind === 'symbolic') return { samples: data.samples, dataTerms: () => 1 };
  return { samples: data.X.cols, dataTerms: (which, i, s) => ((which === 'X' ? data.X : data.Y).data[i * data.X.cols + s]!.isZero() ? 0 : 1) };
}
