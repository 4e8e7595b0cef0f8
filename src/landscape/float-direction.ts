/**
 * A unit vector v with vᵀHv < −tol for a symmetric float matrix whose smallest eigenvalue is below −tol.
 * Cheap candidates first (a coordinate, or the best 2×2 principal block, O(n²)); otherwise inverse iteration:
 * H − sI with s just below λ_min is positive definite, so a Cholesky factorisation solves it (O(n³)).
 */
export function floatNegativeDirection(Hm: { n: number; data: Float64Array }, lambdaMin: number, tol: number): Float64Array {
  const { n, data } = Hm;
  let best = 0, bi = 0, bj = -1;
  for (let i = 0; i < n; i++) {
    const a = data[i * n + i]!;
    if (a < best) (best = a), (bi = i), (bj = -1);
  }
  for (let i = 0; i < n; i++) {
    const a = data[i * n + i]!;
    for (let j = i + 1; j < n; j++) {
      const b = data[i * n + j]!;
      if (b === 0) continue;
      const c = data[j * n + j]!;
      const m = (a + c) / 2 - Math.hypot((a - c) / 2, b);
      if (m < best) (best = m), (bi = i), (bj = j);
    }
  }
  if (best < -tol) {
    const v = new Float64Array(n);
    if (bj < 0) v[bi] = 1;
    else {
      // eigenvector of [[a, b], [b, c]] for its smaller eigenvalue m: (b, m − a), or (m − c, b)
      const a = data[bi * n + bi]!, b = data[bi * n + bj]!, c = data[bj * n + bj]!;
      let x = b, y = best - a;
      if (Math.abs(x) + Math.abs(y) < 1e-300) (x = best - c), (y = b);
      const r = Math.hypot(x, y);
      v[bi] = x / r;
      v[bj] = y / r;
    }
    return v;
  }
  return inverseIteration(Hm, lambdaMin, tol);
}

function inverseIteration(Hm: { n: number; data: Float64Array }, lambdaMin: number, tol: number): Float64Array {
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
