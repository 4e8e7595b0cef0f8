import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** `dln derive` without --entries runs the built program (npm test builds first). */
describe('dln derive (matrix form)', () => {
  test('symbolic depth by default, exit 0', () => {
    const r = runCli(['derive']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('result: ∂L/∂W_k = A_kᵀ E Z_kᵀ');
    expect(r.stdout).toContain('All derivations checked.');
  });

  test('--hessian --network instantiates at the file’s widths; --format latex and --json', () => {
    const t = runCli(['derive', '--hessian', '--network', 'fixtures/h2-diag.json']);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/depth H = 2, widths \[3, 2, 2, 3\]/);
    expect(t.stdout).toContain('k = 1: ∂L/∂W₁ = (W₃W₂)ᵀ E Xᵀ   (2×3)');
    const l = runCli(['derive', '--widths', '2,2,2', '--format', 'latex']);
    expect(l.status).toBe(0);
    expect(l.stdout).toContain('\\begin{align*}');
    const j = runCli(['derive', '--json']);
    expect(j.status).toBe(0);
    expect(JSON.parse(j.stdout).ok).toBe(true);
  });

  test('bad input: one line, exit 2', () => {
    for (const args of [['derive', '--widths', '2,x'], ['derive', '--symbolic-data'], ['derive', '--network', 'no/such/file.json'], ['derive', '--format', 'pdf']]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^dln: /);
    }
  });
});
