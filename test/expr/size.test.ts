import { describe, expect, test } from 'vitest';
import { InstanceError, Size, parseSize } from '../../src/expr/index.js';

const s = (t: string | number) => parseSize(t, 'test');

describe('size normal form', () => {
  test('linear forms normalise: order, constants, d0 = d[0]', () => {
    expect(s('k+1-1').equals(s('k'))).toBe(true);
    expect(s('1 + H').equals(s('H+1'))).toBe(true);
    expect(s('d0').equals(s('d[0]'))).toBe(true);
    expect(s('d[k-1]').substitute({ k: Size.int(1) }).equals(s('d0'))).toBe(true);
    expect(s('d[(k+1) - 2]').equals(s('d[k-1]'))).toBe(true);
    expect(s('2*k - k').equals(s('k'))).toBe(true);
  });

  test('products commute (kron and vec sizes)', () => {
    expect(s('d[k]*d[k-1]').equals(s('d[k-1]*d[k]'))).toBe(true);
    expect(s('(m + 1)*d0').equals(s('m*d0 + d0'))).toBe(true);
  });

  test('comparison: equal, provably different, or deferred', () => {
    expect(s('H+1').compare(s('1+H'))).toBe('equal');
    expect(s('k+1').compare(s('k'))).toBe('different');
    expect(s('3').compare(s('2'))).toBe('different');
    expect(s('d[k]').compare(s('d[k-1]'))).toBe('unknown');
    expect(s('d0').compare(s('m'))).toBe('unknown');
  });

  test('min simplifies when arguments differ by a constant', () => {
    expect(s('min(k, k+1)').equals(s('k'))).toBe(true);
    expect(s('min(3, 5, 4)').constant()).toBe(3);
    expect(s('min(d[1], min(d[2], d[1]))').equals(s('min(d[2], d[1])'))).toBe(true);
  });

  test('evaluation on a binding (H=2, k=1, d=[3,2,2,3], m=4)', () => {
    const b = { H: 2, k: 1, m: 4, d: [3, 2, 2, 3] };
    expect(s('d[H+1]').evaluate(b)).toBe(3);
    expect(s('d[k-1]*m').evaluate(b)).toBe(12);
    expect(s('min(d[1], d[2], d[3])').evaluate(b)).toBe(2);
    expect(() => s('d[H+2]').evaluate(b)).toThrow(InstanceError);
    expect(() => s('j').evaluate(b)).toThrow(/j is not bound/);
  });

  test('printing in the three styles', () => {
    expect(s('k - j - 1').toString('source')).toBe('k-j-1');
    expect(s('d[k-1]').toString('latex')).toBe('d_{k-1}');
    expect(s('d[k-1]').toString('text')).toBe('d_{k−1}');
    expect(s('d[3]').toString('text')).toBe('d₃');
    expect(s('d[0]').toString('source')).toBe('d0');
    expect(s('d[k]*d[k-1]').toString('latex')).toMatch(/^d_\{k(-1)?\} d_\{k(-1)?\}$/);
  });

  test('bad size expressions are input errors', () => {
    expect(() => s('A*B\'')).toThrow(/expected a size or index expression/);
    expect(() => s('1.5')).toThrow(/expected a size/);
    expect(() => s('(k')).toThrow(/unbalanced/);
  });
});
