import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageHtml } from '../../src/render/html.js';
import { katexStylesheet } from '../../src/render/katex-css.js';
import { loadTex } from '../../src/render/katex.js';
import { corollary24, lemma41 } from './fixture.js';
import { dumpDom, pngFacts, screenshot } from './tools.js';

describe('the HTML page in headless Chromium', async () => {
  const tex = await loadTex();
  const dir = mkdtempSync(join(tmpdir(), 'dln-html-'));
  const file = join(dir, 'page.html');
  writeFileSync(file, pageHtml([lemma41, corollary24], tex, katexStylesheet()));

  it('loads with every formula rendered and no KaTeX error elements', () => {
    const dom = dumpDom(file);
    expect(dom).not.toContain('katex-error');
    // one display per step and per definitions block, each with KaTeX's HTML tree
    expect(dom.match(/class="katex-display"/g)).toHaveLength(lemma41.steps.length + 1 + corollary24.steps.length);
    expect(dom.match(/class="katex-html"/g)?.length).toBeGreaterThanOrEqual(lemma41.steps.length + corollary24.steps.length + 6);
    expect(dom).toContain('<span class="badge failed">✗ failed</span>');
  });

  it('takes a screenshot', () => {
    const png = join(dir, 'page.png');
    screenshot(file, png, 1000, 2600);
    const facts = pngFacts(png);
    expect(facts).toMatchObject({ isPng: true, width: 1000, height: 2600 });
    expect(facts.bytes).toBeGreaterThan(50_000); // a blank page of that size is about 13 KB
  });
});
