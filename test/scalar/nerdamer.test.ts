import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { Rational, build, type Matrix } from '../../src/linalg/index.js';
import { EntrywiseDerivation, type EntrywiseData } from '../../src/scalar/entries.js';
import { parameters } from '../../src/scalar/names.js';
import { loadNerdamer, scalarIdentity, withNerdamer } from '../../src/scalar/nerdamer.js';
import { parsePolynomial } from '../../src/scalar/parse.js';
import { InfixPrinter, LatexPrinter } from '../../src/scalar/print.js';
import { lcg, randomMatrix } from './random.js';

describe('symbol names', () => {
  // multi-digit layers, rows, columns and samples: w1r10c12, xr12c11, …
  const all = new EntrywiseDerivation([12, 10, 1, 1, 1, 1, 1, 1, 1, 1, 3], { kind: 'symbolic', samples: 11 }).variables.names;

  it('follow the team order: (W_k)_{ab} is parameter offset_k + (a−1)·d_{k−1} + b', () => {
    const ps = parameters([3, 2, 4]);
    expect(ps.length).toBe(3 * 2 + 2 * 4);
    expect(ps[3 * 2 + (2 - 1) * 2 + 1 - 1]).toEqual({ name: 'w2r2c1', layer: 2, row: 2, col: 1 });
    expect(ps[(2 - 1) * 3 + 3 - 1]).toEqual({ name: 'w1r2c3', layer: 1, row: 2, col: 3 });
  });

  it('cover weights of two-digit layers and data of two-digit samples', () => {
    expect(all).toContain('w10r3c1');
    expect(all).toContain('w1r10c12');
    expect(all).toContain('xr12c11');
    expect(all).toContain('yr3c11');
  });

  it('are distinct and each is a single nerdamer symbol that differentiates to 1', () => {
    expect(new Set(all).size).toBe(all.length);
    withNerdamer((n) => {
      for (const name of all) {
        expect(n(name).variables()).toEqual([name]);
        expect(n.diff(name, name).toString()).toBe('1');
      }
      // products of names stay products of exactly those symbols
      expect(n('w10r11c12*xr1c1*yr3c11').variables().sort()).toEqual(['w10r11c12', 'xr1c1', 'yr3c11']);
    });
  });

  it('clear nerdamer’s expression history after use', () => {
    withNerdamer((n) => n('w1r1c1 + 1'));
    expect(Object.keys(loadNerdamer().expressions())).toHaveLength(0);
  });
});

describe('scalarIdentity', () => {
  it('decides polynomial identities exactly with the polynomial core', () => {
    expect(scalarIdentity('(a+b)^2', 'a^2 + 2*a*b + b^2')).toEqual({ holds: true, difference: '0', refuted: false, engine: 'polynomial' });
    expect(scalarIdentity('1/2*(w1r1c1*x - y)^2', '1/2*w1r1c1^2*x^2 - w1r1c1*x*y + 1/2*y^2').holds).toBe(true);
    // L(t,t,t) of the scalar chain (docs/mathematics.md §6)
    expect(scalarIdentity('1/2*((t*t*t*1 - 2)^2 + (t*t*t*2 - 3)^2)', '5*t^6/2 - 8*t^3 + 13/2').holds).toBe(true);
    const r = scalarIdentity('(a+b)^2', 'a^2 + b^2');
    expect(r).toEqual({ holds: false, difference: '2*a*b', refuted: true, engine: 'polynomial' });
    // far beyond what nerdamer expands within its time limit
    expect(scalarIdentity('(a+b+c+d)^8', '((a+b+c+d)^4)*((a+b+c+d)^2)^2').holds).toBe(true);
  });

  it('hands non-polynomial text to nerdamer, which expands and then simplifies', () => {
    expect(scalarIdentity('sqrt(x)^2', 'x')).toMatchObject({ holds: true, engine: 'nerdamer' });
    expect(scalarIdentity('x/(x+1) + 1/(x+1)', '1')).toMatchObject({ holds: true, engine: 'nerdamer' });
    const r = scalarIdentity('sqrt(x^2)', 'x');
    expect(r).toMatchObject({ holds: false, refuted: false, engine: 'nerdamer' });
    expect(r.difference).toMatch(/abs\(x\)/);
    // nerdamer's constants are not polynomial variables: i^2 = -1 is nerdamer's call
    expect(scalarIdentity('i^2', '-1')).toMatchObject({ holds: true, engine: 'nerdamer' });
  });

  it('refuses assignments and unparseable text with an InputError naming the expression', () => {
    expect(() => scalarIdentity('f(x):=x^2', '1')).toThrow(InputError);
    expect(() => scalarIdentity('a=b', 'a')).toThrow(/may use only/);
    expect(() => scalarIdentity('a +', 'a')).toThrow(/cannot parse/);
    expect(() => scalarIdentity('', 'a')).toThrow(/empty/);
  });
});

describe('parsePolynomial', () => {
  const parse = (text: string) => {
    const names: string[] = [];
    const p = parsePolynomial(text, (n) => (names.includes(n) ? names.indexOf(n) : names.push(n) - 1));
    return p && new InfixPrinter(names).print(p);
  };

  it('reads numbers exactly and follows the usual precedence', () => {
    expect(parse('0.1*x + 1.5e-1')).toBe('1/10*x + 3/20');
    expect(parse('-x^2')).toBe('-x^2');
    expect(parse('2^3^2')).toBe('512');
    expect(parse('a/2/3 - (b - a)')).toBe('7/6*a - b');
    expect(parse('(w1r1c1 + xr1c1)^2')).toBe('w1r1c1^2 + 2*w1r1c1*xr1c1 + xr1c1^2');
  });

  it('declines text outside the polynomial fragment', () => {
    for (const text of ['x/y', 'x^-1', 'x^(1/2)', 'x^y', 'sqrt(x)', 'pi*x', 'e', '2x', 'x**2', '(x', 'x)', '1/0', '$'])
      expect(parse(text), text).toBeUndefined();
  });
});

/**
 * L written out unexpanded, straight from the definition: ½ Σ_{a,s} (Σ_paths w…w·X_{bs} − Y_{as})². Built
 * from the widths alone, so nerdamer's derivatives of it are independent of our polynomial engine.
 */
function lossText(widths: number[], x: (b: number, s: number) => string, y: (a: number, s: number) => string, m: number): string {
  const depth = widths.length - 1;
  const product = (a: number, k: number): string[] => {
    // all paths into row a of W_k ⋯ W_1, as products ending at an input index b
    if (k === 0) return [`#${a}`];
    const out: string[] = [];
    for (let c = 1; c <= widths[k - 1]!; c++) for (const rest of product(c, k - 1)) out.push(`w${k}r${a}c${c}*${rest}`);
    return out;
  };
  const squares: string[] = [];
  for (let a = 1; a <= widths[depth]!; a++)
    for (let s = 1; s <= m; s++) {
      const paths = product(a, depth).map((p) => p.replace(/#(\d+)/, (_, b) => `(${x(Number(b), s)})`));
      squares.push(`(${paths.join('+')}-(${y(a, s)}))^2`);
    }
  return `(1/2)*(${squares.join('+')})`;
}

describe('cross-check with nerdamer: diff of the unexpanded loss equals our entries', () => {
  const rnd = lcg(99);
  const numeric = (widths: number[], m: number): [EntrywiseData, (b: number, s: number) => string, (a: number, s: number) => string] => {
    const X: Matrix<Rational> = randomMatrix(widths[0]!, m, rnd);
    const Y: Matrix<Rational> = randomMatrix(widths[widths.length - 1]!, m, rnd);
    return [{ kind: 'numeric', X, Y }, (b, s) => String(X.data[(b - 1) * m + s - 1]), (a, s) => String(Y.data[(a - 1) * m + s - 1])];
  };
  const cases: [string, number[], number, ReturnType<typeof numeric>][] = [
    ['numeric [2,1,2]', [2, 1, 2], 2, numeric([2, 1, 2], 2)],
    ['numeric [1,2,1,1]', [1, 2, 1, 1], 2, numeric([1, 2, 1, 1], 2)],
    ['numeric [2,2]', [2, 2], 3, numeric([2, 2], 3)],
    ['symbolic [1,2,1]', [1, 2, 1], 2, [{ kind: 'symbolic', samples: 2 }, (b, s) => `xr${b}c${s}`, (a, s) => `yr${a}c${s}`]],
  ];
  for (const [label, widths, m, [data, x, y]] of cases) {
    it(label, () => {
      const d = new EntrywiseDerivation(widths, data);
      const pr = new InfixPrinter(d.variables.names);
      const names = d.parameters.map((p) => p.name);
      const g = d.gradient();
      const H = d.hessian();
      withNerdamer((n) => {
        const L = lossText(widths, x, y, m);
        expect(n.expand(`(${L})-(${pr.print(d.loss())})`).toString()).toBe('0');
        names.forEach((vi, i) => {
          const gi = n.diff(L, vi).toString();
          expect(n.expand(`(${pr.print(g[i]!)})-(${gi})`).toString()).toBe('0');
          names.forEach((vj, j) => {
            if (j < i) return;
            expect(n.expand(`(${pr.print(H[i]![j]!)})-(${n.diff(gi, vj).toString()})`).toString()).toBe('0');
          });
        });
      });
    });
  }
});

describe('LaTeX of real derivatives renders with KaTeX (strict)', () => {
  it('for numeric and symbolic data', () => {
    const X = build(2, 2, (i, j) => Rational.of(i + 2 * j - 1, j + 2));
    for (const d of [
      new EntrywiseDerivation([2, 2, 1], { kind: 'numeric', X, Y: build(1, 2, (_, j) => Rational.of(3 - j, 2)) }),
      new EntrywiseDerivation([2, 1, 2], { kind: 'symbolic', samples: 2 }),
    ]) {
      const pr = new LatexPrinter(d.variables.latex);
      const all = [d.loss(), ...d.gradient(), ...d.hessian().flat()];
      for (const p of all) expect(() => katex.renderToString(pr.print(p), { throwOnError: true, strict: 'error' })).not.toThrow();
    }
  });
});
