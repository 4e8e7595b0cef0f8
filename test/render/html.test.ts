import { describe, expect, it } from 'vitest';
import { pageHtml } from '../../src/render/html.js';
import { katexStylesheet } from '../../src/render/katex-css.js';
import { FormulaError, loadTex } from '../../src/render/katex.js';
import type { PresentedProof } from '../../src/render/presented.js';
import { corollary24, lemma41 } from './fixture.js';

describe('katexStylesheet', () => {
  const css = katexStylesheet();
  it('embeds every KaTeX font as a woff2 data URL and references nothing outside the page', () => {
    const faces = css.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces.length).toBe(20);
    for (const f of faces) expect(f).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\("woff2"\)\}$/);
    expect(css).not.toMatch(/url\((?!data:)/);
  });
});

describe('pageHtml', async () => {
  const tex = await loadTex();
  const page = pageHtml([lemma41, corollary24], tex, '/* katex */');

  it('renders every formula server-side, with no KaTeX errors and no scripts', () => {
    const displays = page.match(/class="katex-display"/g) ?? [];
    // one display per step plus one per definitions block
    expect(displays).toHaveLength(lemma41.steps.length + 1 + corollary24.steps.length);
    expect(page).not.toContain('katex-error');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\$\$|\\\(/); // no TeX left for a client-side renderer
  });

  it('marks each step with the checker status', () => {
    const steps = [...page.matchAll(/<li class="step (\w+)" id="([^"]+)">\n<div class="head"><span class="num">Step (\d+)<\/span><span class="badge (\w+)">(.) ([a-z ]+)<\/span>/g)];
    expect(steps.map((m) => [m[2], m[1], m[4], m[5], m[6]])).toEqual([
      ['lemma-4.1-step-1', 'verified', 'verified', '✓', 'verified'],
      ['lemma-4.1-step-2', 'verified', 'verified', '✓', 'verified'],
      ['lemma-4.1-step-3', 'failed', 'failed', '✗', 'failed'],
      ['lemma-4.1-step-4', 'unchecked', 'unchecked', '?', 'not checked'],
      ['lemma-4.1-step-5', 'verified', 'verified', '✓', 'verified'],
      ['corollary-2.4-step-1', 'verified', 'verified', '✓', 'verified'],
      ['corollary-2.4-step-2', 'verified', 'verified', '✓', 'verified'],
    ]);
    expect(page).toContain('<p class="note">failed (seed 20160507): counterexample at H = 2');
  });

  it('escapes user text', () => {
    expect(page).toContain('<h2>Corollary 2.4: 50% of W_1 &amp; #2 — bad saddles for H ≥ 2 ($\\alpha$, ~x^2, {braces}, \\back)</h2>');
    expect(page).toContain('<span class="because">vec(PQR) = (Rᵀ ⊗ P) vec(Q), applied to Z_kᵀ W_kᵀ A_kᵀ; 50% of the work &amp; #2 of {3}</span>');
  });

  it('inlines the stylesheet it is given', () => {
    expect(page).toContain('<style>/* katex */</style>');
    expect(page).not.toMatch(/<link /);
  });

  it('uses the single proof title as the page title', () => {
    expect(pageHtml([lemma41], tex, '')).toContain('<title>Lemma 4.1: gradient of the loss in vec form</title>');
  });

  it('refuses a formula KaTeX rejects', () => {
    const broken: PresentedProof = { ...corollary24, defines: [{ name: 'E', latex: '\\foo' }] };
    expect(() => pageHtml([broken], tex, '')).toThrow(FormulaError);
    expect(() => pageHtml([broken], tex, '')).toThrow(/^proofs\/corollary-2\.4\.proof\.yaml: definitions: KaTeX rejects/);
  });
});
