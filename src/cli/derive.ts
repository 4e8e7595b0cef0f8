import { matrixFormLimitProblem } from '../calculus/limits.js';
import { InputError } from '../errors.js';
import { loadNetwork, NETWORK_LIMITS } from '../landscape/network.js';
import { checkEntrywiseCost, checkEntrywiseSize } from '../api/derive.js';
import { EntrywiseDerivation, type EntrywiseData, TermLimitExceeded } from '../scalar/entries.js';
import { LossDerivation } from '../scalar/loss.js';
import type { Parameter, Variables } from '../scalar/names.js';
import { printable } from '../text.js';
import { writeStdout } from './io.js';
import { InfixPrinter, LatexPrinter } from '../scalar/print.js';
import type { Poly } from '../scalar/poly.js';
import { bmatrix } from '../render/tables.js';

/** Commander's parsed options for `dln derive`. */
export interface DeriveOptions {
  network?: string;
  widths?: string;
  symbolicData?: boolean;
  samples?: string;
  hessian?: boolean;
  entries?: boolean;
  format?: string;
  json?: boolean;
  loss?: string;
}

/** What the writers need of an entrywise derivation: the built-in loss, or a user's (`--loss`). */
interface Entrywise {
  readonly widths: readonly number[];
  readonly parameters: readonly Parameter[];
  readonly variables: Variables;
  /** A user's loss as written; absent for ½‖W_{H+1}⋯W_1 X − Y‖²_F. */
  readonly lossText?: { readonly text: string; readonly latex: string };
  loss(): Poly;
  gradient(): Poly[];
  hessian(): Poly[][];
}

type Format = 'text' | 'latex' | 'json';
const FORMATS: readonly Format[] = ['text', 'latex', 'json'];

/**
 * `dln derive`: the gradient (and with --hessian the Hessian) of L = ½‖W_{H+1}⋯W_1 X − Y‖²_F.
 * With --entries: expanded polynomials for concrete widths, from a network file's numeric data or with
 * symbolic data (--widths … [--symbolic-data] [--samples m], m = d_0 by default). --loss replaces that loss by the
 * user's (entrywise, so --entries is implied; with --widths it has no data unless --symbolic-data is given).
 */
export function run(opts: DeriveOptions): number | Promise<number> {
  const format = formatOf(opts);
  if (!opts.entries && opts.loss === undefined) return runMatrixForm(opts, format);
  const { derivation, source } = entrywiseProblem(opts, !!opts.hessian);
  try {
    renderEntries(derivation, format, !!opts.hessian, source, writeStdout);
  } catch (e) {
    // the estimate bounds the work; the exact term count, charged as entries are computed (before anything is
    // printed), bounds the output
    if (e instanceof TermLimitExceeded)
      throw new InputError(opts.network ?? '--widths', `${e.message}; choose smaller widths or fewer layers`);
    throw e;
  }
  return 0;
}

function formatOf(opts: DeriveOptions): Format {
  if (opts.json && opts.format !== undefined && opts.format !== 'json')
    throw new InputError('--json', `conflicts with --format ${opts.format}`);
  const f = opts.json ? 'json' : (opts.format ?? 'text');
  if (!(FORMATS as readonly string[]).includes(f))
    throw new InputError('--format', `expected text, latex or json, got "${f}"`);
  return f as Format;
}

function entrywiseProblem(opts: DeriveOptions, withHessian: boolean): { derivation: Entrywise; source: string } {
  if ((opts.network === undefined) === (opts.widths === undefined))
    throw new InputError(`derive ${opts.loss === undefined ? '--entries' : '--loss'}`, 'give exactly one of --network FILE (numeric data) or --widths LIST (symbolic data)');
  // --widths without a network file has no numeric data: the built-in loss takes symbolic data (--symbolic-data is
  // implied), a user's loss none unless asked for
  const symbolic = opts.widths !== undefined && (opts.symbolicData || opts.loss === undefined);
  if (opts.samples !== undefined && !symbolic) throw new InputError('--samples', `only goes with ${opts.loss === undefined ? '--widths' : '--symbolic-data'} (symbolic data)`);
  if (opts.loss !== undefined && opts.loss.trim() === '') throw new InputError('--loss', 'empty expression');
  let widths: number[];
  let data: EntrywiseData | undefined;
  let source: string;
  if (opts.network !== undefined) {
    if (opts.symbolicData)
      throw new InputError('--symbolic-data', 'goes with --widths; a network file supplies numeric data');
    const net = loadNetwork(opts.network);
    widths = net.widths;
    data = { kind: 'numeric', X: net.X, Y: net.Y };
    source = `data from ${printable(opts.network)} (${net.X.cols} sample${net.X.cols === 1 ? '' : 's'})`;
    checkEntrywiseSize(opts.network, widths, 0);
  } else if (!symbolic) {
    // a loss without X and Y needs no data (the loss reports it if it does)
    widths = parseWidths(opts.widths!);
    source = 'no data';
    checkEntrywiseSize('--widths', widths, 0);
  } else {
    widths = parseWidths(opts.widths!);
    const samples = opts.samples === undefined ? widths[0]! : parseSamples(opts.samples);
    data = { kind: 'symbolic', samples };
    source = `symbolic data, ${samples} sample${samples === 1 ? '' : 's'}: xr{a}c{s} = X_{as}, yr{a}c{s} = Y_{as}`;
    checkEntrywiseSize('--widths', widths, (widths[0]! + widths[widths.length - 1]!) * samples);
  }
  if (opts.loss !== undefined) return { derivation: new LossDerivation(widths, data, opts.loss, '--loss'), source };
  checkEntrywiseCost(opts.network ?? '--widths', widths, data!, withHessian);
  return { derivation: new EntrywiseDerivation(widths, data!), source };
}

function parseWidths(text: string): number[] {
  // At least three widths (H ≥ 1), as in the paper and in network files.
  if (!/^\s*\d+\s*(,\s*\d+\s*){2,}$/.test(text))
    throw new InputError('--widths', `expected at least three comma-separated positive integers such as 2,3,2, got "${text}"`);
  const widths = text.split(',').map((s) => Number(s.trim()));
  if (widths.some((d) => d < 1 || !Number.isSafeInteger(d)))
    throw new InputError('--widths', `every width must be a positive integer, got "${text}"`);
  if (widths.length - 1 > NETWORK_LIMITS.maxLayers || widths.some((d) => d > NETWORK_LIMITS.maxWidth))
    throw new InputError('--widths', `at most ${NETWORK_LIMITS.maxLayers} weight matrices of widths up to ${NETWORK_LIMITS.maxWidth} (as in network files), got "${text}"`);
  return widths;
}

function parseSamples(text: string): number {
  const m = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(m) || m < 1) throw new InputError('--samples', `expected a positive integer, got "${text}"`);
  return m;
}

/**
 * Writes the entries as they are printed (synchronously, `writeStdout`), so that memory holds the polynomials and
 * the printed upper Hessian triangle, never the whole output as one string.
 */
function renderEntries(d: Entrywise, format: Format, withHessian: boolean, source: string, write: (chunk: string) => void): void {
  const gradient = d.gradient();
  const hessian = withHessian ? d.hessian() : undefined;
  const n = d.parameters.length;
  if (format === 'json') {
    const p = new InfixPrinter(d.variables.names);
    write(`{"parameters":${JSON.stringify(d.parameters)},"gradient":[${gradient.map((g) => JSON.stringify(p.print(g))).join(',')}]`);
    if (hessian) {
      const upper = upperStrings(hessian, (h) => JSON.stringify(p.print(h)));
      write(',"hessian":[');
      for (let i = 0; i < n; i++)
        write(`${i > 0 ? ',' : ''}[${Array.from({ length: n }, (_, j) => (i <= j ? upper[i]![j - i]! : upper[j]![i - j]!)).join(',')}]`);
      write(']');
    }
    write('}\n');
    return;
  }
  const line = (s: string) => write(`${s}\n`);
  const loss = d.loss();
  if (format === 'text') {
    const p = new InfixPrinter(d.variables.names);
    line(`# L = ${d.lossText?.text ?? `½‖W_${d.widths.length - 1}⋯W_1 X − Y‖²_F`}, widths [${d.widths.join(', ')}], ${n} parameters (w{k}r{a}c{b} = (W_k)_{ab}), ${source}`);
    line(`L = ${p.print(loss)}`);
    d.parameters.forEach((q, i) => line(`∂L/∂${q.name} = ${p.print(gradient[i]!)}`));
    if (hessian) {
      line('# Hessian, upper triangle (it is symmetric)');
      const name = (i: number) => d.parameters[i]!.name;
      forUpper(hessian, (h, i, j) => line(`∂²L/${i === j ? `∂${name(i)}²` : `∂${name(i)}∂${name(j)}`} = ${p.print(h)}`));
    }
    return;
  }
  // one formula per line: the gradient as one matrix per layer, the Hessian as blocks (W_j, W_k), j ≤ k, in the
  // paper's coordinates vec(W_kᵀ) (the parameter order), written by the same bmatrix writer as the appendix
  const p = new LatexPrinter(d.variables.latex);
  const layers = [...new Set(d.parameters.map((q) => q.layer))];
  const of = (k: number) => d.parameters.flatMap((q, i) => (q.layer === k ? [i] : []));
  line(`L = ${p.print(loss)}`);
  for (const k of layers) {
    const rows = Array.from({ length: d.widths[k]! }, (_, a) =>
      of(k).filter((i) => d.parameters[i]!.row === a + 1).map((i) => p.print(gradient[i]!)),
    );
    line(`\\frac{\\partial L}{\\partial W_{${k}}} = ${bmatrix(rows)}`);
  }
  if (hessian) {
    const vec = (k: number) => `\\operatorname{vec}\\left(W_{${k}}^{\\top}\\right)`;
    for (const j of layers)
      for (const k of layers.filter((k) => k >= j)) {
        const block = of(j).map((r) => of(k).map((c) => p.print(hessian[r]![c]!)));
        line(`\\frac{\\partial^2 L}{\\partial ${vec(j)} \\, \\partial ${vec(k)}^{\\top}} = ${bmatrix(block)}`);
      }
  }
}

function forUpper(H: Poly[][], f: (h: Poly, i: number, j: number) => void): void {
  for (let i = 0; i < H.length; i++) for (let j = i; j < H.length; j++) f(H[i]![j]!, i, j);
}

/** Each entry of a symmetric matrix printed once: row i holds entries i…n−1. */
function upperStrings(H: Poly[][], print: (h: Poly) => string): string[][] {
  return H.map((row, i) => row.slice(i).map(print));
}

// ---- Matrix form (no --entries): src/calculus, maintained with the calculus engine. ----

/**
 * The checked matrix-form derivations (Lemma 4.1, Lemma 4.3): symbolic depth, or the widths of --widths or
 * --network (which also instantiates every block). Exit 1 if a derivation fails its check (a bug in dln).
 */
async function runMatrixForm(opts: DeriveOptions, format: Format): Promise<number> {
  if (opts.network !== undefined && opts.widths !== undefined) throw new InputError('derive', 'give at most one of --network and --widths');
  if (opts.symbolicData || opts.samples !== undefined)
    throw new InputError(opts.symbolicData ? '--symbolic-data' : '--samples', 'only goes with --entries (the matrix form needs no data)');
  const widths = opts.network !== undefined ? loadNetwork(opts.network).widths : opts.widths !== undefined ? parseWidths(opts.widths) : undefined;
  const problem = widths && matrixFormLimitProblem(widths, !!opts.hessian);
  if (problem) throw new InputError(opts.network ?? '--widths', problem);
  const { matrixForm, renderMatrixForm } = await import('../calculus/report.js');
  const result = matrixForm({ hessian: !!opts.hessian, format, ...(widths ? { widths } : {}) });
  process.stdout.write(renderMatrixForm(result, format));
  return result.ok ? 0 : 1;
}
