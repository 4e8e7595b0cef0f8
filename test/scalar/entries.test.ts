import { describe, expect, it } from 'vitest';
import { Exact, Rational, fro2, fromRows, mul, sub, type Matrix } from '../../src/linalg/index.js';
import { gradient as numericGradient, hessian as numericHessian } from '../../src/landscape/derivatives.js';
import { EntrywiseDerivation, TermLimitExceeded } from '../../src/scalar/entries.js';
import { InfixPrinter } from '../../src/scalar/print.js';
import type { Poly } from '../../src/scalar/poly.js';
import { lcg, randInt, randomMatrix } from './random.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const Q = (rows: (number | string)[][]): Matrix<Rational> => fromRows(rows.map((r) => r.map(q)));
const strs = (xs: Rational[]) => xs.map(String);

/** Loss computed directly with linalg: ½‖W_{H+1}⋯W_1 X − Y‖²_F (no derivative formula involved). */
function directLoss(X: Matrix<Rational>, Y: Matrix<Rational>, W: Matrix<Rational>[]): Rational {
  let Z = X;
  for (const Wk of W) Z = mul(Exact, Wk, Z);
  return fro2(Exact, sub(Exact, Z, Y)).div(q(2));
}

/** The weights as matrices from a flat vector in the team order (layer by layer, each row by row). */
function unflatten(widths: readonly number[], theta: readonly Rational[]): Matrix<Rational>[] {
  const W: Matrix<Rational>[] = [];
  let at = 0;
  for (let k = 1; k < widths.length; k++) {
    const size = widths[k]! * widths[k - 1]!;
    W.push({ rows: widths[k]!, cols: widths[k - 1]!, data: theta.slice(at, (at += size)) });
  }
  return W;
}

/**
 * Exact gradient and Hessian by interpolating the loss along coordinate lines. Each weight enters the product
 * linearly, so L(θ + t e_i) is quadratic in t and L(θ + s e_i + t e_j) has degree ≤ 2 in s and in t:
 * central differences with unit steps are then exact.
 */
function interpolated(X: Matrix<Rational>, Y: Matrix<Rational>, widths: number[], theta: Rational[]) {
  const L = (shift: [number, number][]) => {
    const t = theta.slice();
    for (const [i, s] of shift) t[i] = t[i]!.add(q(s));
    return directLoss(X, Y, unflatten(widths, t));
  };
  const n = theta.length;
  const grad = theta.map((_, i) => L([[i, 1]]).sub(L([[i, -1]])).div(q(2)));
  const hess = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i === j
        ? L([[i, 1]]).sub(L([]).mul(q(2))).add(L([[i, -1]]))
        : L([[i, 1], [j, 1]]).sub(L([[i, 1], [j, -1]])).sub(L([[i, -1], [j, 1]])).add(L([[i, -1], [j, -1]])).div(q(4)),
    ),
  );
  return { grad, hess };
}

const at = (p: Poly, values: Rational[]) => p.evaluate(values);

describe('scalar chain of docs/mathematics.md §6 (widths [1,1,1,1], x = (1,2), y = (2,3))', () => {
  const d = new EntrywiseDerivation([1, 1, 1, 1], { kind: 'numeric', X: Q([[1, 2]]), Y: Q([[2, 3]]) });
  const g = d.gradient();
  const H = d.hessian();
  const pr = new InfixPrinter(d.variables.names);

  it('names the parameters w1r1c1, w2r1c1, w3r1c1', () => {
    expect(d.parameters).toEqual([
      { name: 'w1r1c1', layer: 1, row: 1, col: 1 },
      { name: 'w2r1c1', layer: 2, row: 1, col: 1 },
      { name: 'w3r1c1', layer: 3, row: 1, col: 1 },
    ]);
  });

  it('expands L to ½(s_xx w² − 2 s_xy w + s_yy) with w = w₁w₂w₃, s_xx = 5, s_xy = 8, s_yy = 13', () => {
    expect(pr.print(d.loss())).toBe('5/2*w1r1c1^2*w2r1c1^2*w3r1c1^2 - 8*w1r1c1*w2r1c1*w3r1c1 + 13/2');
    // L(t,t,t) = 5t⁶/2 − 8t³ + 13/2
    for (const t of [q(0), q(1), q('-2/3'), q(2)])
      expect(String(at(d.loss(), [t, t, t]))).toBe(String(q('5/2').mul(t.pow(6)).sub(q(8).mul(t.pow(3))).add(q('13/2'))));
  });

  it('at w = (1, 2, 1/2): gradient (−3, −3/2, −6), Hessian [[5,1,4],[1,5/4,2],[4,2,20]]', () => {
    const w = [q(1), q(2), q('1/2')];
    expect(strs(g.map((p) => at(p, w)))).toEqual(['-3', '-3/2', '-6']);
    expect(H.map((row) => strs(row.map((p) => at(p, w))))).toEqual([
      ['5', '1', '4'],
      ['1', '5/4', '2'],
      ['4', '2', '20'],
    ]);
  });

  it('at the global minimum w = (1, 1, 8/5): gradient 0, Hessian [[64/5,64/5,8],[64/5,64/5,8],[8,8,5]]', () => {
    const w = [q(1), q(1), q('8/5')];
    expect(strs(g.map((p) => at(p, w)))).toEqual(['0', '0', '0']);
    expect(H.map((row) => strs(row.map((p) => at(p, w))))).toEqual([
      ['64/5', '64/5', '8'],
      ['64/5', '64/5', '8'],
      ['8', '8', '5'],
    ]);
  });

  it('at the origin: gradient 0 and Hessian 0 (every term holds a weight)', () => {
    const w = [q(0), q(0), q(0)];
    expect(g.every((p) => at(p, w).isZero())).toBe(true);
    expect(H.flat().every((p) => at(p, w).isZero())).toBe(true);
  });

  it('prints the entries a hand derivation gives: ∂L/∂w₁ = (5w − 8)w₂w₃, ∂²L/∂w₁² = 5w₂²w₃²', () => {
    expect(pr.print(g[0]!)).toBe('5*w1r1c1*w2r1c1^2*w3r1c1^2 - 8*w2r1c1*w3r1c1');
    expect(pr.print(H[0]![0]!)).toBe('5*w2r1c1^2*w3r1c1^2');
    expect(pr.print(H[0]![1]!)).toBe('10*w1r1c1*w2r1c1*w3r1c1^2 - 8*w3r1c1');
  });
});

describe('scalar two-layer ŷ = w₂w₁x: Hessian at 0 is [[0, −s_xy], [−s_xy, 0]]', () => {
  it('with x = (1,2), y = (2,3), s_xy = 8', () => {
    const d = new EntrywiseDerivation([1, 1, 1], { kind: 'numeric', X: Q([[1, 2]]), Y: Q([[2, 3]]) });
    expect(d.hessian().map((row) => strs(row.map((p) => at(p, [q(0), q(0)]))))).toEqual([
      ['0', '-8'],
      ['-8', '0'],
    ]);
  });
});

describe('random widths, depth 1–4: polynomials agree with exact interpolation of the loss and with the numeric core', () => {
  const rnd = lcg(20240611);
  for (let trial = 0; trial < 14; trial++) {
    const depth = 1 + (trial % 4);
    const widths = Array.from({ length: depth + 1 }, () => randInt(rnd, 1, 3));
    const m = randInt(rnd, 1, 3);
    const X = randomMatrix(widths[0]!, m, rnd);
    const Y = randomMatrix(widths[depth]!, m, rnd);
    it(`widths [${widths}], ${m} samples`, () => {
      const d = new EntrywiseDerivation(widths, { kind: 'numeric', X, Y });
      const g = d.gradient();
      const H = d.hessian();
      for (let point = 0; point < 2; point++) {
        const theta = d.parameters.map(() => randomMatrix(1, 1, rnd).data[0]!);
        const oracle = interpolated(X, Y, widths, theta);
        expect(strs(g.map((p) => at(p, theta)))).toEqual(strs(oracle.grad));
        expect(H.map((row) => strs(row.map((p) => at(p, theta))))).toEqual(oracle.hess.map(strs));
        expect(String(at(d.loss(), theta))).toBe(String(directLoss(X, Y, unflatten(widths, theta))));
        // the numeric core (src/landscape) evaluates Lemmas 4.1 and 4.3 directly
        const W = unflatten(widths, theta);
        expect(strs(g.map((p) => at(p, theta)))).toEqual(strs(numericGradient(Exact, X, Y, W).flatMap((G) => [...G.data])));
        const Hn = numericHessian(Exact, X, Y, W);
        expect(H.flat().map((p) => String(at(p, theta)))).toEqual(strs([...Hn.data]));
      }
    });
  }
});

describe('symbolic data', () => {
  it('adds X and Y symbols after the weights, and evaluates like the numeric derivation on the same data', () => {
    const rnd = lcg(7);
    for (const widths of [[2, 1, 2], [1, 2, 2, 1], [2, 2]]) {
      const m = 2;
      const d = new EntrywiseDerivation(widths, { kind: 'symbolic', samples: m });
      const n = d.parameters.length;
      const xNames = [], yNames = [];
      for (let a = 1; a <= widths[0]!; a++) for (let s = 1; s <= m; s++) xNames.push(`xr${a}c${s}`);
      for (let a = 1; a <= widths[widths.length - 1]!; a++) for (let s = 1; s <= m; s++) yNames.push(`yr${a}c${s}`);
      expect(d.variables.names).toEqual([...d.parameters.map((p) => p.name), ...xNames, ...yNames]);
      const X = randomMatrix(widths[0]!, m, rnd);
      const Y = randomMatrix(widths[widths.length - 1]!, m, rnd);
      const theta = d.parameters.map(() => randomMatrix(1, 1, rnd).data[0]!);
      const values = [...theta, ...X.data, ...Y.data];
      const oracle = interpolated(X, Y, widths, theta);
      expect(strs(d.gradient().map((p) => at(p, values)))).toEqual(strs(oracle.grad));
      expect(d.hessian().map((row) => strs(row.map((p) => at(p, values))))).toEqual(oracle.hess.map(strs));
      expect(n).toBe(d.gradient().length);
    }
  });
});

describe('Hessian symmetry and the term budget', () => {
  it('stores each symmetric pair once', () => {
    const d = new EntrywiseDerivation([2, 2, 2], { kind: 'symbolic', samples: 1 });
    const H = d.hessian();
    for (let i = 0; i < H.length; i++) for (let j = 0; j < H.length; j++) expect(H[i]![j]).toBe(H[j]![i]);
  });

  it('stops an expansion that outgrows the budget', () => {
    const d = new EntrywiseDerivation([2, 2, 2, 2], { kind: 'symbolic', samples: 2 }, { maxTerms: 200 });
    expect(() => d.hessian()).toThrow(TermLimitExceeded);
  });

  it('rejects widths that are not positive integers', () => {
    expect(() => new EntrywiseDerivation([2], { kind: 'symbolic', samples: 1 })).toThrow(RangeError);
    expect(() => new EntrywiseDerivation([2, 0, 1], { kind: 'symbolic', samples: 1 })).toThrow(RangeError);
  });
});
