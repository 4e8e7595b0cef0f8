// Regression: tridiagonal QL must converge on a large cluster of zero eigenvalues (the Hessian at every critical
// point has one, from the rescaling symmetry). The old purely local deflation test threw "did not converge" here.
import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../src/linalg/index.js';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}

describe('symmetricEigenvalues on a rank-deficient Gram matrix', () => {
  it('finds the n − k zero eigenvalues of BᵀB (B: k×n) and keeps trace and Frobenius norm', () => {
    const n = 100, k = 30;
    const rnd = lcg(1);
    const B = Array.from({ length: k * n }, () => Math.floor(rnd() * 7) - 3);
    const data = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += B[t * n + i]! * B[t * n + j]!;
        data[i * n + j] = s; // integers: exact in float64
      }
    const ev = symmetricEigenvalues({ n, data });
    let trace = 0, fro2 = 0;
    for (let i = 0; i < n; i++) trace += data[i * n + i]!;
    for (const x of data) fro2 += x * x;
    const norm = Math.sqrt(fro2);
    expect(ev.slice(0, k).every((x) => x > 1e-6 * norm)).toBe(true); // rank k exactly: B has full row rank
    expect(ev.slice(k).every((x) => Math.abs(x) <= 1e-12 * norm)).toBe(true);
    expect(Math.abs(ev.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(1e-10 * trace);
    expect(Math.abs(ev.reduce((s, x) => s + x * x, 0) - fro2)).toBeLessThan(1e-10 * fro2);
  });
});
