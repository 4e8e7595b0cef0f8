import { type KatexNode, LatexSyntaxError, katexParse } from './katex.js';

/**
 * KaTeX's parse tree reduced to the few kinds of node the claim grammar reads. This is the only module that
 * knows KaTeX's node format; a KaTeX upgrade that changes it changes this file (and its tests) only.
 */

/** 0-based offset into the formula; undefined for material that came from a macro's expansion (`\cdots`). */
export type Pos = number | undefined;

export type TexNode =
  /** A letter, digit or symbol: `W`, `1`, `\alpha`, `\partial`, `\top`, `\|`, `|`, `\prime`, `/`. */
  | { readonly kind: 'char'; readonly text: string; readonly at: Pos }
  /** A binary operator, relation, delimiter or punctuation: `+`, `=`, `\le`, `(`, `\rangle`, `,`, `\cdots`. */
  | { readonly kind: 'atom'; readonly family: 'bin' | 'rel' | 'open' | 'close' | 'punct' | 'inner'; readonly text: string; readonly at: Pos }
  /** `{…}` */
  | { readonly kind: 'group'; readonly body: readonly TexNode[]; readonly at: Pos }
  | { readonly kind: 'scripts'; readonly base: TexNode; readonly sub?: TexNode; readonly sup?: TexNode; readonly at: Pos }
  | { readonly kind: 'frac'; readonly num: TexNode; readonly den: TexNode; readonly at: Pos }
  /** `\mathrm{tr}`, `\mathit{Sxx}`, `\mathcal{R}`, `\mathbf{1}`: a font applied to plain letters and digits. */
  | { readonly kind: 'font'; readonly font: string; readonly text: string; readonly at: Pos }
  /** `\operatorname{vec}` (name `vec`) or a built-in operator such as `\sum`, `\det`, `\min` (name `\sum`, …). */
  | { readonly kind: 'operator'; readonly name: string; readonly at: Pos }
  /** `\left( … \right)`, `\left\| … \right\|`. */
  | { readonly kind: 'delimited'; readonly left: string; readonly right: string; readonly body: readonly TexNode[]; readonly at: Pos };

const FAMILIES = new Set(['bin', 'rel', 'open', 'close', 'punct', 'inner']);
const OPENING = new Set(['(', '[', '\\{', '\\lbrace', '\\langle', '\\lVert', '\\lvert']);
const CLOSING = new Set([')', ']', '\\}', '\\rbrace', '\\rangle', '\\rVert', '\\rvert']);

/** KaTeX's own names for `\cdots` and friends after macro expansion. */
const INNER_TEXT: Readonly<Record<string, string>> = { '\\@cdots': '\\cdots' };

class Reader {
  constructor(private readonly input: string) {}

  /** A position only when it points into the formula itself (not into a macro's replacement text). */
  at(n: KatexNode | null | undefined): Pos {
    const loc = n?.loc;
    if (!loc || (loc.lexer?.input !== undefined && loc.lexer.input !== this.input)) return undefined;
    return loc.start;
  }

  /**
   * Where a command without a position of its own starts (KaTeX records none for \\frac, \\operatorname, \\left):
   * the last backslash before the first position inside it.
   */
  command(n: KatexNode): Pos {
    const inside = this.earliest(n);
    if (inside === undefined) return undefined;
    const i = this.input.lastIndexOf('\\', inside - 1);
    return i >= 0 ? i : undefined;
  }

  private earliest(n: unknown): Pos {
    if (!n || typeof n !== 'object') return undefined;
    if (Array.isArray(n)) return n.map((c) => this.earliest(c)).reduce<Pos>((m, p) => (p !== undefined && (m === undefined || p < m) ? p : m), undefined);
    const own = this.at(n as KatexNode);
    const inner = Object.entries(n)
      .filter(([k]) => k !== 'loc')
      .map(([, v]) => this.earliest(v))
      .reduce<Pos>((m, p) => (p !== undefined && (m === undefined || p < m) ? p : m), undefined);
    return own !== undefined && (inner === undefined || own < inner) ? own : inner;
  }

  fail(message: string, at: Pos): never {
    throw new LatexSyntaxError(message, at);
  }

  list(nodes: readonly KatexNode[] | KatexNode | undefined): TexNode[] {
    if (nodes === undefined) return [];
    const all = Array.isArray(nodes) ? (nodes as readonly KatexNode[]) : [nodes as KatexNode];
    return all.flatMap((n) => this.node(n));
  }

  one(n: KatexNode | null | undefined): TexNode | undefined {
    if (!n) return undefined;
    const out = this.node(n);
    if (out.length === 1) return out[0];
    return { kind: 'group', body: out, at: this.at(n) ?? firstPos(out) };
  }

  /** Plain letters and digits of a font or `\operatorname` body. */
  private letters(n: KatexNode | readonly KatexNode[] | undefined, what: string, at: Pos): string {
    const list = n === undefined ? [] : Array.isArray(n) ? (n as readonly KatexNode[]) : [n as KatexNode];
    let s = '';
    for (const c of list) {
      if (c.type === 'ordgroup') s += this.letters(c.body, what, at);
      else if ((c.type === 'mathord' || c.type === 'textord') && typeof c.text === 'string' && /^[A-Za-z0-9]$/.test(c.text)) s += c.text;
      else if (c.type === 'textord' && c.text === '-') s += '-';
      else this.fail(`${what} may contain only letters and digits here`, this.at(c) ?? at);
    }
    return s;
  }

  node(n: KatexNode): TexNode[] {
    const at = this.at(n);
    switch (n.type) {
      case 'mathord':
      case 'textord':
        return [{ kind: 'char', text: n.text!, at }];
      case 'atom':
        if (!FAMILIES.has(n.family!)) return this.fail(`unexpected ${n.family} "${n.text}"`, at);
        return [{ kind: 'atom', family: n.family as 'bin', text: INNER_TEXT[n.text!] ?? n.text!, at }];
      case 'ordgroup':
        return [{ kind: 'group', body: this.list(n.body), at }];
      case 'styling':
        // \displaystyle, \tfrac's wrapper: no meaning
        return this.list(n.body);
      case 'supsub': {
        const base = this.one(n.base) ?? { kind: 'group', body: [], at };
        const sub = this.one(n.sub);
        const sup = this.one(n.sup);
        return [{ kind: 'scripts', base, ...(sub ? { sub } : {}), ...(sup ? { sup } : {}), at: at ?? base.at ?? sub?.at }];
      }
      case 'genfrac': {
        const start = at ?? this.command(n);
        if (!n.hasBarLine) return this.fail('\\binom and other fractions without a bar are not part of the grammar', start);
        return [{ kind: 'frac', num: this.one(n.numer)!, den: this.one(n.denom)!, at: start }];
      }
      case 'font': {
        const start = at ?? this.command(n);
        return [{ kind: 'font', font: n.font!, text: this.letters(n.body, `\\${n.font}{…}`, start), at: start }];
      }
      case 'operatorname': {
        const start = at ?? this.command(n);
        return [{ kind: 'operator', name: this.letters(n.body, '\\operatorname{…}', start), at: start }];
      }
      case 'op':
        if (n.name) return [{ kind: 'operator', name: n.name, at }];
        return this.fail('an operator built from symbols is not part of the grammar', at);
      case 'leftright': {
        const body = this.list(n.body);
        return [{ kind: 'delimited', left: n.left!, right: n.right!, body, at: at ?? this.command(n) }];
      }
      case 'delimsizing': {
        // \big( … \big): sized delimiters, read as the plain ones
        const d = n.delim!;
        const family = OPENING.has(d) || n.mclass === 'mopen' ? 'open' : CLOSING.has(d) || n.mclass === 'mclose' ? 'close' : undefined;
        return family ? [{ kind: 'atom', family, text: d, at }] : [{ kind: 'char', text: d, at }];
      }
      case 'htmlmathml': {
        // \neq and \ne: KaTeX builds them from \not and =; the MathML side holds the symbol itself
        const rel = n.mathml?.[0];
        const sym = rel?.type === 'mclass' && Array.isArray(rel.body) && rel.body.length === 1 ? (rel.body[0] as KatexNode).text : undefined;
        if (sym === '≠') return [{ kind: 'atom', family: 'rel', text: '\\neq', at }];
        return this.fail('this construct is not part of the grammar', at);
      }
      case 'spacing':
      case 'kern':
        return [];
      case 'text':
        return this.fail('\\text{…} is not part of a formula dln can check (put words in the justification)', at ?? this.command(n));
      default:
        return this.fail(`${describe(n)} is not part of the grammar`, at ?? this.command(n));
    }
  }
}

function describe(n: KatexNode): string {
  if (n.type === 'accent' && n.label) return `the accent ${n.label}`;
  if (n.type === 'sqrt') return '\\sqrt';
  if (n.type === 'array') return 'an array or matrix environment';
  return `"${n.type}"`;
}

export function firstPos(nodes: readonly TexNode[]): Pos {
  for (const n of nodes) {
    if (n.at !== undefined) return n.at;
    const inner = n.kind === 'scripts' ? firstPos([n.base]) : n.kind === 'group' || n.kind === 'delimited' ? firstPos(n.body) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** A formula as dln's nodes; LatexSyntaxError (with a position when known) if KaTeX or the reduction rejects it. */
export function texNodes(latex: string): TexNode[] {
  const reader = new Reader(latex);
  return reader.list(katexParse(latex));
}
