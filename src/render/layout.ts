/**
 * Line breaking for display formulas. LaTeX never breaks a display, so long formulas are split here into the rows
 * of an `align*`/`aligned` body: a chain `a = b = c` gets one member per row aligned at its relations, a predicate
 * one clause per row, and a side still too wide is wrapped before top-level `+`/`−`.
 * Breaks are only made at depth 0 (outside braces, `\left…\right`, environments and parentheses), so every row
 * stays a well-formed formula.
 */

/** A token, its nesting depth, and the whitespace before it (kept: it matters inside `\\text{…}`). */
type Token = { readonly text: string; readonly depth: number; readonly space: string };

/**
 * Widths are in units of 5pt at 10pt type (a lower-case italic letter); the estimates were calibrated against
 * pdflatex box widths of typical formulas (within about 15%). An article text block (345pt) holds 69 units;
 * the default (275pt nominal) leaves room for estimation error.
 */
export const DEFAULT_LINE_WIDTH = 55;

const RELATIONS = new Set([
  '=', '<', '>', '\\le', '\\leq', '\\ge', '\\geq', '\\ne', '\\neq', '\\subseteq', '\\subset', '\\supseteq', '\\supset',
  '\\in', '\\notin', '\\approx', '\\equiv', '\\sim', '\\simeq', '\\succeq', '\\preceq', '\\succ', '\\prec',
  '\\coloneqq', '\\triangleq', ':=',
]);
const CONNECTIVES = new Set([
  '\\land', '\\lor', '\\wedge', '\\vee', '\\iff', '\\implies', '\\impliedby', '\\Rightarrow', '\\Leftarrow',
  '\\Leftrightarrow', '\\Longrightarrow', '\\Longleftrightarrow',
]);
const BINARY = new Set(['+', '-', '\\pm', '\\mp']);
const OPERATORS = new Set([
  ...BINARY, '\\otimes', '\\oplus', '\\odot', '\\cdot', '\\times', '\\circ', '\\div', '\\ast', '\\setminus', '\\cup',
  '\\cap', '\\mid', ',', ...RELATIONS, ...CONNECTIVES, '\\to', '\\mapsto', '\\lnot', '\\neg',
]);
/** Openers and their closers: no break is made between them. */
const PAIRS: Record<string, string> = {
  '{': '}', '(': ')', '[': ']', '\\{': '\\}', '\\left': '\\right', '\\begin': '\\end', '\\langle': '\\rangle', '\\lVert': '\\rVert',
  '\\lvert': '\\rvert', '\\bigl': '\\bigr', '\\Bigl': '\\Bigr', '\\biggl': '\\biggr', '\\Biggl': '\\Biggr',
};
const CLOSERS = new Set(Object.values(PAIRS));
/** Commands that print nothing themselves (their arguments are measured as ordinary groups). */
const INVISIBLE = new Set([
  '\\mathrm', '\\mathsf', '\\mathbf', '\\mathit', '\\mathcal', '\\mathbb', '\\mathfrak', '\\boldsymbol', '\\operatorname',
  '\\text', '\\textrm', '\\mathrel', '\\mathbin', '\\mathop', '\\mathord', '\\displaystyle', '\\textstyle',
  '\\limits', '\\nolimits', '\\!', '\\phantom', '\\hphantom',
]);
const SPACES: Record<string, number> = { '\\,': 0.3, '\\:': 0.4, '\\;': 0.5, '\\ ': 0.7, '\\quad': 2, '\\qquad': 4, '~': 0.7 };
const WIDE: Record<string, number> = { '\\cdots': 3.2, '\\ldots': 3.2, '\\dots': 3.2, '\\vdots': 1, '\\ddots': 2.5 };

/**
 * Splits LaTeX into tokens (control words, control symbols, single characters), each with its nesting depth.
 * Undefined when the groups do not nest properly (e.g. an interval `[0, 1)`): such a formula is not broken.
 */
function tokenize(latex: string): Token[] | undefined {
  const raw = latex.match(/\\[A-Za-z]+\*?|\\[^A-Za-z]|\s+|[^]/g) ?? [];
  const out: Token[] = [];
  const open: string[] = [];
  let space = '';
  const push = (text: string, d: number) => {
    out.push({ text, depth: d, space });
    space = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (/^\s+$/.test(t)) {
      space += t;
      continue;
    }
    const closes = CLOSERS.has(t);
    if (closes && PAIRS[open.pop() ?? ''] !== t) return undefined;
    const depth = open.length;
    const last = out[out.length - 1];
    // `:=` is one relation
    if (t === '=' && last?.text === ':' && last.depth === depth && space === '') out[out.length - 1] = { ...last, text: ':=' };
    else push(t, depth);
    if (PAIRS[t] !== undefined) open.push(t);
    // the delimiter after \left / \right belongs to it and must not count as a parenthesis of its own
    if (t === '\\left' || t === '\\right' || /^\\[Bb]ig+[lr]$/.test(t)) {
      while (i + 1 < raw.length && /^\s+$/.test(raw[i + 1]!)) space += raw[++i]!;
      if (i + 1 < raw.length) push(raw[++i]!, depth);
    }
  }
  return open.length === 0 ? out : undefined;
}

/** Estimated printed width of a token sequence, in glyph units. */
function widthOf(tokens: readonly Token[]): number {
  let pos = 0;
  // measures one atom (a token, or a braced group, or an environment) starting at pos
  const atom = (): number => {
    const t = tokens[pos++];
    if (!t) return 0;
    const s = t.text;
    if (s === '{') return group('}');
    if (s === '}') return 0;
    if (s === '^' || s === '_') return 0.7 * atom();
    if (s === '\\frac' || s === '\\tfrac' || s === '\\dfrac' || s === '\\binom') return Math.max(atom(), atom()) + 0.4;
    if (s === '\\sqrt') return atom() + 1;
    if (s === '\\left' || s === '\\right' || /^\\[Bb]ig+[lr]?$/.test(s)) {
      pos += 1; // the delimiter
      return 1;
    }
    if (s === '\\begin') return environment();
    if (INVISIBLE.has(s)) return 0;
    if (SPACES[s] !== undefined) return SPACES[s]!;
    if (WIDE[s] !== undefined) return WIDE[s]!;
    if (OPERATORS.has(s)) return s === ',' ? 0.8 : 1.8;
    if (s === '(' || s === ')' || s === '[' || s === ']' || s === '|' || s === '.') return 0.8;
    if (s === "'" || s === '\\prime') return 0.4;
    if (/^[A-Z]$/.test(s)) return 1.5;
    return s.startsWith('\\') ? 1.2 : 1;
  };
  const group = (close: string): number => {
    let w = 0;
    while (pos < tokens.length && tokens[pos]!.text !== close) w += atom();
    pos += 1;
    return w;
  };
  // \begin{env} rows \\ … \end{env}: columns side by side, each as wide as its widest cell
  const environment = (): number => {
    const start = tokens[pos - 1]!.depth;
    if (tokens[pos]?.text === '{') {
      pos += 1;
      while (pos < tokens.length && tokens[pos]!.text !== '}') pos += 1;
      pos += 1;
    }
    const columns: number[] = [];
    let col = 0;
    let cell = 0;
    const endCell = () => {
      columns[col] = Math.max(columns[col] ?? 0, cell);
      cell = 0;
    };
    while (pos < tokens.length) {
      const t = tokens[pos]!;
      if (t.text === '\\end' && t.depth === start) break;
      if (t.depth === start + 1 && (t.text === '&' || t.text === '\\\\')) {
        endCell();
        col = t.text === '&' ? col + 1 : 0;
        pos += 1;
        continue;
      }
      cell += atom();
    }
    endCell();
    pos += 1; // \end
    if (tokens[pos]?.text === '{') group('}');
    return columns.reduce((a, b) => a + b, 0) + 2 * columns.length + 1;
  };
  let w = 0;
  while (pos < tokens.length) w += atom();
  return w;
}

const join = (tokens: readonly Token[]) => tokens.map((t) => t.space + t.text).join('').trim();

/** Estimated printed width of a formula, in glyph units (about 6pt each at 10pt type). */
export function formulaWidth(latex: string): number {
  const tokens = tokenize(latex);
  return tokens ? widthOf(tokens) : [...latex].length;
}

/** Cuts a token list before every depth-0 token that satisfies `at` (never before the first token). */
function cut(tokens: readonly Token[], at: (t: Token, prev: Token | undefined) => boolean): Token[][] {
  const parts: Token[][] = [[]];
  tokens.forEach((t, i) => {
    if (i > 0 && t.depth === 0 && at(t, tokens[i - 1])) parts.push([]);
    parts[parts.length - 1]!.push(t);
  });
  return parts;
}

/** A `+` or `−` is binary (a place to break) unless it follows an operator or opens the formula. */
const binaryAt = (t: Token, prev: Token | undefined) =>
  BINARY.has(t.text) && prev !== undefined && !OPERATORS.has(prev.text) && prev.text !== '{' && prev.text !== '(';

/**
 * Packs `terms` into rows no wider than `width`: the first row starts with `first` (already `firstWidth` wide, and
 * holding a term of its own when `firstHasTerm`), continuation rows with `&\quad {}` (the empty group keeps a
 * leading `+` binary) after the alignment column, `column` wide. A term wider than a row gets a row of its own.
 */
function wrap(first: string, firstWidth: number, terms: Token[][], width: number, column = 0, firstHasTerm = false): string[] {
  const rows: string[] = [];
  let line = first;
  let used = firstWidth;
  let empty = !firstHasTerm;
  for (const term of terms) {
    const w = widthOf(term);
    if (!empty && used + w > width) {
      rows.push(line);
      line = '&\\quad {}';
      used = column + 2;
    }
    line += ` ${join(term)}`;
    used += w;
    empty = false;
  }
  rows.push(line);
  return rows;
}

/**
 * The body of an `align*` (or KaTeX `aligned`) environment showing `latex` within `width` glyph units.
 * A formula that already contains alignment or line breaks of its own is returned unchanged.
 */
export function alignBody(latex: string, width = DEFAULT_LINE_WIDTH): string {
  const tokens = tokenize(latex);
  if (!tokens || tokens.some((t) => t.depth === 0 && (t.text === '&' || t.text === '\\\\'))) return latex;
  const total = widthOf(tokens);

  const clauses = cut(tokens, (t) => CONNECTIVES.has(t.text));
  if (clauses.length > 1) {
    if (total <= width) return join(tokens);
    // a predicate: one clause per row, each starting with its connective
    return clauses
      .flatMap((clause, i) => {
        const terms = cut(clause, binaryAt);
        return i === 0 ? wrap('&', 0, terms, width) : wrap('&\\quad {}', 2, terms, width);
      })
      .join(' \\\\\n');
  }

  const members = cut(tokens, (t) => RELATIONS.has(t.text));
  if (members.length === 1) {
    if (total <= width) return join(tokens);
    return wrap('&', 0, cut(tokens, binaryAt), width).join(' \\\\\n');
  }
  const [lhs, ...rest] = members as [Token[], ...Token[][]];
  if (total <= width) return `${join(lhs)} &${rest.map(join).join(' ')}`;
  const lhsWidth = widthOf(lhs);
  // each member: its relation with the first term, then the terms that may go on continuation rows
  const split = rest.map((member) => cut(member, binaryAt) as [Token[], ...Token[][]]);
  const widest = Math.max(...split.flat().map(widthOf));
  // the left side sets the alignment column of every row; when it leaves too little room it gets a row of its own
  const lhsAlone = lhsWidth > width * 0.4 || lhsWidth + 2 + widest > width;
  const column = lhsAlone ? 0 : lhsWidth;
  const rows: string[] = lhsAlone ? [`& ${join(lhs)}`] : [];
  split.forEach(([relation, ...terms], i) => {
    const lead = i === 0 && !lhsAlone ? `${join(lhs)} &` : '&';
    rows.push(...wrap(`${lead}${join(relation)}`, column + widthOf(relation), terms, width, column, true));
  });
  return rows.join(' \\\\\n');
}
