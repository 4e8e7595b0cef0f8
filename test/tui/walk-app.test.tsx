import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProofDocument } from '../../src/proof/document.js';
import { cleanup, render } from 'ink-testing-library';
import { WalkApp } from '../../src/tui/walk-app.js';
import type { StepResult } from '../../src/proof/result.js';
import { deferred, failed, FakeLibrary, FakeSession, fixture, loadFixture, until, verified } from './fake-session.js';

const KEY = { down: '\u001B[B', up: '\u001B[A', right: '\u001B[C', left: '\u001B[D', enter: '\r', esc: '\u001B', pageDown: '\u001B[6~' };

function start(session: FakeSession, opts: { interactive?: boolean; seed?: number; library?: FakeLibrary } = {}) {
  const exits: number[] = [];
  const library = opts.library ?? new FakeLibrary([fixture('chain.proof.yaml'), fixture('other.proof.yaml')]);
  const app = render(
    <WalkApp
      library={library}
      session={session}
      seed={opts.seed ?? 1}
      interactive={opts.interactive ?? true}
      onExit={(c) => exits.push(c)}
    />,
  );
  const frame = () => app.lastFrame() ?? '';
  const waitFor = (text: string | RegExp) =>
    until(() => (typeof text === 'string' ? frame().includes(text) : text.test(frame())), frame);
  return { app, frame, waitFor, exits, library };
}

/** The detail pane: what follows the step list's closing rule. */
const detail = (frame: string) => frame.split(/─{10,}/)[2] ?? '';

afterEach(() => cleanup());

describe('walkthrough: step view', () => {
  it('shows the title, the source, every step with its status, and the first step in detail', async () => {
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml')));
    await ui.waitFor('checked 3/3');
    const f = ui.frame();
    expect(f).toContain('Scalar chain: the gradient at a point');
    expect(f).toContain('docs/mathematics.md §6 (test fixture)');
    expect(f).toMatch(/› ✓  1  «grad\(L, W\[k\]\)/);
    expect(f).toMatch(/ {2}✓  2  «vec\(E\)/);
    expect(f).toMatch(/ {2}✓  3  «iszero/);
    expect(detail(f)).toContain('Step 1 of 3 · claim · line 12');
    expect(detail(f)).toContain('because: chain rule through the product');
    expect(detail(f)).toContain('verified by randomized exact identity test, 12 trials on 2 instance shapes');
    expect(f).toContain('q quit');
  });

  it('moves with j/k and the arrow keys, and stops at the ends', async () => {
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml')));
    await ui.waitFor('checked 3/3');
    ui.app.stdin.write('j');
    await ui.waitFor('Step 2 of 3');
    ui.app.stdin.write(KEY.down);
    await ui.waitFor('Step 3 of 3');
    ui.app.stdin.write('j');
    ui.app.stdin.write(KEY.up);
    await ui.waitFor('Step 2 of 3');
    ui.app.stdin.write('k');
    ui.app.stdin.write('k');
    await ui.waitFor('Step 1 of 3');
    expect(ui.frame()).toMatch(/› ✓  1/);
  });

  it('shows a spinner on the step being checked, waiting steps as ·, and updates as results arrive', async () => {
    const holds = [deferred<StepResult>(), deferred<StepResult>(), deferred<StepResult>()];
    const session = new FakeSession(loadFixture('chain.proof.yaml'), (step) => holds[step - 1]!.promise);
    const ui = start(session);
    await ui.waitFor(/› [⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] {2}1/);
    expect(ui.frame()).toMatch(/checking \S 0\/3/);
    expect(ui.frame()).toMatch(/ {2}· {2}2/);
    expect(detail(ui.frame())).toContain('checking…');
    holds[0]!.resolve(verified(1));
    await ui.waitFor(/ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] {2}2/);
    expect(ui.frame()).toMatch(/› ✓  1/);
    expect(ui.frame()).toMatch(/checking \S 1\/3 · 1 ✓/);
    holds[1]!.resolve(failed(2, 1));
    await ui.waitFor(/ {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] {2}3/);
    holds[2]!.reject(new Error('cannot parse iszero'));
    await ui.waitFor('checked 3/3 · 1 ✓  0 ≈  1 ✗  1 ?');
    expect(ui.frame()).toMatch(/ {2}✗ {2}2/);
    expect(ui.frame()).toMatch(/ {2}\? {2}3/);
    ui.app.stdin.write('j');
    ui.app.stdin.write('j');
    await ui.waitFor('Step 3 of 3');
    expect(detail(ui.frame())).toContain('not checked: the checker stopped with an error: cannot parse iszero');
  });

  it('checks the steps one after another, in order, with the seed', async () => {
    const session = new FakeSession(loadFixture('chain.proof.yaml'));
    const ui = start(session, { seed: 42 });
    await ui.waitFor('checked 3/3');
    expect(session.checks).toEqual([
      { step: 1, seed: 42 },
      { step: 2, seed: 42 },
      { step: 3, seed: 42 },
    ]);
  });

  it('expands the evidence with Enter or →, and collapses it with ← or Enter', async () => {
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml'), (s, seed) => (s === 2 ? failed(s, seed) : verified(s))));
    await ui.waitFor('checked 3/3');
    ui.app.stdin.write('j');
    await ui.waitFor('Step 2 of 3');
    // collapsed: the counterexample's instance and first difference, not the matrices
    expect(detail(ui.frame())).toContain('counterexample (seed 1, trial 3): m=2, k=2');
    expect(detail(ui.frame())).toContain('first difference at entry (1, 2): 5 ≠ 7');
    expect(detail(ui.frame())).not.toContain('sampled matrices');
    ui.app.stdin.write(KEY.enter);
    await ui.waitFor('sampled matrices');
    expect(detail(ui.frame())).toContain('x = [ 1  −3/4 ]');
    // taller than the 24-row test terminal: the rest is a page down
    expect(detail(ui.frame())).toMatch(/↓ \d+ more lines? \(PgDn\)/);
    ui.app.stdin.write(KEY.pageDown);
    await ui.waitFor('[ 2  7 ]');
    expect(detail(ui.frame())).toMatch(/↑ \d+ more lines? \(PgUp\)/);
    ui.app.stdin.write(KEY.left);
    await until(() => !ui.frame().includes('sampled matrices'), ui.frame);
    ui.app.stdin.write(KEY.right);
    await ui.waitFor('sampled matrices');
    ui.app.stdin.write(KEY.enter);
    await until(() => !ui.frame().includes('sampled matrices'), ui.frame);
  });

  it('toggles the formula between Unicode text and LaTeX source with l', async () => {
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml')));
    await ui.waitFor('checked 3/3');
    expect(detail(ui.frame())).toContain("«grad(L, W[k]) = prod(W, H+1, k+1)ᵀ");
    ui.app.stdin.write('l');
    await ui.waitFor('\\text{grad(L, W[k])');
    expect(detail(ui.frame())).not.toContain('«grad');
    ui.app.stdin.write('j');
    await ui.waitFor('\\text{vec(E)');
    ui.app.stdin.write('l');
    await ui.waitFor('«vec(E)');
  });

  it('shows the source text until the printer answers, and the reason when it cannot print', async () => {
    const printing = deferred<{ text: string; latex: string }>();
    const session = new FakeSession(loadFixture('chain.proof.yaml'), (s) => verified(s), (source) =>
      source.startsWith('grad') ? printing.promise : Promise.reject(new Error(`no printer for ${source.slice(0, 4)}`)),
    );
    const ui = start(session);
    await ui.waitFor('checked 3/3');
    expect(detail(ui.frame())).toContain("grad(L, W[k]) = prod(W, H+1, k+1)'");
    printing.resolve({ text: '∂L/∂W_k = …', latex: '' });
    await ui.waitFor('∂L/∂W_k = …');
    ui.app.stdin.write('j');
    await ui.waitFor('cannot print it: no printer for vec(');
  });

  it('r re-checks every step with the next seed', async () => {
    const session = new FakeSession(loadFixture('chain.proof.yaml'));
    const ui = start(session, { seed: 5 });
    await ui.waitFor('checked 3/3');
    expect(ui.frame()).toContain('seed 5');
    ui.app.stdin.write('r');
    await ui.waitFor('seed 6');
    await ui.waitFor('checked 3/3');
    expect(session.checks.map((c) => c.seed)).toEqual([5, 5, 5, 6, 6, 6]);
  });

  it('? shows the help and Esc returns to the steps', async () => {
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml')));
    await ui.waitFor('checked 3/3');
    expect(ui.frame()).toContain("A short derivation used by the walkthrough's tests.");
    ui.app.stdin.write('?');
    await ui.waitFor('Step status');
    expect(ui.frame()).toContain('About this proof');
    expect(ui.frame()).toContain('Source: docs/mathematics.md §6 (test fixture)');
    // taller than the 24-row test terminal: the help scrolls
    expect(ui.frame()).not.toContain('waiting to be checked');
    ui.app.stdin.write(KEY.pageDown);
    ui.app.stdin.write(KEY.pageDown);
    await ui.waitFor('waiting to be checked');
    expect(ui.frame()).toContain('r            check every step again with the next seed');
    ui.app.stdin.write(KEY.esc);
    await ui.waitFor('Step 1 of 3');
    expect(ui.exits).toEqual([]);
  });

  it('q quits with 0, Esc in the step view quits with 0, Ctrl-C with 130', async () => {
    for (const [key, code] of [['q', 0], [KEY.esc, 0], ['\u0003', 130]] as const) {
      const session = new FakeSession(loadFixture('chain.proof.yaml'));
      const ui = start(session);
      await ui.waitFor('checked 3/3');
      ui.app.stdin.write(key);
      await until(() => ui.exits.length > 0, ui.frame);
      expect(ui.exits).toEqual([code]);
      await until(() => session.closed, () => 'session not closed');
    }
  });
});

describe('walkthrough: picker', () => {
  it('p lists the derivation files with the open one marked; Enter opens the chosen one', async () => {
    const first = new FakeSession(loadFixture('chain.proof.yaml'));
    const ui = start(first);
    await ui.waitFor('checked 3/3');
    ui.app.stdin.write('p');
    await ui.waitFor('Open a derivation file:');
    expect(ui.frame()).toMatch(/› .*chain\.proof\.yaml {2}\(open\)/);
    expect(ui.frame()).toMatch(/ {2}.*other\.proof\.yaml/);
    // one event for two keys, as a terminal delivers fast typing
    ui.app.stdin.write('j\r');
    await ui.waitFor('Another derivation');
    await ui.waitFor('checked 1/1');
    expect(ui.frame()).toContain('Step 1 of 1');
    expect(ui.library.opened).toEqual([fixture('other.proof.yaml')]);
    await until(() => first.closed, () => 'first session not closed');
  });

  it('Esc closes the picker; a file that fails to open is reported in the picker', async () => {
    const library = new FakeLibrary([fixture('missing.proof.yaml'), fixture('chain.proof.yaml')]);
    const ui = start(new FakeSession(loadFixture('chain.proof.yaml')), { library });
    await ui.waitFor('checked 3/3');
    ui.app.stdin.write('p');
    await ui.waitFor('Open a derivation file:');
    ui.app.stdin.write('k');
    ui.app.stdin.write(KEY.enter);
    await ui.waitFor('ENOENT');
    expect(ui.frame()).toContain('Open a derivation file:');
    ui.app.stdin.write(KEY.esc);
    await ui.waitFor('Step 1 of 3');
    expect(ui.exits).toEqual([]);
  });
});

describe('walkthrough of a file being edited', () => {
  it('checks again only the steps an edit changed, keeps the cursor, and keeps the last good version of a bad edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dln-walk-edit-'));
    const file = join(dir, 'chain.proof.yaml');
    const original = readFileSync(fixture('chain.proof.yaml'), 'utf8');
    writeFileSync(file, original);
    const first = new FakeSession(parseProofDocument(original, file));
    const library = new FakeLibrary([file]);
    const ui = start(first, { library });
    await ui.waitFor('checked 3/3');
    ui.app.stdin.write('j');
    await ui.waitFor('Step 2 of 3');
    // step 2's formula changes; steps 1 and 3 (and the file's declarations) do not
    const edited = original.replace("vec(E) =", "vec(E + 0) =");
    expect(edited).not.toBe(original);
    writeFileSync(file, edited);
    await until(() => library.sessions.length === 1 && library.sessions[0]!.checks.length === 1, ui.frame, 10_000);
    await ui.waitFor('«vec(E + 0)');
    expect(library.sessions[0]!.checks).toEqual([{ step: 2, seed: 1 }]);
    expect(ui.frame()).toContain('checked 3/3');
    expect(ui.frame()).toContain('Step 2 of 3');
    // a bad edit: the notice, and the steps as they were
    writeFileSync(file, 'title: [unclosed\n');
    await ui.waitFor('changed but cannot be used');
    expect(ui.frame()).toContain('Step 2 of 3');
    expect(ui.frame()).toContain('«vec(E + 0)');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('walkthrough without a keyboard', () => {
  it('ends by itself when every step is checked: 0 if all verified, 1 otherwise', async () => {
    const ok = start(new FakeSession(loadFixture('chain.proof.yaml')), { interactive: false });
    await until(() => ok.exits.length > 0, ok.frame);
    expect(ok.exits).toEqual([0]);
    expect(ok.frame()).not.toContain('q quit');
    const bad = start(new FakeSession(loadFixture('chain.proof.yaml'), (s, seed) => (s === 3 ? failed(s, seed) : verified(s))), {
      interactive: false,
    });
    await until(() => bad.exits.length > 0, bad.frame);
    expect(bad.exits).toEqual([1]);
  });
});
