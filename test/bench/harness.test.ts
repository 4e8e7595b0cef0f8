// The benchmark harness's own pure pieces: answer canonicalisation and comparison, medians, formatting, verdicts.
// No timing here; the timings live in `npm run bench`.
import { describe, expect, it } from 'vitest';
import { compareEntries, compareExactCheck, compareFloatCheck } from './agree.js';
import { canonicalPolynomial, PolyError } from './poly.js';
import { formatMemory, formatRatio, formatSeconds, formatTable, median } from './stats.js';
import { describeRatio, judge } from './targets.js';

describe('canonicalPolynomial', () => {
  it('gives SymPy-style and dln-style spellings of one polynomial the same text', () => {
    const sympy = '3*w1_1_1**2*w2_1_1/4 - w2_1_1 + 5/2';
    const infix = '5/2 + (3/4)*w2_1_1*w1_1_1^2 - 1*w2_1_1';
    expect(canonicalPolynomial(sympy)).toBe(canonicalPolynomial(infix));
    expect(canonicalPolynomial(sympy)).toBe('5/2 + 3/4*w1_1_1^2*w2_1_1 + -1*w2_1_1');
  });

  it('expands products and powers and cancels to zero', () => {
    expect(canonicalPolynomial('(a + b)^2 - a^2 - 2*a*b - b*b')).toBe('0');
    expect(canonicalPolynomial('(x - 1)*(x + 1)')).toBe(canonicalPolynomial('x^2 - 1'));
    expect(canonicalPolynomial('-x^2')).toBe('-1*x^2'); // unary minus binds looser than ^
  });

  it('reads decimals exactly and normalises rationals', () => {
    expect(canonicalPolynomial('0.1*x + 2/4')).toBe('1/2 + 1/10*x');
    expect(canonicalPolynomial('1.5e-1')).toBe('3/20');
    expect(canonicalPolynomial('-6/-4')).toBe(canonicalPolynomial('3/2'));
  });

  it('maps symbol names through rename, so different spellings of one weight compare equal', () => {
    const ren = (m: Record<string, string>) => (s: string) => m[s] ?? s;
    const a = canonicalPolynomial('2*wA*wB', ren({ wA: 'W1[1,1]', wB: 'W2[1,1]' }));
    const b = canonicalPolynomial('2*w2_1_1*w1_1_1', ren({ w1_1_1: 'W1[1,1]', w2_1_1: 'W2[1,1]' }));
    expect(a).toBe(b);
  });

  it('distinguishes polynomials that differ in one coefficient', () => {
    expect(canonicalPolynomial('x*y + 1/3')).not.toBe(canonicalPolynomial('x*y + 1/4'));
  });

  it('rejects division by a non-constant and malformed text', () => {
    expect(() => canonicalPolynomial('1/x')).toThrow(PolyError);
    expect(() => canonicalPolynomial('(x + 1')).toThrow(PolyError);
    expect(() => canonicalPolynomial('x $ y')).toThrow(PolyError);
    expect(() => canonicalPolynomial('x^y')).toThrow(PolyError);
  });
});

// The scalar chain of docs/mathematics.md §6 with symbols for the weights, at data x = (1,2), y = (2,3):
// L = ½ Σ (w3 w2 w1 x_i − y_i)² = (5/2) (w1w2w3)² − 8 w1w2w3 + 13/2.
const chainParams = (names: string[], order: number[]) => order.map((k) => ({ name: names[k]!, layer: k + 1, row: 1, col: 1 }));
function chainAnswer(names: string[], order: number[], tweak = ''): string {
  const [a, b, c] = names as [string, string, string];
  const grad = [
    `5*${a}*${b}^2*${c}^2 - 8*${b}*${c}${tweak}`,
    `5*${a}^2*${b}*${c}^2 - 8*${a}*${c}`,
    `5*${a}^2*${b}^2*${c} - 8*${a}*${b}`,
  ];
  const hess = [
    [`5*${b}^2*${c}^2`, `10*${a}*${b}*${c}^2 - 8*${c}`, `10*${a}*${b}^2*${c} - 8*${b}`],
    [`10*${a}*${b}*${c}^2 - 8*${c}`, `5*${a}^2*${c}^2`, `10*${a}^2*${b}*${c} - 8*${a}`],
    [`10*${a}*${b}^2*${c} - 8*${b}`, `10*${a}^2*${b}*${c} - 8*${a}`, `5*${a}^2*${b}^2`],
  ];
  return JSON.stringify({
    parameters: chainParams(names, order),
    gradient: order.map((i) => grad[i]),
    hessian: order.map((i) => order.map((j) => hess[i]![j])),
  });
}

describe('compareEntries', () => {
  it('agrees across symbol spellings, parameter order and printing style', () => {
    const dln = chainAnswer(['w1_1_1', 'w2_1_1', 'w3_1_1'], [0, 1, 2]);
    const ref = chainAnswer(['p', 'q', 'r'], [2, 0, 1]).replaceAll('^', '**');
    expect(compareEntries(dln, ref)).toEqual({ ok: true, detail: 'equal: 3 gradient + 9 Hessian entries' });
  });

  it('reports a differing entry', () => {
    const r = compareEntries(chainAnswer(['a', 'b', 'c'], [0, 1, 2], ' + 1'), chainAnswer(['a', 'b', 'c'], [0, 1, 2]));
    expect(r.ok).toBe(false);
    expect(r.detail).toMatch(/^1 of 12 entries differ; first dL\/dW1\[1,1\]/);
  });

  it('reports malformed output instead of throwing', () => {
    expect(compareEntries('not json', chainAnswer(['a', 'b', 'c'], [0, 1, 2])).ok).toBe(false);
    const r = compareEntries(JSON.stringify({ parameters: [] }), chainAnswer(['a', 'b', 'c'], [0, 1, 2]));
    expect(r).toEqual({ ok: false, detail: 'dln JSON has no .gradient' });
  });
});

describe('compareFloatCheck', () => {
  const ref = JSON.stringify({ loss: 185, lossStar: 4.5, minEigenvalue: -88.19172246942588, maxEigenvalue: 56663.27830420612 });
  const dln = (min: number, loss: number | string = 185) =>
    JSON.stringify({ network: 'n', points: [{ name: 'p', loss, hessian: { minEigenvalue: min, maxEigenvalue: 56663.278304206 } }] });

  it('accepts differences within the relative tolerance, scaled by the spectrum', () => {
    expect(compareFloatCheck(dln(-88.1917224694), ref).ok).toBe(true);
    expect(compareFloatCheck(dln(-88.19, '185'), ref).ok).toBe(true); // 0.0017 / 56663 < 1e-6
  });

  it('rejects a wrong eigenvalue', () => {
    const r = compareFloatCheck(dln(-80), ref);
    expect(r.ok).toBe(false);
    expect(r.detail).toContain('> 0.000001');
  });
});

describe('compareExactCheck', () => {
  const ref = JSON.stringify({ loss: '50', inertia: { positive: 64, negative: 8, zero: 128 } });
  const dln = (inertia: object, loss: string) => JSON.stringify({ points: [{ loss, hessian: { inertia } }] });

  it('needs the same inertia and the same exact loss', () => {
    expect(compareExactCheck(dln({ positive: 64, negative: 8, zero: 128 }, '100/2'), ref).ok).toBe(true);
    expect(compareExactCheck(dln({ positive: 63, negative: 9, zero: 128 }, '50'), ref).ok).toBe(false);
    expect(compareExactCheck(dln({ positive: 64, negative: 8, zero: 128 }, '101/2'), ref).ok).toBe(false);
  });
});

describe('statistics and formatting', () => {
  it('takes medians of odd and even samples without reordering the input', () => {
    const xs = [3, 1, 2];
    expect(median(xs)).toBe(2);
    expect(xs).toEqual([3, 1, 2]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('prints three significant figures', () => {
    expect(formatSeconds(0.0382)).toBe('38.2 ms');
    expect(formatSeconds(1.2449)).toBe('1.24 s');
    expect(formatSeconds(125.4)).toBe('125 s');
    expect(formatRatio(0.04213)).toBe('0.0421×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatMemory(51200)).toBe('52 MB');
  });

  it('aligns table columns', () => {
    expect(formatTable(['a', 'bb'], [['ccc', 'd']])).toBe('a    bb\n---  --\nccc  d');
  });
});

describe('targets', () => {
  const med = (seconds: number) => ({ kind: 'median', seconds }) as const;
  it('judges ratio targets and says by how much they are missed', () => {
    expect(judge({ kind: 'ratio', max: 1 }, med(0.5), med(1))).toEqual({ verdict: 'met', text: 'met' });
    expect(judge({ kind: 'ratio', max: 0.05 }, med(0.3), med(2))).toEqual({ verdict: 'missed', text: 'missed by 3.00×' });
  });

  it('bounds the ratio when the reference timed out', () => {
    const timeout = { kind: 'timeout', after: 120 } as const;
    expect(describeRatio(med(3), timeout)).toBe('< 0.0250×');
    expect(judge({ kind: 'ratio', max: 0.05 }, med(3), timeout).verdict).toBe('met');
    expect(judge({ kind: 'ratio', max: 0.01 }, med(3), timeout).verdict).toBe('unknown');
  });

  it('judges start-up as overhead over bare node and verify in absolute seconds', () => {
    expect(judge({ kind: 'overhead', max: 0.15 }, med(0.2), med(0.04))).toEqual({ verdict: 'missed', text: 'missed (+160 ms)' });
    expect(judge({ kind: 'seconds', max: 5 }, med(4.9), undefined).verdict).toBe('met');
  });
});
