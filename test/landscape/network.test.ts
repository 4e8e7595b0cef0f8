import { describe, expect, it } from 'vitest';
import { parseNetwork } from '../../src/landscape/network.js';
import { InputError } from '../../src/errors.js';

const base = {
  name: 'tiny',
  widths: [2, 1, 1],
  X: [[1, 0], [0, 1]],
  Y: [[1, 2]],
  points: [{ name: 'p', W: [[[1, 0]], [[2]]], expect: 'not-critical' }],
};

function errorOf(text: string): string {
  try {
    parseNetwork(text, 'net.json');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}
const withChange = (f: (o: any) => void): string => {
  const o = structuredClone(base) as any;
  f(o);
  return JSON.stringify(o);
};

describe('parseNetwork', () => {
  it('reads entries exactly: integers, decimals, fractions, long literals', () => {
    const text = withChange((o) => {
      o.X = [[0.1, '-3/4'], ['2.5e-1', 1]];
    }).replace('0.1', '0.12345678901234567890123');
    const n = parseNetwork(text, 'net.json');
    expect(n.X.data.map(String)).toEqual(['12345678901234567890123/100000000000000000000000', '-3/4', '1/4', '1']);
    expect(n.widths).toEqual([2, 1, 1]);
    expect(n.points[0]!.W[1]!.data.map(String)).toEqual(['2']);
    expect(n.points[0]!.expect).toBe('not-critical');
  });

  it('points are optional', () => {
    const n = parseNetwork(withChange((o) => delete o.points), 'net.json');
    expect(n.points).toEqual([]);
  });

  it.each([
    ['invalid JSON with line and column', '{\n  "name": "x",\n  "widths": [1,2,,]\n}', /^net\.json: line 3 column 18: invalid JSON: expected a value, found ','/],
    ['trailing text', JSON.stringify(base) + ' x', /line 1 column \d+: invalid JSON: unexpected 'x'/],
    ['ragged rows', withChange((o) => (o.X = [[1, 0], [1]])), /^net\.json: X row 2: has 1 entries, expected 2/],
    ['wrong W shape', withChange((o) => (o.points[0].W[0] = [[1, 0, 0]])), /points\[0\]\.W\[0\]: W_1 is 1×3, expected d_1×d_0 = 1×2/],
    ['wrong W count', withChange((o) => o.points[0].W.pop()), /points\[0\]\.W: has 1 matrices, expected H\+1 = 2/],
    ['X rows vs widths', withChange((o) => (o.widths = [3, 1, 1])), /X: has 2 rows, expected d_0/],
    ['sample count mismatch', withChange((o) => (o.Y = [[1, 2, 3]])), /Y: has 3 columns \(samples\) but X has 2/],
    ['NaN token', withChange((o) => (o.points[0].W[1] = [['__']])).replace('"__"', 'NaN'), /points\[0\]\.W\[1\] row 1 column 1: NaN is not finite/],
    ['-Infinity token', withChange((o) => (o.Y = [['__', 1]])).replace('"__"', '-Infinity'), /Y row 1 column 1: -Infinity is not finite/],
    ['"Infinity" string', withChange((o) => (o.Y = [['Infinity', 1]])), /Y row 1 column 1: "Infinity" is not finite/],
    ['non-numeric string', withChange((o) => (o.points[0].W[0] = [[1, 'abc']])), /points\[0\]\.W\[0\] row 1 column 2: "abc" is not a number/],
    ['zero denominator', withChange((o) => (o.Y = [['1/0', 1]])), /"1\/0" is not a number/],
    ['boolean entry', withChange((o) => (o.Y = [[true, 1]])), /Y row 1 column 1: is a boolean, expected an integer/],
    ['unknown label', withChange((o) => (o.points[0].expect = 'saddle')), /points\[0\]\.expect: unknown label "saddle" \(expected one of not-critical/],
    ['unknown key (typo)', withChange((o) => (o.points[0].expected = 'global-min')), /points\[0\]\.expected: unknown key/],
    ['duplicate point name', withChange((o) => o.points.push(o.points[0])), /points\[1\]\.name: duplicate point name "p"/],
    ['non-integer width', withChange((o) => (o.widths = [2, 1.5, 1])), /widths\[1\]: is 1\.5, expected a positive integer/],
    ['too few widths', withChange((o) => (o.widths = [2, 1])), /widths: has 2 entries, expected at least 3/],
    ['width beyond the limit', withChange((o) => (o.widths = [2, 5000, 1])), /widths\[1\]: is 5000, more than the width limit 1024/],
    ['too many layers', withChange((o) => (o.widths = new Array(20).fill(1))), /widths: has 19 weight matrices, more than the limit 16/],
    ['huge entry', withChange((o) => (o.Y = [['1e2000', 1]])), /Y row 1 column 1: is larger than the limit of 4096 bits/],
    ['missing X', withChange((o) => delete o.X), /^net\.json: missing "X"/],
    ['not an object', '[1,2]', /^net\.json: is an array, expected the network object/],
    ['duplicate key', '{"name":"a","name":"b"}', /line 1 column 13: invalid JSON: duplicate key "name"/],
  ])('rejects %s with one line naming the field', (_what, text, pattern) => {
    const msg = errorOf(text);
    expect(msg).toMatch(pattern);
    expect(msg).not.toContain('\n');
  });
});
