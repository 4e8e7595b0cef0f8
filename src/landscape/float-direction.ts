/**
 * A unit vector for the smallest eigenvalue of a symmetric float matrix, by inverse iteration: H − sI with
 * s just below λ_min is positive definite, so a Cholesky factorisation (row-major Float64Array) solves it.
 */
export function floatMinDirection(Hm: { n: number; data: Float64Array }, lambdaMin: number, tol: number): Float64Array {
  const { n, data } = Hm;
  let delta = Math.max(tol, 1e-8 * Math.abs(lambdaMin));
  for (let attempt = 0; attempt < 20; attempt++, delta *= 4) {
    const Lc = cholesky(data, n, lambdaMin - delta);
    if (!Lc) continue; // λ_min was slightly overestimated: shift further down
    let x: Float64Array = new Float64Array(n).map((_, i) => 1 + ((i * 7919) % 13) / 13); // fixed, generic start
    for (let it = 0; it < 8; it++) {
      x = solveCholesky(Lc, n, x);
      let norm = 0;
      for (let i = 0; i < n; i++) norm += x[i]! * x[i]!;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) x[i] = x[i]! / norm;
    }
    return x;
  }
  throw new Error('inverse iteration: no positive definite shift found');
}

function cholesky(A: Float64Array, n: number, shift: number): Float64Array | undefined {
  const Lc = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]! - shift;
    for (let k = 0; k < j; k++) d -= Lc[j * n + k]! ** 2;
    if (!(d > 0)) return undefined;
    const ljj = Math.sqrt(d);
    Lc[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      const ri = i * n, rj = j * n;
      for (let k = 0; k < j; k++) s -= Lc[ri + k]! * Lc[rj + k]!;
      Lc[ri + j] = s / ljj;
    }
  }
  return Lc;
}

function solveCholesky(Lc: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= Lc[i * n + k]! * y[k]!;
    y[i] = s / Lc[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= Lc[k * n + i]! * x[k]!;
    x[i] = s / Lc[i * n + i]!;
  }
  return x;
}
