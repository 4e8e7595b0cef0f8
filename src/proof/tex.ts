import { InputError } from '../errors.js';
import { type KatexNode, LatexSyntaxError, katexParse } from '../expr/latex/katex.js';
import { checkProse } from '../expr/latex/prose.js';
import { type ProofDocument, type ProofStep, parseProofDocument } from './document.js';

/**
 * Derivations inside a LaTeX document (`dln verify notes.tex`). The document declares its setting once, in a
 * `dlnsetting` environment holding the same YAML as a derivation file's title, source, summary and given, and
 * writes its derivations in `dlnderivation` environments, typeset as `align*` (dln.sty defines both; the setting
 * is not typeset). Every row of a derivation is a step:
 *
 *   \nabla_{W_k} L &= A_k^\top E Z_k^\top && \text{Lemma 4.1} \\   step: \nabla_{W_k} L = A_k^\top E Z_k^\top
 *                  &= \ldots                                        step: A_k^\top E Z_k^\top = \ldots
 *
 * A row that starts with a relation continues from the right side of the row before; a row without a relation
 * continues that row's formula (a long right side broken over rows). What follows `&&` is the justification
 * (`\text{…}` is prose, anything else a formula). `\label`, `\tag`, `\nonumber`, `\notag` and a closing `,` `.`
 * are ignored. A row whose relations are all `=` is a claim, any other a predicate.
 */

const BEGIN_SETTING = '\\begin{dlnsetting}';
const END_SETTING = '\\end{dlnsetting}';
const BEGIN = '\\begin{dlnderivation}';
const END = '\\end{dlnderivation}';

/** Line (1-based) of each offset. */
function lineOf(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Column (1-based) of an offset, for editors' `file:line:col`. */
const columnAt = (text: string, offset: number): number => offset - text.lastIndexOf('\n', offset - 1);

/** The text with every comment (`%` to the end of the line, not `\%`) blanked, offsets kept. */
function withoutComments(text: string): string {
  return text.replace(/(^|[^\\])(%[^\n]*)/g, (_m, pre: string, c: string) => pre + ' '.repeat(c.length));
}

interface Row {
  readonly math: string;
  readonly because?: string;
  /** Offset of the row's first character in the document. */
  readonly offset: number;
}

/** The rows of an `align*` body at top-level `\\`, each split at `&&` into the formula and its justification. */
function rows(body: string, base: number): Row[] {
  const out: Row[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = body.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim() !== '') out.push(splitRow(raw.trim(), base + start + lead));
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body.startsWith('begin{', i + 1)) depth++;
    else if (c === '\\' && body.startsWith('end{', i + 1)) depth--;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '\\' && body[i + 1] === '\\' && depth === 0) {
      push(i);
      let j = i + 2;
      if (body[j] === '*') j++;
      const opt = /^\s*\[[^\]]*\]/.exec(body.slice(j));
      start = j + (opt ? opt[0].length : 0);
      i = start - 1;
      continue;
    } else if (c === '\\') i++; // \{ \} \& \%: escaped, not structure
  }
  push(body.length);
  return out;
}

/** Top-level `&&` starts the justification; other top-level `&` are alignment points and go. */
function splitRow(row: string, offset: number): Row {
  let depth = 0;
  let math = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\') {
      // \begin{bmatrix} … & … \end{bmatrix}: its & are the matrix's own
      if (row.startsWith('begin{', i + 1)) depth++;
      if (row.startsWith('end{', i + 1)) depth--;
      math += row.slice(i, i + 2);
      i++;
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === '&' && depth === 0) {
      if (row[i + 1] === '&') return { math: clean(math), because: justification(row.slice(i + 2)), offset };
      math += ' ';
      continue;
    }
    math += c;
  }
  return { math: clean(math), offset };
}

/** Drops what is layout, not mathematics: labels, tags, number suppression, closing punctuation. */
function clean(math: string): string {
  return math
    .replace(/\\(?:label|tag\*?)\s*\{[^}]*\}|\\nonumber\b|\\notag\b/g, ' ')
    .replace(/(?:\s|\\[,;:!]|\\q?quad\b)*[.,;]?\s*$/, '')
    .trim();
}

/** `\text{…}` is prose (with `$…$` inside), anything else is a formula. */
function justification(raw: string): string | undefined {
  const t = raw.replace(/^(?:\s|\\[,;:]|\\q?quad\b)+/, '').trim();
  if (t === '') return undefined;
  const m = /^\\(?:text|textrm|mbox)\s*\{([\s\S]*)\}$/.exec(t);
  return m ? m[1]!.trim() : `$${t}$`;
}

/** The relations at the top level of a formula (KaTeX's own tree: a row may hold what claims cannot), with offsets. */
function relations(math: string, fail: (m: string, at?: number) => never): { text: string; at: number }[] {
  let nodes: KatexNode[];
  try {
    nodes = katexParse(math);
  } catch (e) {
    if (e instanceof LatexSyntaxError) return fail(e.message, e.position);
    throw e;
  }
  return nodes.flatMap((n) => {
    if (n.type === 'htmlmathml') return fail('write \\neq between the sides of a row as a predicate on one row, or use =, \\le, \\ge, <, >');
    if (n.type !== 'atom' || n.family !== 'rel') return [];
    if (!n.loc || n.text === undefined) return fail(`cannot tell where the relation ${n.text ?? ''} stands`);
    return [{ text: n.text, at: n.loc.start }];
  });
}

/** The steps of every `dlnderivation` environment, in document order. */
function derivationSteps(text: string, file: string): ProofStep[] {
  const plain = withoutComments(text);
  const line = lineOf(text);
  const steps: { kind: 'claim' | 'holds'; text: string; because?: string; line: number; column: number }[] = [];
  let from = 0;
  for (;;) {
    const begin = plain.indexOf(BEGIN, from);
    if (begin < 0) break;
    const end = plain.indexOf(END, begin);
    if (end < 0) throw new InputError(`${file}:${line(begin)}`, `${BEGIN} is never closed by ${END}`);
    from = end + END.length;
    let previousRight: string | undefined;
    let last: (typeof steps)[number] | undefined;
    for (const row of rows(plain.slice(begin + BEGIN.length, end), begin + BEGIN.length)) {
      const at = `${file}:${line(row.offset)}`;
      const fail = (m: string, pos?: number): never => {
        throw new InputError(at, `${m}${pos === undefined ? '' : ` (at char ${pos + 1} of the row's formula)`}`);
      };
      if (row.because !== undefined) {
        try {
          checkProse(row.because);
        } catch (e) {
          if (e instanceof LatexSyntaxError) fail(`justification: ${e.message}`);
          throw e;
        }
      }
      if (row.math === '') fail('the row has no formula');
      const rels = relations(row.math, fail);
      if (rels.length === 0) {
        // a long side broken over rows: this row continues the one before
        if (!last) fail('the row has no relation (=, \\le, …) and no row before it to continue');
        last!.text = `${last!.text.slice(0, -1)} ${row.math}$`;
        previousRight = `${previousRight ?? ''} ${row.math}`;
        continue;
      }
      const continues = rels[0]!.at === row.math.search(/\S/);
      if (continues && previousRight === undefined) fail('the row starts with a relation, but no formula comes before it');
      const formula = continues ? `${previousRight} ${row.math}` : row.math;
      const lastRel = rels[rels.length - 1]!;
      previousRight = row.math.slice(lastRel.at + lastRel.text.length);
      last = {
        kind: rels.every((r) => r.text === '=') ? 'claim' : 'holds',
        text: `$${formula.trim()}$`,
        ...(row.because !== undefined ? { because: row.because } : {}),
        line: line(row.offset),
        column: columnAt(text, row.offset),
      };
      steps.push(last);
    }
  }
  return steps.map((s, i) => ({ index: i + 1, ...s }));
}

/** A LaTeX document's setting and derivations as a derivation document; errors name the `.tex` line. */
export function parseTexDocument(text: string, file: string): ProofDocument {
  const plain = withoutComments(text);
  const line = lineOf(text);
  const begin = plain.indexOf(BEGIN_SETTING);
  if (begin < 0) throw new InputError(file, `no ${BEGIN_SETTING} … ${END_SETTING} declaring the setting (see docs/latex.md)`);
  const again = plain.indexOf(BEGIN_SETTING, begin + 1);
  if (again >= 0) throw new InputError(`${file}:${line(again)}`, `a second ${BEGIN_SETTING}: a document declares one setting`);
  const end = plain.indexOf(END_SETTING, begin);
  if (end < 0) throw new InputError(`${file}:${line(begin)}`, `${BEGIN_SETTING} is never closed by ${END_SETTING}`);
  // the setting's YAML with every other line blank, so that YAML's line numbers are the document's
  const start = begin + BEGIN_SETTING.length;
  const yaml = text.slice(0, start).replace(/[^\n]/g, '') + text.slice(start, end).replace(/^[^\n]*/, '');
  const steps = derivationSteps(text, file);
  if (steps.length === 0) throw new InputError(file, `no ${BEGIN} environment with a step to check`);
  return parseProofDocument(yaml, file, steps);
}
