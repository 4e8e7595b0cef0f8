import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/linalg/index.js';
import { cadd, cmul, fromBig } from '../../src/scalar/coef.js';
import { compareLexDesc, factors, mulKeys, variableKey } from '../../src/scalar/monomial.js';
import { Poly, PolySum } from '../../src/scalar/poly.js';
import { InfixPrinter, LatexPrinter } from '../../src/scalar/print.js';
import { withNerdamer } from '../../src/scalar/nerdamer.js';
import { lcg, randInt, randomRational } from './random.js';

const q = (x: number | string) => (typeof x === 'string' ? Rational.parse(x)! : Rational.fromInt(x));
const [x, y, z] = [Poly.variable(0), Poly.variable(1), Poly.variable(2)];
const infix = new InfixPrinter(['x', 'y', 'z']);
const show = (p: Poly) => infix.print(p);

/** A random polynomial in `nvars` variables: up to `terms` terms of degree ≤ 3, rational coefficients. */
function randomPoly(rnd: () => number, nvars: number, terms: number): Poly {
  let p = Poly.ZERO;
  for (let t = 0; t < terms; t++) {
    let m = Poly.constant(randomRational(rnd));
    for (let d = randInt(rnd, 0, 3); d > 0; d--) m = m.mul(Poly.variable(randInt(rnd, 0, nvars - 1)));
    p = p.add(m);
  }
  return p;
}

describe('coefficients: safe integers, bigint beyond', () => {
  it('switches to bigint exactly at the edge of the safe range and back', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(cadd(max - 1, 1)).toBe(max);
    expect(cadd(max, 1)).toBe(2n ** 53n);
    expect(cadd(2n ** 53n, -1)).toBe(max);
    expect(cmul(2 ** 26, 2 ** 26)).toBe(2 ** 52);
    expect(cmul(2 ** 27, 2 ** 26)).toBe(2n ** 53n);
    expect(cmul(-(2 ** 40), 3 * 2 ** 20)).toBe(-3n * 2n ** 60n);
    expect(fromBig(-(2n ** 53n) + 1n)).toBe(-max);
  });
});

describe('monomial keys', () => {
  it('multiply by adding exponent vectors, whatever the interleaving', () => {
    const rnd = lcg(3);
    for (let trial = 0; trial < 500; trial++) {
      const ea = Array.from({ length: 6 }, () => randInt(rnd, 0, 2));
      const eb = Array.from({ length: 6 }, () => randInt(rnd, 0, 2));
      const key = (e: number[]) => e.map((k, v) => variableKey(v).repeat(k)).join('');
      expect(factors(mulKeys(key(ea), key(eb)))).toEqual(
        ea.map((k, v) => [v, k + eb[v]!] as [number, number]).filter(([, k]) => k > 0),
      );
    }
  });

  it('order lexicographically, variable 0 most significant, largest first', () => {
    const rnd = lcg(5);
    const key = (e: number[]) => e.map((k, v) => variableKey(v).repeat(k)).join('');
    for (let trial = 0; trial < 500; trial++) {
      const ea = Array.from({ length: 4 }, () => randInt(rnd, 0, 2));
      const eb = Array.from({ length: 4 }, () => randInt(rnd, 0, 2));
      const v = ea.findIndex((k, i) => k !== eb[i]);
      const expected = v < 0 ? 0 : ea[v]! > eb[v]! ? -1 : 1;
      expect(Math.sign(compareLexDesc(key(ea), key(eb)))).toBe(expected);
    }
  });
});

describe('Poly arithmetic', () => {
  it('keeps a canonical form: cancelled terms vanish, equal polynomials are equal', () => {
    expect(x.add(y).sub(x).equals(y)).toBe(true);
    expect(x.sub(x).isZero()).toBe(true);
    expect(show(x.add(y).mul(x.sub(y)))).toBe('x^2 - y^2');
    expect(x.scale(q('1/2')).add(x.scale(q('1/2'))).equals(x)).toBe(true);
  });

  it('prints in SymPy lex layout (reference string from SymPy: -1/3*x**2*y + 5/2*y - 1)', () => {
    const p = x.mul(x).mul(y).scale(q('-1/3')).add(y.scale(q('5/2'))).sub(Poly.ONE);
    expect(show(p)).toBe('-1/3*x^2*y + 5/2*y - 1');
    expect(show(Poly.constant(q('-1/2')))).toBe('-1/2');
    expect(show(Poly.ZERO)).toBe('0');
    expect(show(y.sub(x))).toBe('-x + y');
    // a common denominator that cancels in some terms only
    expect(show(x.scale(q('1/2')).add(y))).toBe('1/2*x + y');
  });

  it('differentiates: ∂/∂x (x³y² + 2xy − z/3) = 3x²y² + 2y', () => {
    const p = x.mul(x).mul(x).mul(y).mul(y).add(x.mul(y).scale(q(2))).sub(z.scale(q('1/3')));
    expect(show(p.derivative(0))).toBe('3*x^2*y^2 + 2*y');
    expect(show(p.derivative(2))).toBe('-1/3');
    expect(p.derivative(2).derivative(2).isZero()).toBe(true);
  });

  it('keeps coefficients beyond 2^53 exact', () => {
    const big = x.scale(q(2 ** 40)).add(Poly.ONE);
    const sq = big.mul(big);
    expect(show(sq)).toBe(`${2n ** 80n}*x^2 + ${2n ** 41n}*x + 1`);
    expect(sq.coefficient(0).eq(Rational.of(2n ** 80n))).toBe(true);
    expect(show(sq.sub(big.mul(big)))).toBe('0');
  });

  it('sums products with different denominators: (x/2)(y/3) + xy/4 = 5/12 xy', () => {
    const s = new PolySum();
    s.addProduct(x.scale(q('1/2')), y.scale(q('1/3')));
    s.add(x.mul(y).scale(q('1/4')));
    expect(show(s.result())).toBe('5/12*x*y');
  });

  it('is a ring homomorphism under evaluation at random rational points', () => {
    const rnd = lcg(11);
    for (let trial = 0; trial < 60; trial++) {
      const p = randomPoly(rnd, 3, 5);
      const r = randomPoly(rnd, 3, 5);
      const v = [randomRational(rnd), randomRational(rnd), randomRational(rnd)];
      const c = randomRational(rnd);
      const [pv, rv] = [p.evaluate(v), r.evaluate(v)];
      expect(p.add(r).evaluate(v).eq(pv.add(rv))).toBe(true);
      expect(p.sub(r).evaluate(v).eq(pv.sub(rv))).toBe(true);
      expect(p.mul(r).evaluate(v).eq(pv.mul(rv))).toBe(true);
      expect(p.scale(c).evaluate(v).eq(pv.mul(c))).toBe(true);
    }
  });

  it('differentiates like nerdamer (an independent engine) on random polynomials', () => {
    const rnd = lcg(13);
    withNerdamer((n) => {
      for (let trial = 0; trial < 25; trial++) {
        const p = randomPoly(rnd, 3, 6);
        for (const [v, name] of ['x', 'y', 'z'].entries()) {
          const theirs = n.diff(show(p), name).toString();
          expect(n.expand(`(${show(p.derivative(v))})-(${theirs})`).toString()).toBe('0');
        }
      }
    });
  });
});

describe('LaTeX printing', () => {
  const tex = new LatexPrinter(['(W_{1})_{1,2}', 'X_{2,1}', 'Y_{10,3}']);
  const render = (s: string) => katex.renderToString(s, { throwOnError: true, strict: 'error' });

  it('writes fractions, powers and signs', () => {
    const p = x.mul(x).mul(y).scale(q('-1/3')).add(y.scale(q('5/2'))).sub(Poly.ONE).add(z.mul(z).mul(z));
    expect(tex.print(p)).toBe('-\\frac{1}{3} (W_{1})_{1,2}^{2} X_{2,1} + \\frac{5}{2} X_{2,1} + Y_{10,3}^{3} - 1');
  });

  it('renders with KaTeX (strict) for a representative set of polynomials', () => {
    const rnd = lcg(17);
    const samples = [Poly.ZERO, Poly.ONE, Poly.constant(q('-7/3')), x, x.mul(x).neg(), x.scale(Rational.of(2n ** 60n))];
    for (let i = 0; i < 30; i++) samples.push(randomPoly(rnd, 3, 6));
    for (const p of samples) expect(() => render(tex.print(p))).not.toThrow();
  });
});
