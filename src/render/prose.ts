import { proseParts } from '../expr/index.js';
import { htmlInline, latexInline } from './display.js';
import { htmlText, latexText, paragraphs } from './escape.js';
import type { Tex } from './katex.js';

/**
 * Prose with inline math (`$…$`, `\$` for a dollar sign) for the writers: text escaped, each formula validated by
 * KaTeX and set as math. `where` names the place in errors.
 */

/** Escaped text keeping the spaces that separate it from the formulas around it. */
function textPart(t: string, escape: (s: string) => string): string {
  if (t.trim() === '') return ' ';
  return (/^\s/.test(t) ? ' ' : '') + escape(t) + (/\s$/.test(t) ? ' ' : '');
}

/** One line of prose as LaTeX text mode with `\(…\)` formulas. */
export function latexProse(prose: string, tex: Tex, where: string): string {
  return proseParts(prose.replace(/\s+/g, ' ').trim())
    .map((p) => ('math' in p ? latexInline(p.math, tex, where) : textPart(p.text, latexText)))
    .join('');
}

/** Prose with blank-line paragraph breaks, as LaTeX paragraphs. */
export function latexProseParagraphs(prose: string, tex: Tex, where: string): string {
  return paragraphs(prose)
    .map((p) => latexProse(p, tex, where))
    .join('\n\n');
}

/** One line of prose as HTML, formulas rendered by KaTeX. */
export function htmlProse(prose: string, tex: Tex, where: string): string {
  return proseParts(prose.replace(/\s+/g, ' ').trim())
    .map((p) => ('math' in p ? htmlInline(p.math, tex, where) : textPart(p.text, htmlText)))
    .join('');
}
