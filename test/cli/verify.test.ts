import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

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
