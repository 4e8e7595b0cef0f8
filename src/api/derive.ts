import { InputError } from '../errors.js';
import type { Matrix, Rational } from '../linalg/index.js';
import { ENTRYWISE_LIMITS, EntrywiseDerivation } from '../scalar/entries.js';
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

/** The gradient (and Hessian) of the loss entry by entry, as expanded polynomials over exact rationals. */
export function deriveEntries(options: EntriesOptions): EntriesAnswer {
  const { widths, data } = options;
  const numeric = 'X' in data;
  const samples = numeric ? 0 : (data.samples ?? widths[0]!);
  checkEntrywiseSize('widths', widths, numeric ? 0 : (widths[0]! + widths[widths.length - 1]!) * samples);
  const derivation = new EntrywiseDerivation(widths, numeric ? { kind: 'numeric', X: data.X, Y: data.Y } : { kind: 'symbolic', samples });
  return entriesAnswer(derivation, !!options.hessian);
}

/** The answer for a derivation set up already (the command line sets up its own, with its error locations). */
export function entriesAnswer(d: EntrywiseDerivation, withHessian: boolean): EntriesAnswer {
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
