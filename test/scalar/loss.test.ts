import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type Env, evaluateMatrix, parseExpr } from '../../src/expr/index.js';
import { Exact, Rational, fromRows, type Matrix } from '../../src/linalg/index.js';
import { EntrywiseDerivation } from '../../src/scalar/entries.js';
import { LossDerivation } from '../../src/scalar/loss.js';
import { InfixPrinter } from '../../src/scalar/print.js';
import { Poly } from '../../src/scalar/poly.js';

const Q = (rows: (number | string)[][]): Matrix<Rational> =>
  fromRows(rows.map((r) => r.map((x) => (typeof x === 'number' ? Rational.fromInt(x) : Rational.parse(x)!))));
const X = Q([[1, 2, 0], [-1, '1/2', 3]]);
const Y = Q([[2, 0, 1], [1, 1, -2]]);
const PLAIN = 'fro2(W2*W1*X - Y)/2';
const REGULARISED = 'fro2(W2*W1*X - Y)/2 + lambda/2*(fro2(W1) + fro2(W2))';

describe('dln derive --loss: the user-loss engine against independent computations', () => {
  it('on ½‖W₂W₁X − Y‖² it gives exactly the entries of the built-in engine (Lemma 4.1/4.3 formulas, never expanding L)', () => {
    for (const data of [{ kind: 'numeric' as const, X, Y }, { kind: 'symbolic' as const, samples: 2 }]) {
      const builtIn = new EntrywiseDerivation([2, 3, 2], data);
      const user = new LossDerivation([2, 3, 2], data, PLAIN, 'test');
      const p = new InfixPrinter(builtIn.variables.names);
      expect(user.variables.names).toEqual(builtIn.variables.names);
      expect(user.loss().equals(builtIn.loss())).toBe(true);
      expect(user.gradient().map((g) => p.print(g))).toEqual(builtIn.gradient().map((g) => p.print(g)));
      expect(user.hessian().map((r) => r.map((h) => p.print(h)))).toEqual(builtIn.hessian().map((r) => r.map((h) => p.print(h))));
    }
  });

  it('the regulariser adds exactly λ·θ to the gradient and λ·I to the Hessian', () => {
    const data = { kind: 'symbolic' as const, samples: 1 };
    const plain = new LossDerivation([2, 2, 1], data, PLAIN, 'test');
    const reg = new LossDerivation([2, 2, 1], data, REGULARISED, 'test');
    const lambda = reg.variables.names.indexOf('lambda');
    expect(lambda).toBe(reg.variables.names.length - 1);
    const gp = plain.gradient();
    reg.gradient().forEach((g, i) => expect(g.sub(gp[i]!).equals(Poly.variable(lambda).mul(Poly.variable(i)))).toBe(true));
    const hp = plain.hessian();
    reg.hessian().forEach((row, i) =>
      row.forEach((h, j) => expect(h.sub(hp[i]![j]!).equals(i === j ? Poly.variable(lambda) : Poly.ZERO)).toBe(true)),
    );
  });

  it('at a rational point the gradient equals forward-mode differentiation of the same loss (jets)', () => {
    const point = [Q([[1, -2], ['1/3', 0], [2, 1]]), Q([[0, 1, -1], ['3/2', 2, 1]])];
    const lambda = Rational.parse('2/5')!;
    const user = new LossDerivation([2, 3, 2], { kind: 'numeric', X, Y }, REGULARISED, 'test');
    const values = [...point[0]!.data, ...point[1]!.data, lambda];
    const atPoint = user.gradient().map((g) => g.evaluate(values).toString());
    const env: Env<Rational> = { sizes: { H: 1, d: [2, 3, 2], m: 3 }, symbols: { X, Y, W1: point[0]!, W2: point[1]! }, scalars: { lambda } };
    const jets = ['W1', 'W2'].flatMap((w) => evaluateMatrix(parseExpr(`grad(${REGULARISED}, ${w})`, 'test'), env, Exact).data.map(String));
    expect(atPoint).toEqual(jets);
  });

  it('polynomial losses with the new nodes: powers, det, Hadamard products, families W[k]', () => {
    const user = new LossDerivation([2, 2, 2], undefined, 'trace(W[1])^2 + det(W2) + trace(W1 .* W2)', 'test');
    const p = new InfixPrinter(user.variables.names);
    // ∂/∂(W1)₁₁ = 2 tr W1 + (W2)₁₁; ∂/∂(W2)₁₁ = (W2)₂₂ + (W1)₁₁
    expect(p.print(user.gradient()[0]!)).toBe('2*w1r1c1 + 2*w1r2c2 + w2r1c1');
    expect(p.print(user.gradient()[4]!)).toBe('w1r1c1 + w2r2c2');
  });

  it('rejects what is not a polynomial loss, with the reason', () => {
    const err = (loss: string, data?: { kind: 'symbolic'; samples: number }) => {
      try {
        new LossDerivation([2, 2, 2], data, loss, '--loss');
      } catch (e) {
        if (e instanceof InputError) return e.message;
        throw e;
      }
      throw new Error('expected an InputError');
    };
    expect(err('fro2(W1)/trace(W1)')).toBe('--loss: the loss divides by a quantity that depends on the weights or parameters: it must be a polynomial in them');
    expect(err('log(fro2(W1))')).toBe('--loss: the loss must be a polynomial in the weights: log and exp are not');
    expect(err('fro2(W3)')).toBe('--loss: W3: the widths [2, 2, 2] give the weights W1 … W2');
    expect(err('fro2(W1*X)')).toBe('--loss: the loss uses the data X, Y: give --network FILE or --symbolic-data');
    expect(err('W1*X', { kind: 'symbolic', samples: 1 })).toBe('--loss: the loss must be a scalar, got a 2×1 matrix');
    expect(err('abs(trace(W1))')).toMatch(/sign .* depends on the weights/);
  });
});
