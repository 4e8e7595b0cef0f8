import { textSubscript } from '../names.js';
import { type MathmlNode, katexMathml } from './katex.js';

/**
 * A formula as readable Unicode for terminals, from KaTeX's MathML (where every command is already its
 * character): `W_{H+1}\cdots W_1 X - Y` → `W_{H+1}⋯W₁ X − Y`, `A_k^\top` → `A_kᵀ`, `\|E\|_F^2` → `‖E‖_F²`.
 * Subscripts follow the IR's text printer (digits as subscript digits, `_k`, `_{k+1}`).
 */

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '−': '⁻', '-': '⁻', '=': '⁼', '(': '⁽', ')': '⁾', n: 'ⁿ', i: 'ⁱ', T: 'ᵀ', '⊤': 'ᵀ', '′': '′', '″': '″', '∗': '*', '*': '*',
};

const DOUBLE_STRUCK: Readonly<Record<string, string>> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ' };

/** Accents over a letter, as combining marks. */
const ACCENTS: Readonly<Record<string, string>> = { 'ˉ': '\u0304', '‾': '\u0305', '^': '\u0302', '~': '\u0303', '˙': '\u0307', '¨': '\u0308', '→': '\u20d7' };

/** Operators set with spaces around them (as the IR's text printer does: `a + b`, `A ⊗ B`, `x ≤ y`). */
const SPACED = new Set('=≠<>≤≥≈≡∼≃≅⪰⪯≻≺∝∈∉∋⊂⊆⊃⊇⊊→←↔⇒⇐⇔↦⟹⟸⟺+−±∓⊗⊕⊙∘×÷∧∨∪∩∖:≔'.split(''));

const VULGAR: Readonly<Record<string, string>> = { '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾' };

const kids = (n: MathmlNode): readonly MathmlNode[] => n.children ?? [];
const text = (n: MathmlNode): string => (n.text !== undefined ? n.text : kids(n).map(text).join(''));

function superscript(s: string): string {
  const chars = [...s];
  if (chars.length > 0 && chars.every((c) => SUPERSCRIPT[c] !== undefined)) return chars.map((c) => SUPERSCRIPT[c]).join('');
  return chars.length === 1 ? `^${s}` : `^{${s}}`;
}

/** Wraps a fraction's part in parentheses unless it is a single symbol or number. */
const part = (s: string): string => (/^[\p{L}\p{N}.]+$/u.test(s) || /^\(.*\)$/.test(s) ? s : `(${s})`);

class Printer {
  node(n: MathmlNode, script: boolean): string {
    if (n.text !== undefined) return n.text;
    const c = kids(n);
    switch (n.type) {
      case 'mi': {
        const t = text(n).replace(/∥/g, '‖');
        return n.attributes?.['mathvariant'] === 'double-struck' ? [...t].map((ch) => DOUBLE_STRUCK[ch] ?? ch).join('') : t;
      }
      case 'mn':
      case 'mtext':
        return text(n);
      case 'mo': {
        const t = text(n).replace(/\u2061/g, '');
        return t === '∥' ? '‖' : t;
      }
      case 'msub':
        return this.node(c[0]!, script) + textSubscript(this.node(c[1]!, true));
      case 'msup':
        return this.node(c[0]!, script) + superscript(this.node(c[1]!, true));
      case 'msubsup':
        return this.node(c[0]!, script) + textSubscript(this.node(c[1]!, true)) + superscript(this.node(c[2]!, true));
      case 'munder':
        return this.node(c[0]!, script) + textSubscript(this.node(c[1]!, true));
      case 'mover': {
        const over = this.node(c[1]!, true);
        const base = this.node(c[0]!, script);
        return ACCENTS[over] && [...base].length === 1 ? base + ACCENTS[over] : base + superscript(over);
      }
      case 'munderover':
        return this.node(c[0]!, script) + textSubscript(this.node(c[1]!, true)) + superscript(this.node(c[2]!, true));
      case 'mfrac': {
        const f = `${this.node(c[0]!, true)}/${this.node(c[1]!, true)}`;
        return VULGAR[f] ?? `${part(this.node(c[0]!, true))}/${part(this.node(c[1]!, true))}`;
      }
      case 'msqrt':
        return `√${part(this.row(c, true))}`;
      case 'mroot':
        return `${superscript(this.node(c[1]!, true))}√${part(this.node(c[0]!, true))}`;
      case 'mtable':
        return c.map((row) => kids(row).map((cell) => this.row(kids(cell), script)).join(', ')).join('; ');
      case 'mspace':
        return '';
      case 'annotation':
        return '';
      case 'semantics':
        return c[0] ? this.node(c[0], script) : '';
      default:
        // math, mrow, mstyle, mpadded, menclose, fragments: a row; a SpaceNode has no type and no children
        if (n.type === undefined && n.children === undefined) return (n as { width?: number }).width !== undefined && (n as { width: number }).width >= 0.25 ? ' ' : '';
        return this.row(c, script);
    }
  }

  /** Children side by side: spaces around relations and binary operators, between two juxtaposed names. */
  row(c: readonly MathmlNode[], script: boolean): string {
    let out = '';
    let prev: MathmlNode | undefined;
    // fragments (\operatorname's name and its function-application sign) belong to the row they sit in
    const flat = (list: readonly MathmlNode[]): MathmlNode[] => list.flatMap((n) => (n.type === undefined && n.children ? flat(n.children) : [n]));
    for (const n of flat(c)) {
      const s = this.node(n, script);
      if (s === '') continue;
      const op = n.type === 'mo' ? s.trim() : undefined;
      if (op !== undefined && SPACED.has(op) && !script && prev !== undefined && !(prev.type === 'mo' && SPACED.has(text(prev).trim()))) out += ` ${op} `;
      else if (op === ',' && !script) out += ', ';
      else if (prev !== undefined && juxtaposed(prev, n) && !script && !/\s$/.test(out)) out += ` ${s}`;
      else out += s;
      prev = n;
    }
    return out.replace(/ {2,}/g, ' ').replace(/^ | $/g, '');
  }
}

/** The innermost base of a scripted node: W in W_kᵀ, ) in (…)⁻¹. */
const baseOf = (n: MathmlNode): MathmlNode => (['msub', 'msup', 'msubsup', 'mover'].includes(n.type ?? '') && kids(n)[0] ? baseOf(kids(n)[0]!) : n);

/** Two factors written side by side that read better apart: `X r C`, `A_kᵀ E`, `(…)ᵀ vec(r)` (not `2x`, `dW`, `f(x)`). */
function juxtaposed(a: MathmlNode, b: MathmlNode): boolean {
  const name = (n: MathmlNode) => {
    const base = baseOf(n);
    return base.type === 'mi' && /^\p{L}/u.test(text(base));
  };
  // a closing bracket reads like a name on its left: (A ⊗ B)ᵀ vec(r)
  const closed = (n: MathmlNode) => name(n) || n.type === 'mfrac' || (baseOf(n).type === 'mo' && /^[)\]}⟩‖∑∏]$/.test(text(baseOf(n))));
  if (!closed(a) || !name(b)) return false;
  // \mathrm{d} binds to what follows: dW, but d vec(r)
  const d = baseOf(a);
  return !(a === d && d.attributes?.['mathvariant'] === 'normal' && text(d) === 'd' && [...text(baseOf(b))].length === 1);
}

/** A formula KaTeX accepts, as Unicode text; LatexSyntaxError when KaTeX rejects it. */
export function latexToUnicode(latex: string): string {
  return new Printer().node(katexMathml(latex), false).trim();
}
