// The tridiagonal eigen-solver on one thread and on two. Vitest runs src/ as TypeScript, where the helper thread's
// compiled script does not exist, so src/ always takes the one-thread path; the two-thread path is exercised on the
// built module in dist/ (`npm test` builds first), against the one-thread path and against known spectra.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricEigenvalues } from '../src/linalg/index.js';
import { PARALLEL_MIN_SIZE } from '../src/linalg/tridiagonal.js';
import { repoRoot } from './helpers/cli.js';

type EigenModule = typeof import('../src/linalg/eigen.js');
type HelperModule = typeof import('../src/linalg/tridiagonal-helper.js');
const built = (path: string) => pathToFileURL(join(repoRoot, 'dist', 'linalg', path)).href;

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32);
}

/** Q diag(λ) Qᵀ with Q = (I − 2uuᵀ)(I − 2wwᵀ), unit u, w: eigenvalues λ up to rounding (≈ n·u·max|λ|). */
function knownSpectrum(n: number, seed: number): { data: Float64Array; lambda: number[] } {
  const rnd = lcg(seed);
  // a cluster of zeros (as at critical points), a repeated value, and spread values of both signs
  const lambda = Array.from({ length: n }, (_, i) => (i < n / 5 ? 0 : i < n / 4 ? 3 : Math.round((rnd() - 0.3) * 2000) / 16));
  const unit = () => {
    const x = Array.from({ length: n }, () => rnd() - 0.5);
    const norm = Math.hypot(...x);
    return x.map((t) => t / norm);
  };
  const u = unit(), w = unit();
  // Q = I − 2uuᵀ − 2wwᵀ + 4(uᵀw)uwᵀ
  const uw = u.reduce((s, t, i) => s + t * w[i]!, 0);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) Q[i * n + j] = (i === j ? 1 : 0) - 2 * u[i]! * u[j]! - 2 * w[i]! * w[j]! + 4 * uw * u[i]! * w[j]!;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k]! * lambda[k]! * Q[j * n + k]!;
      data[i * n + j] = data[j * n + i] = s;
    }
  return { data, lambda: lambda.sort((a, b) => b - a) };
}

function expectSpectrum(ev: Float64Array, data: Float64Array, lambda: readonly number[]) {
  const n = lambda.length;
  const scale = Math.max(...lambda.map(Math.abs));
  for (let i = 0; i < n; i++) expect(Math.abs(ev[i]! - lambda[i]!)).toBeLessThan(1e-10 * scale);
  let trace = 0, fro2 = 0;
  for (let i = 0; i < n; i++) trace += data[i * n + i]!;
  for (const x of data) fro2 += x * x;
  expect(Math.abs(ev.reduce((s, x) => s + x, 0) - trace)).toBeLessThan(1e-10 * scale * n);
  expect(Math.abs(ev.reduce((s, x) => s + x * x, 0) - fro2)).toBeLessThan(1e-10 * fro2);
}

describe('tridiagonal eigenvalues, one thread (src)', () => {
  it('agrees with Jacobi where the row pass is split in two shares (n = 200)', () => {
    const n = 200;
    const rnd = lcg(5);
    const data = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = rnd() - 0.5;
    const ev = symmetricEigenvalues({ n, data });
    const jacobi = symmetricEigen({ rows: n, cols: n, data: Array.from(data) }).values;
    for (let i = 0; i < n; i++) expect(Math.abs(ev[i]! - jacobi[i]!)).toBeLessThan(1e-12 * n);
  });

  it(`finds a known spectrum above the two-thread size (n = ${PARALLEL_MIN_SIZE + 100})`, () => {
    const n = PARALLEL_MIN_SIZE + 100;
    const { data, lambda } = knownSpectrum(n, 11);
    expectSpectrum(symmetricEigenvalues({ n, data }), data, lambda);
  });
});

describe('tridiagonal eigenvalues, two threads (dist)', () => {
  it('the helper thread is used, and the result is the one-thread result to the last bit', { timeout: 60_000 }, async () => {
    const eigen = (await import(built('eigen.js'))) as EigenModule;
    const { tridiagonalHelper } = (await import(built('tridiagonal-helper.js'))) as HelperModule;
    const helper = tridiagonalHelper();
    expect(helper !== null).toBe(availableParallelism() >= 2);
    if (!helper) return;
    // Steps run on the calling thread until the helper has started and warmed up; wait for it here so that
    // every split step of the reductions below is shared.
    for (let t = 0; t < 200 && !helper.ready; t++) await new Promise((r) => setTimeout(r, 25));
    expect(helper.ready).toBe(true);
    for (const [n, seed] of [[PARALLEL_MIN_SIZE, 1], [PARALLEL_MIN_SIZE + 300, 2]] as const) {
      const { data, lambda } = knownSpectrum(n, seed);
      const before = helper.steps;
      const two = eigen.symmetricEigenvalues({ n, data });
      const handedOver = helper.steps - before;
      expect(handedOver).toBeGreaterThan(n - 200); // every step with ≥ 128 rows left
      const one = eigen.symmetricEigenvalues({ n, data }, { parallel: false });
      expect(helper.steps - before).toBe(handedOver);
      expect(two).toEqual(one);
      expect(two).toEqual(symmetricEigenvalues({ n, data })); // and the src module's
      expectSpectrum(two, data, lambda);
    }
  });

  it('a process that used the helper thread exits by itself, promptly', () => {
    if (availableParallelism() < 2) return;
    const n = PARALLEL_MIN_SIZE + 100;
    // The first reduction starts the helper; the second, once it is ready, hands it steps; then the script ends
    // with the helper asleep in Atomics.wait.
    const script = `
      const { symmetricEigenvalues } = await import(${JSON.stringify(built('eigen.js'))});
      const { tridiagonalHelper } = await import(${JSON.stringify(built('tridiagonal-helper.js'))});
      const n = ${n}, data = new Float64Array(n * n);
      for (let i = 0; i < n; i++) data[i * n + i] = i;
      for (let i = 1; i < n; i++) data[i * n + i - 1] = data[(i - 1) * n + i] = 1;
      symmetricEigenvalues({ n, data });
      await new Promise((r) => setTimeout(r, 500));
      const ev = symmetricEigenvalues({ n, data });
      console.log(ev.length, tridiagonalHelper().steps > 0);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect([r.status, r.stdout.trim()]).toEqual([0, `${n} true`]);
  });
});
