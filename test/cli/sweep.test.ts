import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('dln sweep', () => {
  it('[3,2,2,3]: the table and a verdict with no violation (exit 0)', () => {
    const r = runCli(['sweep', '--widths', '3,2,2,3', '--instances', '4']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^dln sweep: widths \[3,2,2,3\] \(H = 2, p = 2, 16 parameters\), 4 instances \(seeds 1…4\)/);
    expect(r.stdout).toMatch(/\(A\) holds on 4 of 4 instances; 56 critical points generated and classified/);
    expect(r.stdout).toMatch(/^ {2}zero +bad-saddle +0 +4 +4$/m); // W = 0: a bad saddle, middle rank 0 < p
    expect(r.stdout).toMatch(/^ {2}total +\d+ +\d+ +56$/m);
    expect(r.stdout).toMatch(/✓ every bad saddle has H ≥ 2 and rank\(W_H⋯W_2\) < p/);
    expect(r.stdout).toMatch(/✓ Corollary 2\.4: H = 2: bad saddles exist/);
    expect(r.stdout).toMatch(/✓ no theorem violation/);
  });

  it('H = 1: no bad saddle', () => {
    const r = runCli(['sweep', '--widths', '3,2,3', '--instances', '3', '--seed', '9', '--float']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/float64 with stated tolerances/);
    expect(r.stdout).not.toMatch(/bad-saddle/);
    expect(r.stdout).toMatch(/✓ Corollary 2\.4: H = 1: no bad saddle/);
  });

  it('--json: stable keys, counts that add up', () => {
    const r = runCli(['sweep', '--widths', '3,2,2,3', '--instances', '3', '--json', '--data', 'random', '--seed', '5']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      'widths', 'H', 'p', 'parameters', 'mode', 'data', 'seed', 'instances', 'points', 'skippedIndexSets',
      'truncatedIndexSets', 'table', 'tableWithoutA', 'withoutA', 'checks', 'violations', 'internalErrors', 'ok',
    ]);
    expect([j.widths, j.H, j.p, j.parameters, j.mode, j.data, j.seed, j.ok]).toEqual([[3, 2, 2, 3], 2, 2, 16, 'exact', 'random', 5, true]);
    expect(Object.keys(j.instances[0])).toEqual([
      'index', 'seed', 'hypothesesHold', 'failed', 'points', 'skippedIndexSets', 'truncatedIndexSets', 'violations',
    ]);
    expect(j.instances.map((i: { seed: number }) => i.seed)).toEqual([5, 6, 7]);
    for (const row of [...j.table, ...j.tableWithoutA]) expect(Object.keys(row)).toEqual(['family', 'label', 'rankP', 'rankBelowP', 'total']);
    const total = [...j.table, ...j.tableWithoutA].reduce((s: number, x: { total: number }) => s + x.total, 0);
    expect(total).toBe(j.points);
    expect(Object.keys(j.withoutA)).toEqual(['instances', 'parts']);
    expect(Object.keys(j.checks)).toEqual(['localMinimaGlobal', 'badSaddlesRankDeficient', 'corollary24']);
    expect(Object.keys(j.checks.localMinimaGlobal)).toEqual(['status', 'text', 'psdNonGlobal', 'decreasingLine', 'decreasingCurve', 'theoremOnly']);
    expect(Object.keys(j.checks.badSaddlesRankDeficient)).toEqual(['status', 'text', 'badSaddles', 'offending']);
    expect(Object.keys(j.checks.corollary24)).toEqual(['status', 'text', 'badSaddles']);
    expect(j.violations).toEqual([]);
    expect(j.internalErrors).toEqual([]);
  });

  it('(A) failing instances are reported apart (exit 0)', () => {
    const r = runCli(['sweep', '--widths', '2,2,3', '--instances', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\(A\) holds on 0 of 2 instances/);
    expect(r.stdout).toMatch(/Where \(A\) fails \(2 instances: dy-le-dx 2\) the theorem does not apply/);
    expect(r.stdout).toMatch(/– every local minimum found is global: no instance satisfies \(A\)/);
  });

  it.each([
    [['--widths', '3,2', '--instances', '2'], /^dln: --widths: expected at least three comma-separated positive integers/],
    [['--widths', '3,x,3', '--instances', '2'], /^dln: --widths: expected at least three/],
    [['--widths', '3,0,3', '--instances', '2'], /^dln: --widths: every width must be an integer from 1 to 1024/],
    [['--widths', '3,30,30,3', '--instances', '2'], /^dln: --widths: 1080 parameters exceed the exact Hessian limit of 400/],
    [['--widths', '17,2,3', '--instances', '2', '--float'], /^dln: --widths: d_0 = 17 and d_\{H\+1\} = 3 must be at most 16/],
    [['--widths', '3,2,3', '--instances', '0'], /^dln: --instances: expected an integer from 1 to 1000, got 0/],
    [['--widths', '3,2,3', '--instances', '1001'], /^dln: --instances: expected an integer from 1 to 1000/],
    [['--widths', '3,2,3'], /^dln: --instances: required/],
    [['--instances', '3'], /^dln: --widths: required/],
    [['--widths', '3,2,3', '--instances', '2', '--data', 'gaussian'], /^dln: --data: expected structured or random, got "gaussian"/],
    [['--widths', '3,2,3', '--instances', '2', '--seed', 'x'], /^dln: --seed: expected an integer/],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const r = runCli(['sweep', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--float lifts the exact Hessian limit; wide hidden layers (large conjugated weights) are labelled right', () => {
    const r = runCli(['sweep', '--widths', '2,21,20,2', '--instances', '1', '--float', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.parameters).toBe(2 * 21 + 21 * 20 + 20 * 2);
    expect(j.points).toBe(11); // I ∈ {∅, {1}, {2}, {1,2}} (full and rank-|I| middles), W = 0, three pairs of zero layers
    // The float loss tolerance exceeded the gaps between critical values here; the index set now decides.
    expect(j.violations).toEqual([]);
    expect(r.status).toBe(0);
  });
});
