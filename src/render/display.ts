import type { Tex } from './katex.js';
import { alignBody, DEFAULT_LINE_WIDTH } from './layout.js';

/**
 * Display formulas, broken into rows by `alignBody`. The LaTeX writer emits exactly the `align*` environment
 * that KaTeX validated, and the HTML writer renders that same string, so both show the same rows.
 */

/** Rows of several formulas in one alignment (e.g. a list of definitions aligned at `:=`). */
export function alignRows(formulas: readonly string[], width = DEFAULT_LINE_WIDTH): string {
  return formulas.map((f) => alignBody(f, width)).join(' \\\\\n');
}

const environment = (body: string) => `\\begin{align*}\n${body}\n\\end{align*}`;

/** An `align*` environment for LaTeX; throws FormulaError (naming `where`) if KaTeX rejects it. */
export function latexDisplay(body: string, tex: Tex, where: string): string {
  const env = environment(body);
  tex.check(env, true, where);
  return env;
}

/** The same environment rendered by KaTeX; throws FormulaError (naming `where`) if KaTeX rejects it. */
export function htmlDisplay(body: string, tex: Tex, where: string): string {
  return tex.html(environment(body), true, where);
}

/** Inline math `\(…\)` for LaTeX, validated. */
export function latexInline(latex: string, tex: Tex, where: string): string {
  tex.check(latex, false, where);
  return `\\(${latex}\\)`;
}

/** Inline math rendered by KaTeX. */
export function htmlInline(latex: string, tex: Tex, where: string): string {
  return tex.html(latex, false, where);
}
