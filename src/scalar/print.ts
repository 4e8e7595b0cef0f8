import { gcd } from '../linalg/index.js';
import { cneg, toBig } from './coef.js';
import { type MonoKey, factors } from './monomial.js';
import type { Poly } from './poly.js';

/**
 * Prints polynomials in term order (lex, largest first). Monomial strings are cached per printer: the same
 * monomials recur across the thousands of entries of a Hessian.
 */
abstract class PolyPrinter {
  private readonly monomials = new Map<MonoKey, string>();

  constructor(protected readonly names: readonly string[]) {}

  print(p: Poly): string {
    const n = p.keys.length;
    if (n === 0) return '0';
    // Parts joined once: a flat string (no rope for JSON.stringify to flatten later).
    const parts = new Array<string>(2 * n);
    for (let i = 0; i < n; i++) {
      const c = p.coefs[i]!;
      const negative = c < 0;
      parts[2 * i] = i === 0 ? (negative ? '-' : '') : negative ? ' - ' : ' + ';
      const key = p.keys[i]!;
      const mono = key === '' ? '' : this.monomial(key);
      let magnitude: string;
      if (p.den === 1n) {
        magnitude = String(negative ? cneg(c) : c);
      } else {
        let num = toBig(c);
        if (num < 0n) num = -num;
        const g = gcd(num, p.den);
        magnitude = p.den === g ? String(num / g) : this.fraction(String(num / g), String(p.den / g));
      }
      if (magnitude === '1' && mono !== '') {
        parts[2 * i + 1] = mono;
        continue;
      }
      parts[2 * i + 1] = mono === '' ? magnitude : this.scaled(magnitude, mono);
    }
    return parts.join('');
  }

  private monomial(key: MonoKey): string {
    let s = this.monomials.get(key);
    if (s === undefined) {
      s = this.factorsText(
        factors(key).map(([v, e]) => {
          const name = this.names[v];
          if (name === undefined) throw new RangeError(`no name for variable ${v}`);
          return [name, e] as const;
        }),
      );
      this.monomials.set(key, s);
    }
    return s;
  }

  protected abstract factorsText(f: readonly (readonly [string, number])[]): string;
  /** A positive fraction num/den in lowest terms, den > 1. */
  protected abstract fraction(num: string, den: string): string;
  /** A coefficient magnitude (not 1) times a non-constant monomial. */
  protected abstract scaled(magnitude: string, mono: string): string;
}

/** Plain infix with `*` and `^`, SymPy's layout: `-1/3*x^2*y + 5/2*y - 1`. */
export class InfixPrinter extends PolyPrinter {
  protected factorsText(f: readonly (readonly [string, number])[]): string {
    return f.map(([name, e]) => (e === 1 ? name : `${name}^${e}`)).join('*');
  }

  protected fraction(num: string, den: string): string {
    return `${num}/${den}`;
  }

  protected scaled(magnitude: string, mono: string): string {
    return `${magnitude}*${mono}`;
  }
}

/** LaTeX (KaTeX-compatible): `-\frac{1}{3} x^{2} y + \frac{5}{2} y - 1`; names are LaTeX fragments. */
export class LatexPrinter extends PolyPrinter {
  protected factorsText(f: readonly (readonly [string, number])[]): string {
    return f.map(([name, e]) => (e === 1 ? name : `${name}^{${e}}`)).join(' ');
  }

  protected fraction(num: string, den: string): string {
    return `\\frac{${num}}{${den}}`;
  }

  protected scaled(magnitude: string, mono: string): string {
    return `${magnitude} ${mono}`;
  }
}
