import { LatexSyntaxError, katexParse } from './katex.js';
import { latexToUnicode } from './unicode.js';

/**
 * Prose with inline math: titles, summaries, justifications. `$…$` is a formula (LaTeX, checked by KaTeX like
 * every formula dln writes), `\$` a dollar sign; everything else is text.
 */

export type ProsePart = { readonly text: string } | { readonly math: string; readonly at: number };

/** The text and formulas of `prose` in order; LatexSyntaxError (with the offset of the `$`) if a `$` is unmatched. */
export function proseParts(prose: string): ProsePart[] {
  const parts: ProsePart[] = [];
  let text = '';
  let i = 0;
  while (i < prose.length) {
    const c = prose[i]!;
    if (c === '\\' && prose[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      text += c;
      i += 1;
      continue;
    }
    if (prose[i + 1] === '$') throw new LatexSyntaxError('display math $$…$$ is not part of prose: write $…$ (or \\$ for a dollar sign)', i);
    // the formula runs to the next $ that is not \$
    let j = i + 1;
    while (j < prose.length && !(prose[j] === '$' && prose[j - 1] !== '\\')) j++;
    if (j >= prose.length) throw new LatexSyntaxError('this $ opens a formula that is never closed (write \\$ for a dollar sign)', i);
    const math = prose.slice(i + 1, j);
    if (math.trim() === '') throw new LatexSyntaxError('empty formula $$', i);
    if (text) parts.push({ text });
    text = '';
    parts.push({ math, at: i + 1 });
    i = j + 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/**
 * Fails (LatexSyntaxError, offset into `prose`) on an unmatched `$` or a formula KaTeX's parser rejects (strict).
 * Parsing is what catches a mistyped formula, at a tenth of the cost of rendering it; the writers render it later.
 */
export function checkProse(prose: string): void {
  for (const p of proseParts(prose)) {
    if (!('math' in p)) continue;
    try {
      katexParse(p.math);
    } catch (e) {
      if (!(e instanceof LatexSyntaxError)) throw e;
      throw new LatexSyntaxError(`in $${p.math}$: ${e.message}`, p.at + (e.position ?? 0));
    }
  }
}

const unicode = new Map<string, string>();

/** Prose for terminals: each formula as readable Unicode (`$W_k^\top$` → `W_kᵀ`). The prose must pass checkProse. */
export function proseText(prose: string): string {
  if (!prose.includes('$')) return prose;
  let out = unicode.get(prose);
  if (out === undefined) {
    out = proseParts(prose)
      .map((p) => ('math' in p ? latexToUnicode(p.math) : p.text))
      .join('');
    unicode.set(prose, out);
  }
  return out;
}
