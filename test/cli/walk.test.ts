import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProofDocument } from '../../src/proof/document.js';
import { listProofFiles } from '../../src/tui/library.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/**
 * `dln walk` run as a user runs it: the transcript through a pipe (runCli), and the terminal UI in a real
 * pseudo-terminal — a detached tmux session of fixed size, driven with send-keys and read with capture-pane.
 * Waits poll with generous deadlines, so a slow machine only makes the test slower, never flaky.
 */

const fixture = (name: string) => join('test', 'tui', 'fixtures', name);
const work = mkdtempSync(join(tmpdir(), 'dln-walk-'));
const socket = `dln-walk-e2e-${process.pid}`;

function tmux(...args: string[]): string {
  const r = spawnSync('tmux', ['-u', '-L', socket, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  if (r.error) throw new Error(`tmux is needed for this test (apt-get install -y tmux): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `dln walk ARGS` in a 100×`rows` pane; the exit code lands in a file when the program ends. */
function startWalk(name: string, args: string, rows = 30) {
  const exitFile = join(work, `${name}.exit`);
  // CI=… would make Ink print only the final frame; the UI under test is the interactive one
  const command = `env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color node dist/cli/main.js walk ${args}; echo "EXIT:$?" > ${exitFile}`;
  tmux('new-session', '-d', '-s', name, '-x', '100', '-y', String(rows), '-c', repoRoot, command);
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  const waitFor = async (probe: (s: string) => boolean, what: string, ms = 30_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const s = screen();
      if (probe(s)) return s;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await sleep(25);
    }
  };
  const exitCode = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const m = /EXIT:(\d+)/.exec(readFileSync(exitFile, 'utf8'));
        if (m) return Number(m[1]);
      } catch {
        /* not written yet */
      }
      if (Date.now() > deadline) throw new Error(`no exit code; screen:\n${screen()}`);
      await sleep(25);
    }
  };
  return { screen, waitFor, exitCode, keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys) };
}

// One session that outlives the tests: a tmux server exits with its last session, and a test starting its
// session just then (after a program that exits at once) would find the server going away.
beforeAll(() => {
  tmux('new-session', '-d', '-s', 'keepalive', 'sleep 3600');
});

afterAll(() => {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(work, { recursive: true, force: true });
});

describe('dln walk in a terminal', () => {
  it('npm start: Lemma 4.1 by default; j moves to step 2, l toggles LaTeX, q quits with 0', async () => {
    const ui = startWalk('default', '');
    const first = await ui.waitFor((s) => s.includes('Step 1 of'), 'the first frame');
    expect(first.split('\n')[0]).toMatch(/^Lemma 4\.1/);
    expect(first).toContain('Kawaguchi 2016, Lemma 4.1');
    // the very first frame already shows the formulas in Unicode (products of the weights as W_{H+1}⋯…), never
    // the file's mathjs text
    expect(first).toContain('⋯');
    expect(first).not.toContain('prod(W');
    ui.keys('j');
    const second = await ui.waitFor((s) => /Step 2 of \d+/.test(s), 'step 2');
    expect(second).toMatch(/› .\s+2 /);
    // the frame drawn before Ink loaded was replaced, not left above the UI
    expect(second.split('\n').filter((l) => l.startsWith('Lemma 4.1'))).toHaveLength(1);
    ui.keys('l');
    const latex = await ui.waitFor((s) => s.includes('\\cdots'), 'the LaTeX source');
    // the detail pane's formula (the line under the step's header) is now LaTeX source
    const lines = latex.split('\n');
    const formula = lines[lines.findIndex((l) => /Step 2 of \d+/.test(l)) + 1]!;
    expect(formula).toMatch(/\\[a-z]+/);
    expect(formula).not.toContain('⋯');
    ui.keys('q');
    expect(await ui.exitCode()).toBe(0);
  });

  it('p opens the picker of proofs/; j and Enter typed at once open the next file', async () => {
    const files = listProofFiles([join(repoRoot, 'proofs')]);
    const next = files[files.findIndex((f) => f.endsWith('lemma-4.1.proof.yaml')) + 1]!;
    const nextTitle = parseProofDocument(readFileSync(next, 'utf8'), next).title;
    const ui = startWalk('picker', '');
    await ui.waitFor((s) => s.includes('⋯'), 'the printed formulas');
    ui.keys('p');
    const picker = await ui.waitFor((s) => s.includes('Open a derivation file:'), 'the picker');
    expect(picker).toMatch(/› proofs\/lemma-4\.1\.proof\.yaml {2}\(open\)/);
    ui.keys('j', 'Enter');
    const opened = await ui.waitFor((s) => s.split('\n')[0] === nextTitle.slice(0, 100), `the title "${nextTitle}"`);
    expect(opened).toContain('Step 1 of');
    ui.keys('q');
    expect(await ui.exitCode()).toBe(0);
  });

  it('shows the steps, moves with j, toggles LaTeX with l, and quits with q (exit 0)', async () => {
    const ui = startWalk('steps', fixture('chain.proof.yaml'));
    const first = await ui.waitFor((s) => s.includes('Step 1 of 3'), 'the first frame');
    expect(first).toContain('Scalar chain: the gradient at a point');
    expect(first).toMatch(/› .\s+1 /);
    // the printer (in the worker) answers: formulas in Unicode
    await ui.waitFor((s) => s.includes('∂L/∂W_k') && s.includes('⊗'), 'the printed formulas');
    ui.keys('j');
    const second = await ui.waitFor((s) => s.includes('Step 2 of 3'), 'step 2');
    expect(second).toMatch(/› .\s+2 {2}vec\(E\) = /);
    expect(second).toContain('because: vec(PQR) = (Rᵀ ⊗ P) vec(Q)');
    ui.keys('l');
    const latex = await ui.waitFor((s) => s.includes('\\otimes'), 'the LaTeX source');
    expect(latex).toContain('Step 2 of 3');
    expect(latex).toMatch(/\\operatorname\{vec\}|\\mathrm\{vec\}|\\text\{vec\}/);
    ui.keys('l');
    await ui.waitFor((s) => !s.includes('\\otimes'), 'Unicode again');
    ui.keys('q');
    expect(await ui.exitCode()).toBe(0);
  });

  it('a malformed formula in a terminal: one line on stderr and exit 2 (the program does not hang on its keyboard)', async () => {
    const err = join(work, 'malformed.err');
    const ui = startWalk('malformed', `${fixture('bad-formula.proof.yaml')} 2> ${err}`);
    expect(await ui.exitCode()).toBe(2);
    expect(readFileSync(err, 'utf8')).toMatch(/^dln: test\/tui\/fixtures\/bad-formula\.proof\.yaml:6: step 1: .+\n$/);
  });

  it('Ctrl-C ends the walkthrough with 130', async () => {
    const ui = startWalk('interrupt', fixture('chain.proof.yaml'));
    // printed formulas mean the UI's effects ran, raw mode included: Ctrl-C is then a key, not a signal
    await ui.waitFor((s) => s.includes('∂L/∂W_k'), 'the printed formulas');
    ui.keys('C-c');
    expect(await ui.exitCode()).toBe(130);
  });

  it('a false step shows its counterexample when expanded; r re-checks with the next seed', async () => {
    const ui = startWalk('false', fixture('false-step.proof.yaml'));
    await ui.waitFor((s) => s.includes('checked 2/2 · 1 ✓  0 ≈  1 ✗'), 'both checks');
    ui.keys('j');
    const collapsed = await ui.waitFor((s) => s.includes('✗ Step 2 of 2'), 'step 2');
    expect(collapsed).toMatch(/counterexample \(seed 1, trial \d+\): /);
    expect(collapsed).not.toContain('sampled matrices');
    ui.keys('Enter');
    const expanded = await ui.waitFor((s) => s.includes('sampled matrices'), 'the expanded evidence');
    expect(expanded).toMatch(/A = [⎡[]/);
    expect(expanded).toContain('side 2: Aᵀ Bᵀ');
    ui.keys('r');
    const again = await ui.waitFor((s) => s.includes('seed 2') && s.includes('checked 2/2'), 'the re-check');
    expect(again).toMatch(/counterexample \(seed 2, trial \d+\): /);
    ui.keys('q');
    expect(await ui.exitCode()).toBe(0);
  });

  it('PgDn and PgUp move by a page, stop at the end, and the markers count the lines cut off', async () => {
    const ui = startWalk('scroll', 'proofs/lemma-4.3.proof.yaml', 28);
    await ui.waitFor((s) => /checked (\d+)\/\1/.test(s), 'every verdict');
    ui.keys('Enter');
    // the collapsed step may overflow too: wait for the expanded evidence (its instance list)
    const top = await ui.waitFor((s) => s.includes('instances:') && /↓ \d+ more lines? \(PgDn\)/.test(s), 'the expanded evidence');
    const below = Number(/↓ (\d+) more/.exec(top)![1]);
    // the detail pane: the rows between the rule under the step list and the rule above the footer
    const pane = (s: string) => {
      const rows = s.split('\n');
      const rules = rows.flatMap((r, i) => (/^─{20,}$/.test(r) ? [i] : []));
      return rows.slice(rules[rules.length - 2]! + 1, rules[rules.length - 1]);
    };
    const rows = pane(top).length;
    const total = rows - 1 + below; // the first page shows rows − 1 lines and the marker
    ui.keys('PageDown');
    const second = await ui.waitFor((s) => /↑ \d+ more/.test(s) && /↓ \d+ more/.test(s), 'the second page');
    // a page is the rows between the two markers, so PgDn shows the first line not yet seen
    expect(Number(/↑ (\d+) more/.exec(second)![1])).toBe(rows - 2);
    const visible = pane(second).length - 2;
    expect(Number(/↓ (\d+) more/.exec(second)![1])).toBe(total - (rows - 2) - visible);
    for (let i = 0; i < 12; i++) ui.keys('PageDown');
    const end = await ui.waitFor((s) => /↑ \d+ more/.test(s) && !/↓ \d+ more/.test(s), 'the last page');
    const last = Number(/↑ (\d+) more/.exec(end)![1]);
    expect(last).toBe(total - (rows - 1));
    // past the end, one PgUp moves at once
    ui.keys('PageUp');
    const back = await ui.waitFor((s) => /↓ \d+ more/.test(s), 'one page up');
    expect(Number(/↑ (\d+) more/.exec(back)?.[1] ?? 0)).toBe(Math.max(0, last - (rows - 2)));
    ui.keys('q');
    expect(await ui.exitCode()).toBe(0);
  });

  it('the point explorer: report with the spectrum chart; ⏎ weights, l LaTeX, ? help', async () => {
    const ui = startWalk('explorer', `--network ${fixture('h1-diag.json')}`, 50);
    // a capture can land in the middle of a frame being drawn: wait for the chart's last row
    const s = await ui.waitFor((t) => / {2}−3 █+│ +×2\n/.test(t), 'the first report');
    expect(s).toMatch(/› zero {2}expect strict-saddle {2}✓ strict-saddle/);
    expect(s).toContain('Hessian 12×12');
    ui.keys('Enter');
    const weights = await ui.waitFor((t) => t.includes('weights:'), 'the weights');
    expect(weights).toMatch(/W_1 = ⎡ 0 {2}0 {2}0 ⎤/);
    ui.keys('l');
    await ui.waitFor((t) => t.includes('W_{1} = \\begin{bmatrix}'), 'the LaTeX source');
    ui.keys('l', '?');
    await ui.waitFor((t) => t.includes('Reading a report'), 'the help');
    // Escape and a key sent at once read as Alt+key: one at a time
    ui.keys('Escape');
    await ui.waitFor((t) => t.includes('Hessian 12×12'), 'the report again');
    ui.keys('j');
    await ui.waitFor((t) => t.includes('global-min (as expected)'), 'the second report');
    ui.keys('Escape');
    expect(await ui.exitCode()).toBe(0);
  });
});

describe('dln walk through a pipe', () => {
  it('prints the transcript of the whole proof', () => {
    const r = runCli(['walk', fixture('chain.proof.yaml'), '--seed', '7']);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Scalar chain: the gradient at a point');
    expect(lines).toContain('Steps (seed 7):');
    expect(lines.filter((l) => /^[✓✗?] Step \d of 3 · (claim|holds) · line \d+$/.test(l))).toHaveLength(3);
    expect(lines).toContain('  ∂L/∂W_k = (W_{H+1}⋯W_{k+1})ᵀ E (W_{k−1}⋯W₁ X)ᵀ');
    expect(lines.at(-2)).toMatch(/^3 steps: \d verified, \d tested, \d failed, \d not checked\.$/);
    expect(runCli(['walk', fixture('chain.proof.yaml'), '--seed', '7']).stdout).toBe(r.stdout);
  });

  it('a false step: its counterexample in the transcript, exit 1', () => {
    const r = runCli(['walk', fixture('false-step.proof.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('✓ Step 1 of 2 · claim · line 7');
    expect(r.stdout).toContain('✗ Step 2 of 2 · claim · line 9');
    expect(r.stdout).toMatch(/ {4}counterexample \(seed 1, trial \d+\): .*n=\d/);
    expect(r.stdout).toMatch(/ {4}first difference at entry \(\d, \d\): -?\d+ ≠ -?\d+/);
    expect(r.stdout).toContain('    side 1: (A B)ᵀ');
    expect(r.stdout).toContain('2 steps: 1 verified, 0 tested, 1 failed, 0 not checked.');
  });

  it('explorer transcript: every point, exit 1 when one is not as expected', () => {
    const r = runCli(['walk', '--network', fixture('h1-diag.json')]);
    expect(r.stdout).toContain('✓ zero: strict-saddle (as expected) · exact');
    expect(r.stdout).toContain('✗ I = {1,3}, expected wrongly: strict-saddle (expected global-min) · exact');
    expect(r.status).toBe(1);
  });

  it('bad input: one line naming the file or option, exit 2', () => {
    const missing = runCli(['walk', 'nope.proof.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('dln: nope.proof.yaml: no such file\n');
    const seed = runCli(['walk', fixture('chain.proof.yaml'), '--seed', 'x']);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toBe("dln: --seed: expected an integer from 0 to 4294967295, got 'x'\n");
    const both = runCli(['walk', fixture('chain.proof.yaml'), '--network', fixture('h1-diag.json')]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe('dln: walk: give a derivation file or --network, not both\n');
    const badFormula = runCli(['walk', fixture('bad-formula.proof.yaml')]);
    expect(badFormula.status).toBe(2);
    expect(badFormula.stderr).toMatch(/^dln: test\/tui\/fixtures\/bad-formula\.proof\.yaml:6: step 1: .+\n$/);
    expect(badFormula.stdout).toBe('');
    const badNet = runCli(['walk', '--network', fixture('chain.proof.yaml')]);
    expect(badNet.status).toBe(2);
    expect(badNet.stderr).toMatch(/^dln: test\/tui\/fixtures\/chain\.proof\.yaml: line 1 column 1: invalid JSON/);
    expect(badNet.stdout).toBe('');
  });
});
