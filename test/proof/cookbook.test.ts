import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStep } from '../../src/proof/check.js';
import { parseProofDocument, type ProofDocument } from '../../src/proof/document.js';
import { buildSetting } from '../../src/proof/setting.js';

/**
 * The Matrix Cookbook's chapter 2 in proofs/cookbook-*.proof.yaml: every step holds, and for every step a twin
 * with a planted error of the kind people make (a dropped transpose, factors in the wrong order, a dropped factor
 * or term, a symmetric matrix assumed, a wrong index) fails with a counterexample. The twins of (92), (94) and (127) are the
 * Cookbook's own printed forms, which are false.
 */
type Kind =
  | 'drop-transpose' | 'swap-order' | 'drop-factor' | 'drop-term' | 'spurious-factor' | 'assume-symmetric' | 'wrong-index'
  | 'flip-sign' | 'treat-as-constant' | 'as-printed';
type Twin = readonly [equation: string, kind: Kind, twin: string];

const TWINS: Readonly<Record<string, readonly Twin[]>> = {
  'cookbook-2.1-basic': [
    ['33', 'treat-as-constant', 'd(X) = zeros(m, n)'],
    ['34', 'drop-factor', 'd(alpha*X) = d(X)'],
    ['35', 'drop-term', 'd(X + Y) = d(X)'],
    ['36', 'spurious-factor', 'd(trace(S)) = trace(d(S)*S)'],
    ['37', 'drop-term', 'd(X*Z) = d(X)*Z'],
    ['38', 'drop-term', 'd(X .* Y) = d(X) .* Y'],
    ['39', 'swap-order', 'd(kron(X, V)) = kron(d(X), V) + kron(d(V), X)'],
    ['40', 'swap-order', 'd(inv(S)) = -inv(S)*inv(S)*d(S)'],
    ['41', 'drop-transpose', "d(det(S)) = trace(adj(S)'*d(S))"],
    ['42', 'drop-factor', 'd(det(S)) = trace(inv(S)*d(S))'],
    ['43', 'drop-factor', 'd(log(det(S))) = trace(d(S))'],
    ['44', 'drop-transpose', "d(X') = d(X)"],
  ],
  'cookbook-2.1.1-determinants': [
    ['46', 'drop-factor', 'd(det(Y), T) = det(Y)*trace(d(Y, T))'],
    ['47', 'wrong-index', 'sum(l, 1, n, entry(grad(det(X), X), l, i)*entry(X, j, l)) = entry(det(X)*I(n), i, j)'],
    ['48', 'drop-term', 'd(d(det(Y), T), T) = det(Y)*(trace(inv(Y)*d(d(Y, T), T)) + trace(inv(Y)*d(Y, T))*trace(inv(Y)*d(Y, T)))'],
    ['49', 'drop-transpose', 'grad(det(X), X) = det(X)*inv(X)'],
    ['50', 'drop-transpose', 'grad(det(X), X)*X = det(X)*I(n)'],
    ['51', 'drop-transpose', 'grad(det(A*X*B), X) = det(A*X*B)*inv(X)'],
    ['52', 'drop-factor', "grad(det(X'*A*X), X) = det(X'*A*X)*inv(X)'"],
    ['53', 'drop-factor', "grad(det(Xr'*As*Xr), Xr) = 2*det(Xr'*As*Xr)*Xr*inv(Xr'*As*Xr)"],
    ['54', 'drop-transpose', "grad(det(Xr'*A1*Xr), Xr) = det(Xr'*A1*Xr)*(A1*Xr*inv(Xr'*A1*Xr) + A1*Xr*inv(Xr'*A1'*Xr))"],
    ['55', 'drop-factor', "grad(log(det(Xr'*Xr)), Xr) = pinv(Xr)'"],
    ['56', 'flip-sign', "grad(log(det(Pp'*Pp)), P) = 2*Pp'"],
    ['57', 'drop-transpose', 'grad(log(abs(det(X))), X) = inv(X)'],
    ['58', 'drop-factor', "grad(det(X^k), X) = det(X^k)*inv(X)'"],
  ],
  'cookbook-2.2-inverses-eigenvalues': [
    ['59', 'swap-order', 'd(inv(Y), T) = -inv(Y)*inv(Y)*d(Y, T)'],
    ['60', 'wrong-index', 'entry(grad(entry(inv(X), k, l), X), i, j) = -entry(inv(X), k, j)*entry(inv(X), i, l)'],
    ['61', 'drop-transpose', "grad(a'*inv(X)*b, X) = -inv(X)'*a*b'*inv(X)"],
    ['62', 'drop-transpose', 'grad(det(inv(X)), X) = -det(inv(X))*inv(X)'],
    ['63', 'drop-transpose', 'grad(trace(A*inv(X)*B), X) = -inv(X)*B*A*inv(X)'],
    ['64', 'drop-transpose', 'grad(trace(inv(X + A2)), X) = -inv(X + A2)*inv(X + A2)'],
    ['after 64', 'drop-transpose', "grad(a'*inv(Aw)^3*b + trace(C*inv(Aw)*D*inv(Aw)'), Aw) = -inv(Aw)*grad(a'*W^3*b + trace(C*W*D*W'), W)*inv(Aw)"],
    ['65', 'wrong-index', 'grad(trace(X), X) = ones(n, n)'],
    ['66', 'drop-transpose', 'grad(det(X), X) = det(X)*inv(X)'],
    ['67', 'drop-factor', 'trace(adj(lambda*I(n) - Ae)*D) = v\'*D*v'],
    ['68', 'drop-term', '(Ae - lambda*I(n))*pinv(lambda*I(n) - Ae)*D*v = -D*v'],
    ['68', 'drop-factor', "iszero(v'*D*v)"],
  ],
  'cookbook-2.4-forms': [
    ['69', 'spurious-factor', "grad(x'*a, x) = 2*a"],
    ['70', 'swap-order', "grad(am'*X*b, X) = b*am'"],
    ['71', 'swap-order', "grad(am'*Z'*b, Z) = am*b'"],
    ['72', 'spurious-factor', "grad(a'*Xs*a, Xs) = 2*a*a'"],
    ['73', 'wrong-index', "entry(grad(entry(X, k, l), X), i, j) = entry(unit(m, i)*unit(n, j)', i, j)"],
    ['74', 'wrong-index', "entry(grad(entry(X*A, i, 1), X), k, l) = entry(unit(m, k)*unit(n, l)'*A, k, 1)"],
    ['75', 'wrong-index', "entry(grad(entry(X'*A3, j, 1), X), k, l) = entry(unit(n, l)*unit(m, k)'*A3, l, 1)"],
    ['76', 'drop-factor', 'grad(sum(k, 1, m, sum(l, 1, n, entry(X, k, l)))^2, X) = sum(k, 1, m, sum(l, 1, n, entry(X, k, l)))*ones(m, n)'],
    ['77', 'drop-term', "grad(b'*X'*X*c, X) = X*b*c'"],
    ['78', 'drop-term', "grad((Bp*x + bp)'*C*(Dq*x + e), x) = Bp'*C*(Dq*x + e)"],
    ['79', 'swap-order', "entry(grad(entry(X'*B*X, l, j), X), i, j) = entry(I(n), l, j)*entry(X'*B, l, i) + entry(I(n), j, j)*entry(B*X, i, j)"],
    ['79', 'drop-term', "entry(grad(entry(X'*B*X, l, j), X), k, l) = entry(I(n), l, l)*entry(B*X, k, j)"],
    ['80', 'drop-term', "entry(grad(entry(X'*B*X, l, j), X), i, l) = entry(unit(n, l)*unit(m, i)'*B*X, l, j)"],
    ['81', 'assume-symmetric', "grad(x'*Bn*x, x) = 2*Bn*x"],
    ['82', 'drop-transpose', "grad(b'*X'*D*X*c, X) = D*X*b*c' + D*X*c*b'"],
    ['83', 'assume-symmetric', "grad((X*b + cm)'*D*(X*b + cm), X) = 2*D*(X*b + cm)*b'"],
    ['84', 'drop-factor', "grad((xm - As*s)'*Ws*(xm - As*s), s) = -2*As'*(xm - As*s)"],
    ['85', 'drop-factor', "grad((xm - r)'*Ws*(xm - r), xm) = Ws*(xm - r)"],
    ['86', 'flip-sign', "grad((xm - r)'*Ws*(xm - r), r) = 2*Ws*(xm - r)"],
    ['87', 'drop-factor', "grad((xm - As*s)'*Ws*(xm - As*s), xm) = 2*(xm - As*s)"],
    ['88', 'drop-factor', "grad((xm - As*s)'*Ws*(xm - As*s), As) = -2*(xm - As*s)*s'"],
    ['89', 'flip-sign', "grad((alpha - x'*b)^2, x) = 2*b*(alpha - x'*b)"],
    ['90', 'drop-transpose', "entry(grad(entry(Xs^N, k, l), Xs), i, j) = sum(t, 0, N-1, entry(Xs^t*unit(n, j)*unit(n, i)'*Xs^(N-1-t), k, l))"],
    ['91', 'drop-transpose', "grad(a'*Xs^N*b, Xs) = sum(t, 0, N-1, Xs^t*a*b'*Xs^(N-1-t))"],
    ['92', 'as-printed', "grad(a'*(Xs^N)'*Xs^N*b, Xs) = sum(t, 0, N-1, Xs^(N-1-t)*a*b'*(Xs^N)'*Xs^t + (Xs^t)'*Xs^N*a*b'*(Xs^(N-1-t))')"],
    ['93', 'drop-transpose', "grad(sx'*Ap'*C*Bq*rx, x) = jacobian(sx, x)*Ap'*C*Bq*rx + jacobian(rx, x)'*(Ap'*C*Bq)'*sx"],
    ['94', 'as-printed', "grad(x'*Ap'*Ap*x/(x'*Bq'*Bq*x), x) = 2*Ap'*Ap*x/(x'*Bq*Bq*x) - 2*Bq'*Bq*x*(x'*Ap'*Ap*x)/(x'*Bq'*Bq*x)^2"],
    ['96', 'assume-symmetric', 'grad(f, x) = 2*An*x + b'],
    ['97', 'assume-symmetric', 'hess(f, x, x) = 2*An'],
  ],
  'cookbook-2.5-traces': [
    ['98', 'drop-transpose', 'grad(trace(F), Xs) = f'],
    ['99', 'wrong-index', 'grad(trace(Xs), Xs) = ones(n, n)'],
    ['100', 'drop-transpose', 'grad(trace(X*A), X) = A'],
    ['101', 'drop-transpose', 'grad(trace(A1*X*B1), X) = B1*A1'],
    ['102', 'swap-order', "grad(trace(A2*X'*B2), X) = (B2*A2)'"],
    ['103', 'drop-transpose', "grad(trace(X'*A3), X) = A3'"],
    ['104', 'drop-transpose', "grad(trace(A3*X'), X) = A3'"],
    ['105', 'drop-factor', 'grad(trace(kron(A4, Xs)), Xs) = I(n)'],
    ['106', 'drop-transpose', 'grad(trace(Xs^2), Xs) = 2*Xs'],
    ['107', 'drop-transpose', 'grad(trace(Xs^2*B), Xs) = Xs*B + B*Xs'],
    ['108', 'assume-symmetric', "grad(trace(X'*Bm*X), X) = 2*Bm*X"],
    ['109', 'assume-symmetric', "grad(trace(Bm*X*X'), X) = 2*Bm'*X"],
    ['110', 'drop-term', "grad(trace(X*X'*Bm), X) = Bm*X"],
    ['111', 'assume-symmetric', "grad(trace(X*B*X'), X) = 2*X*B"],
    ['112', 'drop-term', "grad(trace(B*X'*X), X) = X*B"],
    ['113', 'assume-symmetric', "grad(trace(X'*X*B), X) = 2*X*B'"],
    ['114', 'drop-term', "grad(trace(A*X*Bnm*X), X) = A'*X'*Bnm'"],
    ['115', 'drop-factor', "grad(trace(X'*X), X) = X"],
    ['116', 'assume-symmetric', "grad(trace(Bt'*X'*Cm*X*Bt), X) = 2*Cm*X*Bt*Bt'"],
    ['117', 'drop-transpose', "grad(trace(X'*Bm*X*B), X) = Bm*X*B + Bm*X*B"],
    ['118', 'drop-term', "grad(trace(A5*X*Bn*X'*C5), X) = C5*A5*X*Bn"],
    ['119', 'drop-factor', "grad(trace((A1*X*B1 + Ap)*(A1*X*B1 + Ap)'), X) = A1'*(A1*X*B1 + Ap)*B1'"],
    ['120', 'drop-factor', 'grad(trace(kron(Xs, Xs)), Xs) = trace(Xs)*I(n)'],
    ['121', 'drop-transpose', 'grad(trace(Xs^k), Xs) = k*Xs^(k-1)'],
    ['122', 'drop-transpose', 'grad(trace(B*Xs^k), Xs) = sum(r, 0, k-1, Xs^r*B*Xs^(k-r-1))'],
    ['123', 'drop-term', "grad(trace(Bt'*X'*Cm*X*X'*Cm*X*Bt), X) = Cm*X*X'*Cm*X*Bt*Bt' + Cm'*X*Bt*Bt'*X'*Cm'*X + Cm*X*Bt*Bt'*X'*Cm*X"],
    ['124', 'drop-transpose', 'grad(trace(A6*inv(Xs)*B6), Xs) = -inv(Xs)*B6*A6*inv(Xs)'],
    ['125', 'drop-term', "grad(trace(inv(Xr'*Cs*Xr)*Ap), Xr) = -Cs*Xr*inv(Xr'*Cs*Xr)*Ap*inv(Xr'*Cs*Xr)"],
    ['126', 'drop-factor', "grad(trace(inv(Xr'*Cs*Xr)*(Xr'*Bs*Xr)), Xr) = -2*Cs*Xr*inv(Xr'*Cs*Xr)*Xr'*Bs*Xr*inv(Xr'*Cs*Xr) + Bs*Xr*inv(Xr'*Cs*Xr)"],
    ['127', 'as-printed', "grad(trace(inv(Ap + Xr'*Cs*Xr)*(Xr'*Bs*Xr)), Xr) = -2*Cs*Xr*inv(Ap + Xr'*Cs*Xr)*Xr'*Bs*Xr*inv(Ap + Xr'*Cs*Xr) + 2*Bs*Xr*inv(Ap + Xr'*Cs*Xr)"],
  ],
  'cookbook-2.6-norms-structured': [
    ['129', 'drop-factor', 'grad(norm(x - a), x) = x - a'],
    ['130', 'drop-transpose', "jacobian((x - a)/norm(x - a), x) = I(n)/norm(x - a) - (x - a)'*(x - a)*I(n)/norm(x - a)^3"],
    ['131', 'drop-factor', 'grad(norm(x)^2, x) = x'],
    ['132', 'drop-factor', 'grad(fro2(X), X) = X'],
    ['133', 'drop-term', "entry(grad(a'*As^3*b + trace(As*C*As'), L), i, j) = entry(G, i, j)"],
    ['134', 'drop-term', "entry(grad(entry(As, k, l), L), i, j) = entry(unit(n, i)*unit(n, j)', k, l)"],
    ['136', 'wrong-index', "entry(grad(a'*(X*X' + B*X*X')^3*b + trace((X*X' + B*X*X')*C*(X*X' + B*X*X')'), X), i, j) = sum(k, 1, n, sum(l, 1, n, entry(grad(a'*U^3*b + trace(U*C*U'), U), k, l)*entry(grad(entry(X*X' + B*X*X', l, k), X), i, j)))"],
    ['137', 'drop-transpose', "d(a'*(X*X' + B*X*X')^3*b + trace((X*X' + B*X*X')*C*(X*X' + B*X*X')'), X) = trace(grad(a'*U^3*b + trace(U*C*U'), U)*d(X*X' + B*X*X', X))"],
    ['138', 'drop-term', "grad(a'*As^3*b + trace(As*C*As'), L) = G + G'"],
    ['139', 'drop-term', "grad(trace(A*As), L) = A + A'"],
    ['140', 'drop-term', 'grad(det(As), L) = 2*det(As)*inv(As)'],
    ['141', 'drop-term', 'grad(log(det(As)), L) = 2*inv(As)'],
    ['142', 'drop-factor', 'grad(trace(A*(L .* I(n))), L) = A'],
    ['143', 'drop-transpose', "sum(k, 0, n - 1, entry(grad(trace(A*T), t), n + k, 1)*N^k) + sum(k, 1, n - 1, entry(grad(trace(A*T), t), n - k, 1)*(N')^k) = sum(k, 0, n - 1, trace(A*N^k)*(N')^k) + sum(k, 1, n - 1, trace(A*(N')^k)*N^k)"],
  ],
};

const files = readdirSync('proofs').filter((f) => f.startsWith('cookbook-') && f.endsWith('.proof.yaml')).sort();
const load = (f: string): ProofDocument => parseProofDocument(readFileSync(`proofs/${f}`, 'utf8'), `proofs/${f}`);

describe('Matrix Cookbook chapter 2', () => {
  it('covers equations (33) to (144), except the matrix sine (128) and the notation (135)', () => {
    const numbers = new Set<number>();
    for (const f of files)
      for (const s of load(f).steps) for (const m of (s.because ?? '').matchAll(/\((\d+)\)/g)) numbers.add(Number(m[1]));
    const missing = Array.from({ length: 144 - 33 + 1 }, (_, i) => 33 + i).filter((n) => !numbers.has(n));
    expect(missing).toEqual([128, 135]);
  });

  it.each(files)('%s: every step holds', (f) => {
    const setting = buildSetting(load(f));
    const statuses = setting.claims.map((_, i) => checkStep(setting, i, { seed: 1, trials: 24 }));
    expect(statuses.filter((r) => r.status !== 'verified' && r.status !== 'tested').map((r) => `${r.step}: ${r.status} ${r.reason ?? ''}`)).toEqual([]);
  });

  it.each(files)('%s: each step has a planted-error twin that fails with a counterexample', (f) => {
    const doc = load(f);
    const twins = TWINS[f.replace('.proof.yaml', '')]!;
    expect(twins.length).toBe(doc.steps.length);
    const survivors: string[] = [];
    twins.forEach(([eq, kind, text], i) => {
      expect(doc.steps[i]!.because, `step ${i + 1} is eq. (${eq})`).toContain(`(${eq})`);
      const mutated = { ...doc, steps: doc.steps.map((s, j) => (j === i ? { ...s, text } : s)) };
      const r = checkStep(buildSetting(mutated), i, { seed: 1, trials: 24 });
      if (r.status !== 'failed' || !r.counterexample) survivors.push(`(${eq}) ${kind}: ${text} → ${r.status}`);
    });
    expect(survivors).toEqual([]);
  });
});

describe('counterexamples with logarithms', () => {
  it('show the exact values of both sides (logarithms of rationals as text)', () => {
    const doc = parseProofDocument(
      'title: t\ngiven:\n  shapes: { A: [n, n], B: [n, n] }\nsteps:\n  - claim: log(abs(det(A*B))) = log(abs(det(A)))\n',
      'log.proof.yaml',
    );
    const r = checkStep(buildSetting(doc), 0, { seed: 1, trials: 8 });
    expect(r.status).toBe('failed');
    const [lhs, rhs] = r.counterexample!.sides.map((s) => s.rows[0]![0]!);
    expect(lhs).toMatch(/log\(\d+\)/);
    expect(rhs).toMatch(/log\(\d+\)/);
    expect(lhs).not.toBe(rhs);
  });
});

describe('powers in scalar steps', () => {
  it('are expanded symbolically as well: (a + b)² holds, (a + b)³ = a³ + b³ is refuted', () => {
    const doc = parseProofDocument(
      'title: t\ngiven:\n  shapes: { a: [], b: [] }\nsteps:\n  - claim: (a + b)^2 = a^2 + 2*a*b + b^2\n  - claim: (a + b)^3 = a^3 + b^3\n',
      'powers.proof.yaml',
    );
    const setting = buildSetting(doc);
    const [square, cube] = [0, 1].map((i) => checkStep(setting, i, { seed: 1, trials: 8 }));
    expect(square!.status).toBe('verified');
    expect(square!.methods).toContain('symbolic expansion (exact polynomial arithmetic)');
    expect(cube!.status).toBe('failed');
    expect(cube!.methods).toContain('symbolic expansion (exact polynomial arithmetic)');
  });
});
