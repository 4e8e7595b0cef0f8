import type { Tex } from './katex.js';
import { latexText } from './escape.js';

/** amsmath's matrix environments take at most 10 columns unless the user's preamble raises MaxMatrixCols. */
const MAX_MATRIX_COLS = 10;

/** A matrix of LaTeX entries as `bmatrix` (or an equivalent bracketed `array` when it is wider than amsmath allows). */
export function bmatrix(rows: readonly (readonly string[])[]): string {
  const cols = rows[0]?.length ?? 0;
  if (rows.length === 0 || cols === 0) return '\\begin{bmatrix}\\end{bmatrix}';
  if (rows.some((r) => r.length !== cols)) throw new Error(`bmatrix: ragged rows (${rows.map((r) => r.length).join(', ')})`);
  const body = rows.map((r) => r.join(' & ')).join(' \\\\ ');
  return cols <= MAX_MATRIX_COLS
    ? `\\begin{bmatrix} ${body} \\end{bmatrix}`
    : `\\left[\\begin{array}{${'c'.repeat(cols)}} ${body} \\end{array}\\right]`;
}

/**
 * An exact rational ("-3/4", "5", as `Rational.toString` prints it) or a float as LaTeX:
 * `-\frac{3}{4}`, `5`, `1.5 \times 10^{-10}`.
 */
export function numberLatex(value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? '\\mathrm{NaN}' : `${value < 0 ? '-' : ''}\\infty`;
    const [mantissa, exponent] = value.toPrecision(6).split('e');
    const m = mantissa!.includes('.') ? mantissa!.replace(/\.?0+$/, '') : mantissa!;
    return exponent === undefined ? m : `${m} \\times 10^{${Number(exponent)}}`;
  }
  const match = /^(-?)(\d+)(?:\/(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`numberLatex: not an exact rational: "${value}"`);
  const [, sign, num, den] = match;
  return den === undefined || den === '1' ? `${sign}${num}` : `${sign}\\frac{${num}}{${den}}`;
}

export type TableCell = { readonly text: string } | { readonly math: string };
export interface TableColumn {
  readonly header: TableCell;
  /** `p{width}`: a left-aligned column whose text wraps at `width`. */
  readonly align: 'l' | 'c' | 'r' | `p{${string}}`;
}

/**
 * A `tabular` with escaped text cells and KaTeX-validated math cells; throws FormulaError for a bad math cell.
 * Wrapping columns are set ragged-right, so rows end with `\tabularnewline` (`\\` means something else there).
 */
export function latexTable(columns: readonly TableColumn[], rows: readonly (readonly TableCell[])[], tex: Tex): string {
  const cell = (c: TableCell, j: number, where: string): string => {
    const ragged = columns[j]!.align.startsWith('p') ? '\\raggedright ' : '';
    if ('text' in c) return ragged + latexText(c.text);
    tex.check(c.math, false, where);
    return `${ragged}\\(${c.math}\\)`;
  };
  const row = (cells: readonly TableCell[], what: string) =>
    `${cells.map((c, j) => cell(c, j, `${what}, column ${j + 1}`)).join(' & ')} \\tabularnewline`;
  const lines = rows.map((r, i) => {
    if (r.length !== columns.length) throw new Error(`latexTable: row ${i + 1} has ${r.length} cells, expected ${columns.length}`);
    return row(r, `table row ${i + 1}`);
  });
  return [
    `\\begin{tabular}{${columns.map((c) => c.align).join('')}}`,
    '\\hline',
    row(columns.map((c) => c.header), 'table header'),
    '\\hline',
    ...lines,
    '\\hline',
    '\\end{tabular}',
  ].join('\n');
}

/**
 * One classified point, shaped like a point of the `dln check --json` report (README), so that report's
 * objects can be passed as they are. Rationals are exact strings, floats numbers.
 */
export interface ClassificationRow {
  readonly name: string;
  readonly loss: string | number;
  readonly lossStar?: string | number;
  readonly gradient: { readonly zero: boolean };
  readonly hessian?: { readonly inertia: { readonly positive: number; readonly negative: number; readonly zero: number } };
  readonly indexSet?: readonly number[];
  readonly classification: string;
  readonly expect?: string;
}

/**
 * The classification table of `dln check --format latex`: loss, L*, gradient, Hessian inertia, index set and verdict
 * (with the expectation beside it when they differ). Set small with narrow columns so it fits an article's text width.
 */
export function classificationTable(rows: readonly ClassificationRow[], tex: Tex): string {
  const none: TableCell = { text: '–' };
  const columns: TableColumn[] = [
    { header: { text: 'point' }, align: 'p{8em}' },
    { header: { math: 'L' }, align: 'r' },
    { header: { math: 'L^*' }, align: 'r' },
    { header: { math: '\\nabla L' }, align: 'c' },
    { header: { math: '(n_+, n_-, n_0)' }, align: 'c' },
    { header: { math: 'I' }, align: 'c' },
    { header: { text: 'classification' }, align: 'p{7.5em}' },
  ];
  const table = rows.map((r): TableCell[] => [
    { text: r.name },
    { math: numberLatex(r.loss) },
    r.lossStar === undefined ? none : { math: numberLatex(r.lossStar) },
    { math: r.gradient.zero ? '0' : '\\neq 0' },
    r.hessian ? { math: `(${r.hessian.inertia.positive}, ${r.hessian.inertia.negative}, ${r.hessian.inertia.zero})` } : none,
    r.indexSet ? { math: r.indexSet.length === 0 ? '\\emptyset' : `\\{${r.indexSet.join(', ')}\\}` } : none,
    { text: r.expect === undefined || r.expect === r.classification ? r.classification : `${r.classification} (expected ${r.expect})` },
  ]);
  return `{\\small\\setlength{\\tabcolsep}{4pt}\\renewcommand{\\arraystretch}{1.3}%\n${latexTable(columns, table, tex)}}`;
}
