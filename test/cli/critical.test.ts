import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, repoRoot } from '../helpers/cli.js';

const fixtures = readdirSync(join(repoRoot, 'fixtures')).filter((f) => f.endsWith('.json'));

describe('dln critical', () => {
  it.each(fixtures)('%s: every generated point is critical, as predicted, and consistent with the theorem (exit 0)', (f) => {
    const r = runCli(['critical', `fixtures/${f}`]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/critical points generated and classified: all as predicted/);
  });

  it('H = 1 table: all seven index sets, critical values of docs/mathematics.md §5', () => {
    const report = JSON.parse(runCli(['critical', 'fixtures/h1-table.json', '--json']).stdout);
    const byI = new Map(report.points.map((p: { predicted: { indexSet: number[] } }) => [p.predicted.indexSet.join(','), p]));
    const expected: Record<string, [string, string]> = {
      '1,2': ['1/2', 'global-min'], '1,3': ['2', 'strict-saddle'], '2,3': ['9/2', 'strict-saddle'],
      '1': ['5/2', 'strict-saddle'], '2': ['5', 'strict-saddle'], '3': ['13/2', 'strict-saddle'], '': ['7', 'strict-saddle'],
    };
    expect([...byI.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [I, [value, label]] of Object.entries(expected)) {
      const p = byI.get(I) as { loss: string; classification: string; predictionsHold: boolean; gradient: { zero: boolean } };
      expect([p.loss, p.classification, p.predictionsHold, p.gradient.zero]).toEqual([value, label, true, true]);
    }
    expect(report.skipped).toEqual([]);
  });

  it('H = 2: the rank-deficient middle for I = {1} is a bad saddle, the full-rank one a strict saddle', () => {
    const report = JSON.parse(runCli(['critical', 'fixtures/h2-diag.json', '--json', '--seed', '7']).stdout);
    const find = (name: string) => report.points.find((p: { name: string }) => p.name === name);
    expect(find('I = {1}, middle rank 1 < p').classification).toBe('bad-saddle');
    expect(find('I = {1}, middle rank p = 2').classification).toBe('strict-saddle');
    expect(find('W = 0').classification).toBe('bad-saddle');
    expect(report.points.some((p: { family: string }) => p.family === 'zero-layers')).toBe(true);
  });

  it('the text output shows each point with its weights under its heading, as the JSON report has them', () => {
    const text = runCli(['critical', 'fixtures/h2-diag.json']).stdout;
    const report = JSON.parse(runCli(['critical', 'fixtures/h2-diag.json', '--json']).stdout);
    for (const p of report.points as { name: string; classification: string; W: string[][][] }[]) {
      const W = p.W.map((M, k) => `W_${k + 1} = [${M.map((r) => r.join(' ')).join('; ')}]`).join(', ').replace(/-/g, '−');
      expect(text).toContain(`point "${p.name}": ${p.classification}`);
      const heading = text.split('\n').findIndex((l) => l.includes(`point "${p.name}": `));
      expect(text.split('\n')[heading + 1]).toBe(`  weights: ${W}`);
    }
    // and numbers with the Unicode minus, as in every formula
    expect(text).not.toMatch(/[ [(;=]-\d/);
  });

  it('a bad --seed is a usage error', () => {
    const r = runCli(['critical', 'fixtures/h2-diag.json', '--seed', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dln: --seed: "x" is not a non-negative integer/);
  });
});
