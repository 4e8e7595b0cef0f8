/**
 * How identifiers and subscripts look in each output style. Shared by the size printer and the node printers so
 * that `W_{k+1}`, `d_{k-1}` and `Δ₃` are spelled one way everywhere.
 */
export type Style = 'latex' | 'text' | 'source';

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ', mu: 'μ',
  nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
};

const SUBSCRIPT: Readonly<Record<string, string>> = {
  '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
  '+': '₊', '−': '₋', '-': '₋', '(': '₍', ')': '₎',
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '+': '⁺', '−': '⁻', '-': '⁻',
};

/** Unicode subscript form when every character has one and there is a digit (W₃, W₁₂), else undefined. */
function unicodeSubscript(s: string): string | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  return [...s].map((c) => SUBSCRIPT[c]!).join('');
}

export function superscriptDigits(s: string): string {
  return [...s].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** A subscript in text style: `₃` for digits, `_k` for one character, `_{k+1}` otherwise. */
export function textSubscript(s: string): string {
  return unicodeSubscript(s) ?? ([...s].length === 1 ? `_${s}` : `_{${s}}`);
}

/** An identifier as written by the user (`W`, `Delta`, `n1`, `Sxx`) in the given style. */
export function identifier(name: string, style: Style): string {
  if (style === 'source') return name;
  const m = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (m) return identifier(m[1]!, style) + (style === 'latex' ? `_{${m[2]}}` : textSubscript(m[2]!));
  const greek = GREEK[name];
  if (greek) return style === 'latex' ? `\\${name}` : greek;
  if (style === 'latex' && name.length > 1) return `\\mathit{${name}}`;
  return name;
}

/** The minus sign of each style: ASCII for LaTeX and source, U+2212 for terminals. */
export const minus = (style: Style): string => (style === 'text' ? '−' : '-');
