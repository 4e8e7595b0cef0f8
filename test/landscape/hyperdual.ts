import { Rational, type Matrix } from '../../src/linalg/index.js';

/**
 * Independent oracle for derivatives: the loss evaluated naively (entry by entry, no matrix formulas) over
 * hyper-dual rationals a + b·ε₁ + c·ε₂ + d·ε₁ε₂ (ε₁² = ε₂² = 0). Seeding parameter i with ε₁ and j with ε₂
 * gives ∂L/∂θ_i in b and ∂²L/∂θ_i∂θ_j in d, exactly.
 */
class HD {
  constructor(
    readonly a: Rational,
    readonly b: Rational = Rational.ZERO,
    readonly c: Rational = Rational.ZERO,
    readonly d: Rational = Rational.ZERO,
  ) {}
  add(o: HD): HD {
    return new HD(this.a.add(o.a), this.b.add(o.b), this.c.add(o.c), this.d.add(o.d));
  }
  sub(o: HD): HD {
    return new HD(this.a.sub(o.a), this.b.sub(o.b), this.c.sub(o.c), this.d.sub(o.d));
  }
  mul(o: HD): HD {
    return new HD(
      this.a.mul(o.a),
      this.a.mul(o.b).add(this.b.mul(o.a)),
      this.a.mul(o.c).add(this.c.mul(o.a)),
      this.a.mul(o.d).add(this.d.mul(o.a)).add(this.b.mul(o.c)).add(this.c.mul(o.b)),
    );
  }
}

/** θ in the team's parameter order: layers W_1 … W_{H+1}, each row by row. */
function lossHD(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[], seed1: number, seed2: number): HD {
  let pos = 0;
  const layers = W.map((Wk) =>
    Wk.data.map((w) => {
      const here = pos++;
      return new HD(w, here === seed1 ? Rational.ONE : Rational.ZERO, here === seed2 ? Rational.ONE : Rational.ZERO);
    }),
  );
  let total = new HD(Rational.ZERO);
  for (let s = 0; s < X.cols; s++) {
    // forward pass for sample s, one scalar at a time
    let h: HD[] = Array.from({ length: X.rows }, (_, i) => new HD(X.data[i * X.cols + s]!));
    W.forEach((Wk, k) => {
      const next: HD[] = [];
      for (let a = 0; a < Wk.rows; a++) {
        let acc = new HD(Rational.ZERO);
        for (let b = 0; b < Wk.cols; b++) acc = acc.add(layers[k]![a * Wk.cols + b]!.mul(h[b]!));
        next.push(acc);
      }
      h = next;
    });
    h.forEach((v, i) => {
      const diff = v.sub(new HD(Y.data[i * Y.cols + s]!));
      total = total.add(diff.mul(diff));
    });
  }
  const half = new HD(Rational.of(1, 2));
  return total.mul(half);
}

export function oracleLoss(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational {
  return lossHD(X, Y, W, -1, -1).a;
}

export function oracleGradient(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational[] {
  const n = W.reduce((s, Wk) => s + Wk.data.length, 0);
  return Array.from({ length: n }, (_, i) => lossHD(X, Y, W, i, -1).b);
}

export function oracleHessian(X: Matrix<Rational>, Y: Matrix<Rational>, W: readonly Matrix<Rational>[]): Rational[][] {
  const n = W.reduce((s, Wk) => s + Wk.data.length, 0);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => lossHD(X, Y, W, i, j).d));
}
