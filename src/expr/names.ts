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

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** Unicode subscript digits (W₃, W₁₂) — terminals show them reliably, unlike subscript letters. */
function unicodeSubscript(s: string): string | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  return [...s].map((c) => SUBSCRIPT_DIGITS[Number(c)]!).join('');
}

/** A subscript in text style: `₃` for digits, `_k` for one character, `_{k+1}` otherwise. */
export function textSubscript(s: string): string {
  return unicodeSubscript(s) ?? ([...s].length === 1 ? `_${s}` : `_{${s}}`);
}

/** An identifier as written by the user (`W`, `Delta`, `n1`, `Sxx`) in the given style. */
export function identifier(name: string, style: Style): string {
  if (style === 'source') return name;
  const parts = name.split('_');
  // `x_y` is x with subscript y; further underscores are printed as such (`x_y_z` is no double subscript)
  if (parts.length === 2 && parts[0] && parts[1]) {
    const sub = identifier(parts[1], style);
    return identifier(parts[0], style) + (style === 'latex' ? `_{${sub}}` : textSubscript(sub));
  }
  if (parts.length > 1) return style === 'latex' ? `\\mathit{${name.replace(/_/g, '\\_')}}` : name;
  const m = /^([A-Za-z]+?)(\d+)$/.exec(name);
  if (m) return identifier(m[1]!, style) + (style === 'latex' ? `_{${m[2]}}` : textSubscript(m[2]!));
  const greek = Object.hasOwn(GREEK, name) ? GREEK[name] : undefined;
  if (greek) return style === 'latex' ? `\\${name}` : greek;
  if (style === 'latex' && name.length > 1) return `\\mathit{${name}}`;
  return name;
}

/** The minus sign of each style: ASCII for LaTeX and source, U+2212 for terminals. */
export const minus = (style: Style): string => (style === 'text' ? '−' : '-');
