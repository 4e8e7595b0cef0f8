import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, repoRoot } from '../helpers/cli.js';

const fixtures = readdirSync(join(repoRoot, 'fixtures')).filter((f) => f.endsWith('.json'));
const dir = mkdtempSync(join(tmpdir(), 'dln-check-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const h2 = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'h2-diag.json'), 'utf8'));

describe('dln check on the fixtures', () => {
  it('the fixtures cover docs/mathematics.md §3, §5, §6 and a non-diagonal Σ', () => {
    expect(fixtures).toEqual(expect.arrayContaining(['scalar-chain.json', 'h1-table.json', 'h2-diag.json', 'rotated-h1.json', 'rotated-h2.json']));
    expect(JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'h1-table.json'), 'utf8')).points).toHaveLength(7);
  });

  it.each(fixtures)('%s: exit 0 in exact and float mode', (f) => {
    const exact = runCli(['check', `fixtures/${f}`]);
    expect(exact.stderr).toBe('');
    expect(exact.status).toBe(0);
    expect(exact.stdout).toMatch(/all as expected, no theorem violation/);
    const float = runCli(['check', `fixtures/${f}`, '--float']);
    expect(float.status).toBe(0);
  });

  it('--json: the documented keys, rationals as strings, floats as numbers', () => {
    const r = runCli(['check', 'fixtures/h2-diag.json', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['network', 'points', 'errors']);
    expect(report.errors).toEqual([]);
    expect(report.network).toMatchObject({ widths: [3, 2, 2, 3], H: 2, p: 2, parameters: 16, lossStar: '1/2', sigmaEigenvalues: ['9', '4', '1'] });
    const zero = report.points.find((p: { name: string }) => p.name === 'zero');
    for (const key of ['name', 'loss', 'lossStar', 'gradient', 'hypotheses', 'hessian', 'rankC', 'indexSet', 'classification', 'certificate', 'theorem', 'crossCheck', 'expect', 'ok'])
      expect(zero).toHaveProperty(key);
    expect(zero).toMatchObject({ loss: '7', classification: 'bad-saddle', hessian: { size: 16, inertia: { positive: 0, negative: 0, zero: 16 } }, ok: true });
    expect(zero.certificate.kind).toBe('decreasing-line');
    expect(zero.crossCheck).toMatchObject({ labels: ['strict-saddle', 'bad-saddle', 'undetermined'], agrees: true });
    const float = JSON.parse(runCli(['check', 'fixtures/h2-diag.json', '--json', '--float']).stdout);
    expect(typeof float.points[0].loss).toBe('number');
    expect(typeof float.points[0].hessian.tolerance).toBe('number');
  });

  it('--point selects one point; the text report names loss, L*, inertia, I and the certificate', () => {
    const r = runCli(['check', 'fixtures/h2-diag.json', '--point', 'non-zero bad saddle (§3)']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/point "non-zero bad saddle \(§3\)": bad-saddle/);
    expect(r.stdout).toMatch(/loss 5\/2 {3}L\* 1\/2/);
    expect(r.stdout).toMatch(/Hessian 16×16: 5 positive, 0 negative, 11 zero eigenvalues \(exact\)/);
    expect(r.stdout).toMatch(/I = \{1\}, critical value 5\/2/);
    expect(r.stdout).toMatch(/certificate: L\(W \+ tV\) − L\(W\) = /);
    expect(r.stdout).not.toMatch(/point "zero"/);
  });

  it('exit 1 when a point is not as expected, naming it', () => {
    const wrong = structuredClone(h2);
    wrong.points[0].expect = 'strict-saddle';
    const r = runCli(['check', write('wrong.json', wrong)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL "zero": expected strict-saddle, found bad-saddle/);
  });
});

describe('dln check: bad input gives one line naming the field, exit 2', () => {
  const cases: [string, string | object, RegExp][] = [
    ['invalid JSON', '{"name": "x",\n "widths": [3, 2, 3],,}', /bad\.json: line 2 column 22: invalid JSON: expected a property name/],
    ['ragged rows', { ...h2, X: [[1, 0, 0], [0, 1], [0, 0, 1]] }, /bad\.json: X row 2: has 2 entries, expected 3/],
    ['wrong shape', { ...h2, points: [{ name: 'a', W: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0], [0, 1], [0, 0]]] }] }, /points\[0\]\.W\[0\]: W_1 is 2×2, expected d_1×d_0 = 2×3/],
    ['NaN', '{"widths":[1,1,1],"X":[[NaN]],"Y":[[1]]}', /X row 1 column 1: NaN is not finite/],
    ['Infinity string', { ...h2, Y: [['Infinity', 0, 0], [0, 2, 0], [0, 0, 1]] }, /Y row 1 column 1: "Infinity" is not finite/],
    ['non-numeric string', { ...h2, Y: [['three', 0, 0], [0, 2, 0], [0, 0, 1]] }, /Y row 1 column 1: "three" is not a number/],
    ['unknown label', { ...h2, points: [{ ...h2.points[0], expect: 'saddle' }] }, /points\[0\]\.expect: unknown label "saddle"/],
  ];
  it.each(cases)('%s', (_what, content, pattern) => {
    const r = runCli(['check', write('bad.json', content)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^dln: /);
    expect(r.stderr).toMatch(pattern);
  });

  it('a missing file, an unknown --point, and a Hessian beyond the limit', () => {
    const missing = runCli(['check', join(dir, 'nope.json')]);
    expect([missing.status, missing.stderr]).toEqual([2, `dln: ${join(dir, 'nope.json')}: no such file\n`]);
    const point = runCli(['check', 'fixtures/h2-diag.json', '--point', 'nothing']);
    expect(point.status).toBe(2);
    expect(point.stderr).toMatch(/^dln: --point: no point named "nothing"/);
    // widths 30,30 → 1800 parameters in the first two layers alone
    const big = { name: 'big', widths: [1, 30, 30, 1], X: [[1]], Y: [[1]] };
    const exact = runCli(['check', write('big.json', big)]);
    expect(exact.status).toBe(2);
    expect(exact.stderr).toMatch(/big\.json: widths: 960 parameters exceed the exact Hessian limit of 400 \(use --float/);
    const huge = { name: 'huge', widths: [1, 60, 60, 1], X: [[1]], Y: [[1]] };
    const float = runCli(['check', write('huge.json', huge), '--float']);
    expect(float.status).toBe(2);
    expect(float.stderr).toMatch(/3720 parameters exceed the float Hessian limit of 2500/);
  });
});
