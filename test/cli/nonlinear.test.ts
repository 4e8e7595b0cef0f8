import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, repoRoot } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dln-nonlinear-'));
const fixture = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'section-3', 'paths-2332.json'), 'utf8'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

describe('dln nonlinear', () => {
  it('the [2,3,3,2] fixture: every point as expected, exit 0', () => {
    const r = runCli(['nonlinear', 'fixtures/section-3/paths-2332.json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Ψ = 18 paths per output/);
    expect(r.stdout).toMatch(/point "strict-saddle": strict-saddle {2}\(expected strict-saddle: ok\)/);
    expect(r.stdout).toMatch(/5 points: all as expected; the reduction checked at every point/);
  });

  it('--json: the documented keys', () => {
    const r = runCli(['nonlinear', 'fixtures/section-3/paths-2332.json', '--point', 'bad-saddle', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['network', 'points']);
    expect(report.network).toMatchObject({ widths: [2, 3, 3, 2], paths: 18, model: { activation: 'relu', paths: 'bernoulli', rho: '1/3', q: '2', scale: '2/3' } });
    expect(report.points).toHaveLength(1);
    expect(Object.keys(report.points[0])).toEqual([
      'name', 'classification', 'expect', 'ok', 'reason', 'expectedOutput', 'loss', 'linearLoss', 'lossesAgree', 'rescaled',
      'gradient', 'hessianCongruent', 'certificate', 'transfer', 'reductionHolds', 'linear',
    ]);
    expect(report.points[0]).toMatchObject({ classification: 'bad-saddle', loss: '3/2', linearLoss: '3/2', hessianCongruent: true, transfer: { verified: true } });
    expect(report.points[0].rescaled[2]).toEqual([['0', '1', '0'], ['0', '1', '0']]);
  });

  it('a wrong expectation exits 1 and names the point', () => {
    const points = fixture.points.map((p: { name: string }) => (p.name === 'zero' ? { ...p, expect: 'strict-saddle' } : p));
    const r = runCli(['nonlinear', write('wrong.json', { ...fixture, points })]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL "zero": expected strict-saddle, found bad-saddle/);
  });

  it.each([
    [{ ...fixture, model: undefined }, /model: missing: declare the nonlinear model/],
    [{ ...fixture, model: { activation: 'relu', paths: 'bernoulli', rho: '4/3' } }, /model.rho: is 4\/3, expected 0 < rho ≤ 1/],
  ])('bad input: exit 2 with one line', (content, message) => {
    const r = runCli(['nonlinear', write('bad.json', content)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dln: /);
    expect(r.stderr).toMatch(message);
  });

  it('--monte-carlo N: the estimate against N, within 4σ/√N with a fixed seed; the same seed gives the same run', () => {
    const args = ['nonlinear', 'fixtures/section-3/paths-2332.json', '--point', 'global-min', '--monte-carlo', '5000', '--seed', '3'];
    const r = runCli(args);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Monte Carlo: 5000 draws of every gate Z ~ Bernoulli\(ρ\) \(seed 3\); entry \(1,3\): exact 4\/3, σ = 7\.9092 per draw \(exact variance 563\/9\)/);
    expect(r.stdout).toMatch(/every entry within 4σ\/√N at N = 5000 ✓/);
    expect(runCli(args).stdout).toBe(r.stdout);
    const json = JSON.parse(runCli([...args, '--json']).stdout);
    expect(json.points[0].monteCarlo).toMatchObject({ draws: 5000, seed: 3, band: 4, withinBand: true, entry: { row: 0, col: 2 } });
    expect(json.points[0].monteCarlo.checkpoints.map((c: { draws: number }) => c.draws)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]);
  });

  it.each([
    [['--monte-carlo', '0'], /--monte-carlo: expected an integer from 1 to 1000000, got 0/],
    [['--monte-carlo', 'many'], /--monte-carlo: expected an integer/],
    [['--monte-carlo', '10', '--seed', '-1'], /--seed: expected an integer from 0/],
  ])('bad Monte Carlo options %j: exit 2', (extra, message) => {
    const r = runCli(['nonlinear', 'fixtures/section-3/paths-2332.json', ...extra]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('the real ReLU network (paths: relu): where the reduction breaks, exit 0 when as expected', () => {
    const r = runCli(['nonlinear', 'fixtures/section-3/relu-breaks.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/point "reduced-optimum": ReLU network not-critical {2}\(expected not-critical: ok\);  reduced model global-min/);
    expect(r.stdout).toMatch(/✗ THE REDUCTION BREAKS HERE: the reduced model is critical, the ReLU network is not critical/);
    expect(r.stdout).toMatch(/the reduction breaks at "active-local-min", "reduced-optimum", "dead", "fit"/);
    const json = JSON.parse(runCli(['nonlinear', 'fixtures/section-3/relu-breaks.json', '--point', 'dead', '--json']).stdout);
    expect(Object.keys(json.points[0])).toEqual([
      'name', 'classification', 'expect', 'ok', 'reason', 'certificate', 'output', 'activePathFraction', 'reducedOutput', 'outputsDiffer',
      'pattern', 'loss', 'gradient', 'lowerLoss', 'reduced', 'breaks',
    ]);
    expect(json.points[0]).toMatchObject({ classification: 'local-min', breaks: true, lowerLoss: { point: 'fit', loss: '0' } });
    const mc = runCli(['nonlinear', 'fixtures/section-3/relu-breaks.json', '--monte-carlo', '10']);
    expect(mc.status).toBe(2);
    expect(mc.stderr).toMatch(/--monte-carlo: the real ReLU network .* has no random gates to sample/);
  });

  it('dln sweep --model nonlinear: Corollary 3.2 on random instances; --model is validated', () => {
    const r = runCli(['sweep', '--widths', '3,2,3', '--instances', '6', '--model', 'nonlinear']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Nonlinear model \(Section 3\)/);
    expect(r.stdout).toMatch(/Verdict \(Corollary 3\.2: Theorem 2\.3 and Corollary 2\.4 through φ/);
    expect(r.stdout).toMatch(/✓ the reduction checked at all \d+ points/);
    const json = JSON.parse(runCli(['sweep', '--widths', '3,2,3', '--instances', '2', '--model', 'nonlinear', '--json']).stdout);
    expect(json).toMatchObject({ model: 'nonlinear', ok: true, reduction: { failed: 0 } });
    expect(json.models).toHaveLength(2);
    const bad = runCli(['sweep', '--widths', '3,2,3', '--instances', '2', '--model', 'relu']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--model: expected linear or nonlinear, got "relu"/);
  });

  it('an unknown point is a usage error', () => {
    const r = runCli(['nonlinear', 'fixtures/section-3/paths-2332.json', '--point', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--point: no point named "nope"/);
  });
});
