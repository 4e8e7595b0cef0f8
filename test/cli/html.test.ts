import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { dumpDom, pngFacts, screenshot } from '../render/tools.js';
import { allProofs, brokenProof, formulaCounts, rawProof, scratch, SPECIAL_TITLE, specialProof, uncheckableProof } from './proof-files.js';

describe('dln html over all of proofs/', () => {
  const dir = scratch('dln-html-');
  const out = join(dir, 'page.html');
  const r = runCli(['html', ...allProofs, '-o', out]);
  const page = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const steps = allProofs.reduce((n, f) => n + rawProof(f).steps.length, 0);

  it('writes one self-contained page and exits 0 (every step verified or tested)', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^wrote ${out}: ${allProofs.length} proofs, ${steps} steps, \\d+ verified, \\d+ tested, 0 failed, 0 not checked \\(seed 1, 24 trials per step\\)\\n$`));
    expect(page).not.toMatch(/<script|<link |url\((?!data:)/i); // nothing loaded from elsewhere: readable offline
    expect(page).toMatch(/@font-face\{[^}]*font-family:KaTeX_Main;[^}]*src:url\(data:font\/woff2;base64,/);
  });

  it('opens in headless Chromium with every formula rendered and no KaTeX error elements', () => {
    const dom = dumpDom(out);
    expect(dom).not.toContain('katex-error');
    const displays = allProofs.map(formulaCounts).reduce((n, c) => n + c.display, 0);
    expect(dom.match(/class="katex-display"/g)).toHaveLength(displays);
    expect(dom.match(/<section class="proof"/g)).toHaveLength(allProofs.length);
    const marked = (dom.match(/<span class="badge verified">✓ verified<\/span>/g) ?? []).length + (dom.match(/<span class="badge tested">≈ tested<\/span>/g) ?? []).length;
    expect(marked).toBe(steps);
    expect(dom).not.toMatch(/badge (failed|unchecked)/);
  });

  it('takes a screenshot', () => {
    const png = join(dir, 'page.png');
    screenshot(out, png, 1000, 3000);
    const facts = pngFacts(png);
    expect(facts).toMatchObject({ isPng: true, width: 1000, height: 3000 });
    expect(facts.bytes).toBeGreaterThan(100_000); // a blank page of that size is about 15 KB
  });
});

describe('dln html with user text full of specials, a false step and an unchecked one', () => {
  const dir = scratch('dln-html-special-', { 'special.proof.yaml': specialProof, 'uncheckable.proof.yaml': uncheckableProof });
  const out = join(dir, 'page.html');
  const r = runCli(['html', join(dir, 'special.proof.yaml'), join(dir, 'uncheckable.proof.yaml'), '-o', out, '--trials', '3']);
  const page = existsSync(out) ? readFileSync(out, 'utf8') : '';

  it('still writes the page, with each step marked as the checker found it, and exits 1', () => {
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^wrote .*: 2 proofs, 3 steps, 1 verified, 0 tested, 1 failed, 1 not checked \(seed 1, 3 trials per step\)\n/);
    const badges = [...page.matchAll(/<li class="step (\w+)" id="([^"]+)">/g)].map((m) => [m[2], m[1]]);
    expect(badges).toEqual([
      ['special-step-1', 'verified'],
      ['special-step-2', 'failed'],
      ['uncheckable-step-1', 'unchecked'],
    ]);
    expect(page).toContain('<span class="badge failed">✗ failed</span>');
    expect(page).toContain('<span class="badge unchecked">? not checked</span>');
    expect(page).toMatch(/<p class="note">failed \(seed 1\): By .*Counterexample on trial/);
  });

  it('escapes the title and justifications', () => {
    const title = `${SPECIAL_TITLE.replace('&', '&amp;')} &lt;b&gt;{x}&lt;/b&gt; $y$ ~z^2 \\back`;
    expect(page).toContain(`<h2>${title}</h2>`);
    expect(page).toContain('<span class="because">difference of squares: 50% &amp; #2 of {3}, ~x^2, $y$, \\z</span>');
    expect(page).not.toContain('<b>{x}</b>');
    expect(dumpDom(out)).not.toContain('katex-error');
  });
});

describe('dln html: bad input is one line, exit 2, and no file written or changed', () => {
  const dir = scratch('dln-html-bad-', { 'good.proof.yaml': specialProof, 'broken.proof.yaml': brokenProof });

  it('a malformed file among several; -o missing; an existing page is left unchanged', () => {
    const out = join(dir, 'page.html');
    writeFileSync(out, '<p>previous</p>\n');
    const r = runCli(['html', join(dir, 'good.proof.yaml'), join(dir, 'broken.proof.yaml'), '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dln: .*broken\.proof\.yaml:3: step 1: unbalanced parentheses/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('<p>previous</p>\n');
    const noOutput = runCli(['html', join(dir, 'good.proof.yaml')]);
    expect(noOutput.status).toBe(2);
    expect(noOutput.stderr).toBe('dln: -o: missing: give the file to write with -o FILE\n');
    expect(readdirSync(dir).sort()).toEqual(['broken.proof.yaml', 'good.proof.yaml', 'page.html']);
  });
});
