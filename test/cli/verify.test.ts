import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { repoRoot, runCli } from '../helpers/cli.js';

const proofs = readdirSync('proofs').filter((f) => f.endsWith('.proof.yaml')).map((f) => `proofs/${f}`);
const tmp = mkdtempSync(join(tmpdir(), 'dln-verify-'));

describe('dln verify', () => {
  it('passes every step of proofs/ (verified for all sizes, or tested) and exits 0; --strict fails on tested steps', () => {
    const r = runCli(['verify', ...proofs, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    type Step = { status: string; scope: { sizes: string; maxSize: number; H: number[] | null; why: string } };
    const out = JSON.parse(r.stdout) as { ok: boolean; proofs: { file: string; steps: Step[] }[] };
    expect(out.ok).toBe(true);
    expect(out.proofs).toHaveLength(proofs.length);
    for (const p of out.proofs)
      for (const s of p.steps) {
        expect(['verified', 'tested']).toContain(s.status);
        expect(s.scope.sizes).toBe(s.status === 'verified' ? 'all' : 'tried');
        expect(s.scope.why.length).toBeGreaterThan(10);
      }
    const lemma41 = out.proofs.find((p) => p.file.endsWith('lemma-4.1.proof.yaml'))!;
    expect(lemma41.steps.every((s) => s.status === 'verified' && s.scope.H?.join() === '1,3')).toBe(true);
    expect(runCli(['verify', 'proofs/lemma-4.1.proof.yaml', '--strict']).status).toBe(0);
    const strict = runCli(['verify', 'proofs/lemma-4.2.proof.yaml', '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/≈ +1 .*\n.*tested/);
  });

  it('prints a counterexample for a false step and exits 1', () => {
    const text = readFileSync('proofs/lemma-4.1.proof.yaml', 'utf8').replace("A[k]' * E * Z[k]'", "A[k]' * E * Z[k]");
    const f = join(tmp, 'bad.proof.yaml');
    writeFileSync(f, text);
    const r = runCli(['verify', f, '--seed', '4']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/✗ +8/);
    expect(r.stdout).toMatch(/counterexample \(seed 4/);
    expect(r.stdout).toMatch(/side 2: A_kᵀ E Z_k/);
  });

  it('a failing step: its file:line:col in the report, and a gcc-style diagnostic on stderr', () => {
    const text = readFileSync('proofs/lemma-4.1.proof.yaml', 'utf8').replace("A[k]' * E * Z[k]'", "A[k]' * E * Z[k]");
    const f = join(tmp, 'diag.proof.yaml');
    writeFileSync(f, text);
    // where step 8's formula starts in the file, found independently of the parser
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.includes("A[k]' * E * Z[k]") && l.includes('claim:'));
    const col = lines[row]!.indexOf('claim:') + 'claim: '.length + 1;
    const at = `${f}:${row + 1}:${col}`;
    const r = runCli(['verify', f]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`      ${at}: step 8: failed\n`);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: error: step 8: failed .*\\(counterexample: .*seed 1\\)$`))]);
    const d = runCli(['verify', f, '--format', 'diagnostics']);
    expect(d.status).toBe(1);
    expect(d.stdout).toBe(r.stderr);
    expect(d.stderr).toBe('');
    const j = JSON.parse(runCli(['verify', f, '--json']).stdout);
    expect(j.proofs[0].steps[7]).toMatchObject({ step: 8, status: 'failed', line: row + 1, column: col });
    // all verified: no diagnostics at all
    expect(runCli(['verify', 'proofs/lemma-4.1.proof.yaml', '--format', 'diagnostics'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('steps of a file with assumptions are marked as checked under them', () => {
    const r = runCli(['verify', 'proofs/lemma-4.2.proof.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}assume: critical; .* — every step is checked only on instances that satisfy these$/m);
    // every step, whatever its status (under a hypothesis a step is at most tested)
    const steps = r.stdout.split('\n').filter((l) => /^ {2}[✓≈✗?] +\d+ {2}/.test(l));
    expect(steps).toHaveLength(5);
    for (const l of steps) expect(l).toMatch(/^ {2}[✓≈] +\d+ {2}\(under assume\) /);
    const plain = runCli(['verify', 'proofs/lemma-4.1.proof.yaml']).stdout;
    expect(plain).not.toContain('under assume');
    expect(plain).not.toContain('assume:');
  });

  it('a directory stands for its derivation files', () => {
    const dir = JSON.parse(runCli(['verify', 'proofs', '--json', '--trials', '2']).stdout);
    const files = JSON.parse(runCli(['verify', ...proofs, '--json', '--trials', '2']).stdout);
    const byFile = (ps: { file: string }[]) => ps.slice().sort((a, b) => a.file.localeCompare(b.file));
    expect(dir.proofs.map((p: { file: string }) => p.file).sort()).toEqual(proofs.slice().sort());
    expect(byFile(dir.proofs)).toEqual(byFile(files.proofs));
    const empty = mkdtempSync(join(tmp, 'empty-'));
    const e = runCli(['verify', empty]);
    expect(e.status).toBe(2);
    expect(e.stderr).toBe(`dln: ${empty}: a directory without .proof.yaml files\n`);
  });

  it('--watch checks again when the file changes, only the changed step', async () => {
    const f = join(tmp, 'watched.proof.yaml');
    const text = readFileSync('proofs/lemma-4.1.proof.yaml', 'utf8');
    writeFileSync(f, text);
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), 'verify', f, '--watch', '--trials', '4'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const waitFor = async (re: RegExp) => {
      const deadline = Date.now() + 60_000;
      while (!re.test(out)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/checked 10 of 10 steps/);
      writeFileSync(f, text.replace("A[k]' * E * Z[k]'", "A[k]' * E * Z[k]"));
      await waitFor(/9 verified, 0 tested, 1 failed, 0 not checked; checked 1 of 10 steps/);
      writeFileSync(f, text);
      await waitFor(/10 verified, 0 tested, 0 failed, 0 not checked; checked 1 of 10 steps/);
    } finally {
      child.kill();
    }
  });

  it('rejects malformed files and options with one line and exit 2', () => {
    const f = join(tmp, 'broken.proof.yaml');
    writeFileSync(f, 'title: t\nsteps:\n  - claim: X = (X\n');
    const r = runCli(['verify', f]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/broken\.proof\.yaml:3: step 1: unbalanced parentheses/);
    const o = runCli(['verify', proofs[0]!, '--trials', 'many']);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/--trials: expected an integer/);
    const missing = runCli(['verify', 'no-such.proof.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.proof\.yaml: no such file/);
  });
});
