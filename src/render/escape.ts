/**
 * User prose (titles, justifications, summaries) into LaTeX text mode and HTML.
 * The LaTeX output is pure ASCII, so it compiles under any preamble and input encoding:
 * specials are escaped, the mathematical symbols people type (ᵀ ⊗ ‖ ⋯ ≥ ∈ λ Σ …) become math commands,
 * accented letters become accent commands, and anything else becomes a visible `[U+XXXX]`.
 */

/** ASCII characters with a meaning in LaTeX text mode (and `<`, `>`, `|`, which OT1 fonts print as other glyphs). */
const ASCII: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\ensuremath{<}',
  '>': '\\ensuremath{>}',
  '|': '\\ensuremath{|}',
};

/** Symbols typeset as math (inside \ensuremath, so they also work in text). */
const MATH: Record<string, string> = {
  // Greek (the capitals that look Latin are upright Latin letters, as in LaTeX)
  α: '\\alpha', β: '\\beta', γ: '\\gamma', δ: '\\delta', ε: '\\varepsilon', ϵ: '\\epsilon', ζ: '\\zeta', η: '\\eta',
  θ: '\\theta', ϑ: '\\vartheta', ι: '\\iota', κ: '\\kappa', λ: '\\lambda', μ: '\\mu', ν: '\\nu', ξ: '\\xi', π: '\\pi',
  ρ: '\\rho', σ: '\\sigma', ς: '\\varsigma', τ: '\\tau', υ: '\\upsilon', φ: '\\varphi', ϕ: '\\phi', χ: '\\chi',
  ψ: '\\psi', ω: '\\omega',
  Γ: '\\Gamma', Δ: '\\Delta', Θ: '\\Theta', Λ: '\\Lambda', Ξ: '\\Xi', Π: '\\Pi', Σ: '\\Sigma', Υ: '\\Upsilon',
  Φ: '\\Phi', Ψ: '\\Psi', Ω: '\\Omega',
  Α: '\\mathrm{A}', Β: '\\mathrm{B}', Ε: '\\mathrm{E}', Ζ: '\\mathrm{Z}', Η: '\\mathrm{H}', Ι: '\\mathrm{I}', Κ: '\\mathrm{K}',
  Μ: '\\mathrm{M}', Ν: '\\mathrm{N}', Ο: '\\mathrm{O}', Ρ: '\\mathrm{P}', Τ: '\\mathrm{T}', Χ: '\\mathrm{X}',
  // operators
  '⊗': '\\otimes', '⊕': '\\oplus', '⊙': '\\odot', '∘': '\\circ', '×': '\\times', '÷': '\\div', '·': '\\cdot',
  '⋅': '\\cdot', '∙': '\\bullet', '±': '\\pm', '∓': '\\mp', '−': '-', '∗': '\\ast', '⊤': '\\top', '⊥': '\\perp',
  '⋯': '\\cdots', '⋮': '\\vdots', '⋱': '\\ddots', '‖': '\\|', '∥': '\\|', '⟨': '\\langle', '⟩': '\\rangle',
  '⌊': '\\lfloor', '⌋': '\\rfloor', '⌈': '\\lceil', '⌉': '\\rceil', '′': '{}^{\\prime}', '″': '{}^{\\prime\\prime}',
  // relations and logic
  '≥': '\\geq', '≤': '\\leq', '≠': '\\neq', '≈': '\\approx', '≡': '\\equiv', '∼': '\\sim', '≃': '\\simeq',
  '≅': '\\cong', '⪰': '\\succeq', '⪯': '\\preceq', '≻': '\\succ', '≺': '\\prec', '∝': '\\propto', '≪': '\\ll',
  '≫': '\\gg', '≔': '\\mathrel{:}=', '∈': '\\in', '∉': '\\notin', '∋': '\\ni', '⊂': '\\subset', '⊆': '\\subseteq',
  '⊃': '\\supset', '⊇': '\\supseteq', '⊊': '\\subsetneq',
  '∪': '\\cup', '∩': '\\cap', '∅': '\\emptyset', '∖': '\\setminus', '∀': '\\forall', '∃': '\\exists',
  '∄': '\\nexists', '¬': '\\neg', '∧': '\\wedge', '∨': '\\vee',
  '→': '\\to', '←': '\\leftarrow', '↔': '\\leftrightarrow', '⇒': '\\Rightarrow', '⇐': '\\Leftarrow',
  '⇔': '\\Leftrightarrow', '↦': '\\mapsto', '⟹': '\\implies', '⟸': '\\impliedby', '⟺': '\\iff',
  '↑': '\\uparrow', '↓': '\\downarrow',
  // analysis and sets
  '∂': '\\partial', '∇': '\\nabla', '∫': '\\int', '∑': '\\sum', '∏': '\\prod', '√': '\\surd', '∞': '\\infty',
  ℓ: '\\ell', ℝ: '\\mathbb{R}', ℕ: '\\mathbb{N}', ℤ: '\\mathbb{Z}', ℚ: '\\mathbb{Q}', ℂ: '\\mathbb{C}',
  '½': '\\tfrac{1}{2}', '⅓': '\\tfrac{1}{3}', '⅔': '\\tfrac{2}{3}', '¼': '\\tfrac{1}{4}', '¾': '\\tfrac{3}{4}',
  '°': '^{\\circ}',
};

/** Superscript and subscript characters, written as math scripts (runs are grouped: ⁻¹ → ^{-1}). */
const SUPER: Record<string, string> = {
  ᵀ: '\\mathrm{T}', '⁺': '+', '⁻': '-', '⁼': '=', '⁽': '(', '⁾': ')', '⁰': '0', '¹': '1', '²': '2', '³': '3',
  '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', ⁱ: 'i', ʲ: 'j', ᵏ: 'k', ⁿ: 'n', ᵐ: 'm', ᵖ: 'p',
  ˣ: 'x', ʸ: 'y', ᵗ: 't',
};
const SUB: Record<string, string> = {
  '₊': '+', '₋': '-', '₌': '=', '₍': '(', '₎': ')', '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5',
  '₆': '6', '₇': '7', '₈': '8', '₉': '9', ᵢ: 'i', ⱼ: 'j', ₖ: 'k', ₙ: 'n', ₘ: 'm', ₚ: 'p', ₓ: 'x', ₗ: 'l', ₜ: 't',
};

/** Text-mode replacements: punctuation and letters that are not accented ASCII letters. */
const TEXT: Record<string, string> = {
  '\u00a0': '~', '–': '--', '—': '---', '‘': '`', '’': "'", '“': '``', '”': "''", '…': '\\dots{}', '•': '\\textbullet{}',
  '†': '\\dag{}', '‡': '\\ddag{}', '§': '\\S{}', '¶': '\\P{}', '©': '\\copyright{}',
  ß: '\\ss{}', æ: '\\ae{}', Æ: '\\AE{}', œ: '\\oe{}', Œ: '\\OE{}', ø: '\\o{}', Ø: '\\O{}', å: '\\aa{}', Å: '\\AA{}',
  ł: '\\l{}', Ł: '\\L{}', ı: '\\i{}', '¡': '!`', '¿': '?`',
};

/** Combining marks (after NFD) and the text accent command for each. */
const ACCENT: Record<string, string> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0306': 'u', '\u0307': '.',
  '\u0308': '"', '\u030a': 'r', '\u030b': 'H', '\u030c': 'v', '\u0323': 'd', '\u0327': 'c', '\u0331': 'b',
};

function accented(ch: string): string | undefined {
  const [base, ...marks] = [...ch.normalize('NFD')];
  if (!base || marks.length === 0 || !/^[A-Za-z]$/.test(base)) return undefined;
  let out = base === 'i' || base === 'j' ? `\\${base}` : base; // dotless i/j under accents, as LaTeX writes them
  for (const m of marks) {
    const cmd = ACCENT[m];
    if (!cmd) return undefined;
    out = `\\${cmd}{${out}}`;
  }
  return out;
}

const fallback = (ch: string) =>
  `\\texttt{[${[...ch].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')}]}`;

/** One line of user text as LaTeX text mode (whitespace collapsed). Pure ASCII output. */
export function latexText(text: string): string {
  // a letter and the combining marks after it are one character (p̄ is p + U+0304: no precomposed form exists)
  const chars = text.replace(/\s+/g, ' ').trim().match(/\P{M}\p{M}*|\p{M}+/gu) ?? [];
  let out = '';
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i]!;
    const scripts = SUPER[ch] !== undefined ? SUPER : SUB[ch] !== undefined ? SUB : undefined;
    if (scripts) {
      // a run of script characters becomes one script group: Wᵀ⁻¹ → W\ensuremath{^{\mathrm{T}-1}}
      let run = '';
      while (i < chars.length && scripts[chars[i]!] !== undefined) {
        run += scripts[chars[i]!];
        i += 1;
      }
      out += `\\ensuremath{${scripts === SUPER ? '^' : '_'}{${run}}}`;
      continue;
    }
    i += 1;
    const code = ch.codePointAt(0)!;
    if (ASCII[ch] !== undefined) out += ASCII[ch];
    else if (ch === '-' && chars[i] === '-') out += '-{}'; // `--` as typed (`--seed`), not TeX's en-dash ligature
    else if (ch.length === 1 && code >= 0x20 && code < 0x7f) out += ch;
    else if (MATH[ch] !== undefined) out += `\\ensuremath{${MATH[ch]}}`;
    else if (TEXT[ch] !== undefined) out += TEXT[ch];
    else out += accented(ch) ?? fallback(ch);
  }
  return out;
}

/**
 * User text (a file name, a network's name) inside a `%` comment: one line of printable ASCII. A line break would
 * end the comment and let the rest run as TeX (`\\input`, `\\openout`), so every character outside printable ASCII
 * is written as `<U+XXXX>`.
 */
export function latexComment(text: string): string {
  return [...text].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)).join('');
}

/** User prose with blank-line paragraph breaks, as LaTeX paragraphs. */
export function latexParagraphs(text: string): string {
  return paragraphs(text).map(latexText).join('\n\n');
}

/** Splits prose at blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** User text for HTML element content or attribute values. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}
