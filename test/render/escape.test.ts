import { describe, expect, it } from 'vitest';
import { htmlText, latexParagraphs, latexText, paragraphs } from '../../src/render/escape.js';

describe('latexText', () => {
  it('escapes every LaTeX special character', () => {
    expect(latexText('50% of W_1 & #2')).toBe('50\\% of W\\_1 \\& \\#2');
    expect(latexText('a_b%c&d#e$f{g}h\\i~j^k')).toBe(
      'a\\_b\\%c\\&d\\#e\\$f\\{g\\}h\\textbackslash{}i\\textasciitilde{}j\\textasciicircum{}k',
    );
  });

  it('keeps a backslash command from swallowing the text after it', () => {
    // `\textbackslash alpha` would be an undefined command; the braces end the command name
    expect(latexText('\\alpha')).toBe('\\textbackslash{}alpha');
  });

  it('prints <, > and | as themselves (OT1 text fonts would print ¡ ¿ —)', () => {
    expect(latexText('a < b > c | d')).toBe('a \\ensuremath{<} b \\ensuremath{>} c \\ensuremath{|} d');
  });

  it('maps the mathematical symbols people type to math commands', () => {
    expect(latexText('A ⊗ B')).toBe('A \\ensuremath{\\otimes} B');
    expect(latexText('‖r‖ ≥ 0')).toBe('\\ensuremath{\\|}r\\ensuremath{\\|} \\ensuremath{\\geq} 0');
    expect(latexText('λ ∈ Σ')).toBe('\\ensuremath{\\lambda} \\ensuremath{\\in} \\ensuremath{\\Sigma}');
    expect(latexText('W₃⋯W₁')).toBe('W\\ensuremath{_{3}}\\ensuremath{\\cdots}W\\ensuremath{_{1}}');
    expect(latexText('x ∈ ℝ')).toBe('x \\ensuremath{\\in} \\ensuremath{\\mathbb{R}}');
    expect(latexText('½')).toBe('\\ensuremath{\\tfrac{1}{2}}');
  });

  it('groups runs of superscripts and subscripts into one script', () => {
    expect(latexText('Wᵀ')).toBe('W\\ensuremath{^{\\mathrm{T}}}');
    expect(latexText('(XXᵀ)⁻¹')).toBe('(XX\\ensuremath{^{\\mathrm{T}}})\\ensuremath{^{-1}}');
    expect(latexText('Aᵀ⁻¹')).toBe('A\\ensuremath{^{\\mathrm{T}-1}}');
    expect(latexText('d₁₂')).toBe('d\\ensuremath{_{12}}');
    expect(latexText('x²₁')).toBe('x\\ensuremath{^{2}}\\ensuremath{_{1}}');
  });

  it('writes accented letters with accent commands and typographic punctuation as LaTeX ligatures', () => {
    expect(latexText('café')).toBe("caf\\'{e}");
    expect(latexText('naïve')).toBe('na\\"{\\i}ve');
    expect(latexText('Łukasiewicz, Erdős, Gauß')).toBe('\\L{}ukasiewicz, Erd\\H{o}s, Gau\\ss{}');
    expect(latexText('a – b — “c” ‘d’')).toBe("a -- b --- ``c'' `d'");
    expect(latexText('a … b')).toBe('a \\dots{} b');
  });

  it('puts combining marks typed after a letter on that letter (p̄ has no precomposed form), primes as superscripts', () => {
    expect(latexText('U_p\u0304, cafe\u0301')).toBe("U\\_\\={p}, caf\\'{e}");
    expect(latexText('L′ and L″')).toBe('L\\ensuremath{{}^{\\prime}} and L\\ensuremath{{}^{\\prime\\prime}}');
    expect(latexText('α\u0302')).toBe('\\texttt{[U+03B1 U+0302]}');
    expect(latexText('dln verify --seed 3 --- x')).toBe('dln verify -{}-seed 3 -{}-{}- x');
  });

  it('shows characters it cannot typeset as their code point rather than breaking the document', () => {
    expect(latexText('日本 😀')).toBe('\\texttt{[U+65E5]}\\texttt{[U+672C]} \\texttt{[U+1F600]}');
  });

  it('produces pure ASCII, so any preamble and input encoding compiles it', () => {
    const everything = 'ᵀ⊗‖⋯≥∈λΣ αβγδεζηθικμνξπρστυφχψω ΓΔΘΛΞΠΥΦΨΩ ∂∇∞ ≤≠≈ ⊆∪∩∅ →⇒⇔ ∀∃¬∧∨ éèêëàçñöü ß æ ø å 日 ⁰¹²³⁴⁵⁶⁷⁸⁹ ₀₁₂₃';
    const out = latexText(everything);
    expect([...out].filter((c) => c.codePointAt(0)! > 0x7e)).toEqual([]);
  });

  it('collapses whitespace (a justification is one line)', () => {
    expect(latexText('  a\n  b\t c  ')).toBe('a b c');
  });
});

describe('paragraphs', () => {
  it('splits prose at blank lines', () => {
    expect(paragraphs('one\ntwo\n\n  \nthree\n')).toEqual(['one\ntwo', 'three']);
    expect(latexParagraphs('50%\n\nW_1')).toBe('50\\%\n\nW\\_1');
  });
});

describe('htmlText', () => {
  it('escapes markup and leaves Unicode alone', () => {
    expect(htmlText('<b>50% & "W_1" \'x\' ⊗ ᵀ</b>')).toBe('&lt;b&gt;50% &amp; &quot;W_1&quot; &#39;x&#39; ⊗ ᵀ&lt;/b&gt;');
  });
});
