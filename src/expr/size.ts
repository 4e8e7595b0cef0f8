import { InputError } from '../errors.js';
import { InstanceError } from './errors.js';
import { type Style, identifier, minus, textSubscript } from './names.js';
import { own } from './own.js';

/**
 * Integer size and index expressions (`H+1`, `d[k-1]`, `d[j]*d[j-1]`, `min(d[1], d[2])`) in a normal form:
 * a polynomial with integer coefficients in atoms (variables, width lookups `d[…]` whose index is itself normal,
 * and `min` of normal forms). Two sizes are symbolically equal iff their normal forms are identical; a non-zero
 * constant difference proves them different; anything else is decided only on a concrete instance.
 * Products appear because `kron` and `vec` multiply sizes.
 */
export type SizeAtom =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'dim'; readonly family: string; readonly index: Size }
  | { readonly kind: 'min'; readonly args: readonly Size[] };

interface Monomial {
  readonly coef: number;
  /** Sorted by key; repeated atoms are powers. Empty for the constant term. */
  readonly atoms: readonly SizeAtom[];
  readonly key: string;
}

/** Values of size variables (`H: 2`) and width families (`d: [3, 2, 2, 3]`, 0-based: `d[0]` is d₀). */
export type SizeBinding = Readonly<Record<string, number | readonly number[]>>;

export type SizeComparison = 'equal' | 'different' | 'unknown';

/** The width family: `d0`, `d1`, … are read as `d[0]`, `d[1]`, … so that `d0` and `d[k-1]` at k = 1 agree. */
export const WIDTHS = 'd';

function atomKey(a: SizeAtom): string {
  switch (a.kind) {
    case 'var':
      return a.name;
    case 'dim':
      return `${a.family}[${a.index.key}]`;
    case 'min':
      return `min(${a.args.map((s) => s.key).join(',')})`;
  }
}

/** A size whose integer arithmetic leaves the safe integers (|n| < 2⁵³): such a size is refused, never rounded. */
export class SizeOverflow extends RangeError {
  constructor(what: string) {
    super(`${what} is not an integer below 2^53`);
    this.name = 'SizeOverflow';
  }
}

/** Runs f, reporting size arithmetic past 2⁵³ (`I(4503599627370496*4)`) as bad input at `where`. */
export function sized<R>(where: string, f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof SizeOverflow) throw new InputError(where, e.message);
    throw e;
  }
}

function monomial(coef: number, atoms: readonly SizeAtom[]): Monomial {
  if (!Number.isSafeInteger(coef)) throw new SizeOverflow(`a size coefficient (${coef})`);
  const sorted = [...atoms].sort((x, y) => (atomKey(x) < atomKey(y) ? -1 : atomKey(x) > atomKey(y) ? 1 : 0));
  return { coef, atoms: sorted, key: sorted.map(atomKey).join('*') };
}

export class Size {
  /** Canonical text of the normal form: equal keys ⇔ symbolically equal sizes. */
  readonly key: string;

  private constructor(readonly terms: readonly Monomial[]) {
    this.key = terms.map((t) => `${t.coef}:${t.key}`).join('+') || '0';
  }

  private static of(terms: Iterable<Monomial>): Size {
    const byKey = new Map<string, Monomial>();
    for (const t of terms) {
      const prev = byKey.get(t.key);
      const coef = (prev?.coef ?? 0) + t.coef;
      if (!Number.isSafeInteger(coef)) throw new SizeOverflow(`a size coefficient (${coef})`);
      byKey.set(t.key, { ...t, coef });
    }
    const kept = [...byKey.values()].filter((t) => t.coef !== 0);
    kept.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return new Size(kept);
  }

  static int(n: number): Size {
    if (!Number.isSafeInteger(n)) throw new SizeOverflow(`the size ${n}`);
    return Size.of([monomial(n, [])]);
  }

  static var(name: string): Size {
    const m = new RegExp(`^${WIDTHS}(\\d+)$`).exec(name);
    if (m) return Size.dim(WIDTHS, Size.int(Number(m[1])));
    return Size.of([monomial(1, [{ kind: 'var', name }])]);
  }

  static dim(family: string, index: Size): Size {
    return Size.of([monomial(1, [{ kind: 'dim', family, index }])]);
  }

  /** min with the obvious simplifications: nested mins flattened, constants folded, `min(k, k+1) = k`. */
  static min(...args: Size[]): Size {
    const flat: Size[] = [];
    for (const a of args) {
      const t = a.terms[0];
      if (a.terms.length === 1 && t!.coef === 1 && t!.atoms.length === 1 && t!.atoms[0]!.kind === 'min')
        flat.push(...t!.atoms[0]!.args);
      else flat.push(a);
    }
    if (flat.length === 0) throw new RangeError('min of nothing');
    const kept: Size[] = [];
    for (const a of flat) {
      let dominated = false;
      for (let i = 0; i < kept.length; i++) {
        const d = a.sub(kept[i]!).constant();
        if (d === undefined) continue;
        if (d < 0) kept[i] = a;
        dominated = true;
        break;
      }
      if (!dominated) kept.push(a);
    }
    if (kept.length === 1) return kept[0]!;
    kept.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return Size.of([monomial(1, [{ kind: 'min', args: kept }])]);
  }

  add(b: Size | number): Size {
    return Size.of([...this.terms, ...toSize(b).terms]);
  }
  sub(b: Size | number): Size {
    return this.add(toSize(b).neg());
  }
  neg(): Size {
    return Size.of(this.terms.map((t) => ({ ...t, coef: -t.coef })));
  }
  mul(b: Size | number): Size {
    const out: Monomial[] = [];
    for (const s of this.terms) for (const t of toSize(b).terms) out.push(monomial(s.coef * t.coef, [...s.atoms, ...t.atoms]));
    return Size.of(out);
  }

  /** The integer value when the expression has no symbols. */
  constant(): number | undefined {
    if (this.terms.length === 0) return 0;
    return this.terms.length === 1 && this.terms[0]!.atoms.length === 0 ? this.terms[0]!.coef : undefined;
  }

  equals(b: Size): boolean {
    return this.key === b.key;
  }

  /** Symbolic comparison: equal normal forms, or a non-zero constant difference; otherwise undecided. */
  compare(b: Size): SizeComparison {
    const d = this.sub(b);
    if (d.terms.length === 0) return 'equal';
    return d.constant() === undefined ? 'unknown' : 'different';
  }

  /** Variable names occurring anywhere (including inside `d[…]` and `min`), plus width families used. */
  freeVars(into: Set<string> = new Set()): Set<string> {
    for (const t of this.terms)
      for (const a of t.atoms) {
        if (a.kind === 'var') into.add(a.name);
        else if (a.kind === 'dim') {
          into.add(a.family);
          a.index.freeVars(into);
        } else a.args.forEach((s) => s.freeVars(into));
      }
    return into;
  }

  /**
   * The atoms (variables and width lookups) this size is a polynomial in, each with its degree; undefined when the
   * size is not a polynomial in them (it contains `min`).
   */
  atomDegrees(): Map<string, { atom: SizeAtom; degree: number }> | undefined {
    const out = new Map<string, { atom: SizeAtom; degree: number }>();
    for (const t of this.terms) {
      const count = new Map<string, { atom: SizeAtom; degree: number }>();
      for (const a of t.atoms) {
        if (a.kind === 'min') return undefined;
        const k = atomKey(a);
        count.set(k, { atom: a, degree: (count.get(k)?.degree ?? 0) + 1 });
      }
      for (const [k, v] of count) if ((out.get(k)?.degree ?? 0) < v.degree) out.set(k, v);
    }
    return out;
  }

  /** Replaces variables by sizes (e.g. `k ↦ H+1`), renormalising. */
  substitute(map: Readonly<Record<string, Size>>): Size {
    let out = Size.int(0);
    for (const t of this.terms) {
      let term = Size.int(t.coef);
      for (const a of t.atoms) {
        const s =
          a.kind === 'var'
            ? (own(map, a.name) ?? Size.var(a.name))
            : a.kind === 'dim'
              ? Size.dim(a.family, a.index.substitute(map))
              : Size.min(...a.args.map((x) => x.substitute(map)));
        term = term.mul(s);
      }
      out = out.add(term);
    }
    return out;
  }

  evaluate(binding: SizeBinding): number {
    let total = 0;
    for (const t of this.terms) {
      let v = t.coef;
      for (const a of t.atoms) v *= evaluateAtom(a, binding);
      total += v;
    }
    if (!Number.isSafeInteger(total)) throw new InstanceError(`${this.toString()} = ${total} is not an integer below 2^53 on this instance`);
    return total;
  }

  toString(style: Style = 'source'): string {
    return printSize(this, style);
  }
}

function toSize(b: Size | number): Size {
  return typeof b === 'number' ? Size.int(b) : b;
}

function evaluateAtom(a: SizeAtom, binding: SizeBinding): number {
  switch (a.kind) {
    case 'var': {
      const v = own(binding, a.name);
      if (typeof v !== 'number') throw new InstanceError(`size ${a.name} is not bound`);
      return v;
    }
    case 'dim': {
      const list = own(binding, a.family);
      if (!Array.isArray(list)) throw new InstanceError(`width family ${a.family} is not bound`);
      const i = a.index.evaluate(binding);
      const v = (list as readonly number[])[i];
      if (v === undefined)
        throw new InstanceError(`${a.family}[${a.index.toString()}] = ${a.family}[${i}] is out of range 0..${list.length - 1}`);
      return v;
    }
    case 'min':
      return Math.min(...a.args.map((s) => s.evaluate(binding)));
  }
}

function printAtom(a: SizeAtom, style: Style): string {
  switch (a.kind) {
    case 'var':
      return identifier(a.name, style);
    case 'dim': {
      const idx = a.index.constant();
      if (style === 'source') return idx !== undefined && idx >= 0 ? `${a.family}${idx}` : `${a.family}[${printSize(a.index, style)}]`;
      const inner = printSize(a.index, style);
      return identifier(a.family, style) + (style === 'latex' ? `_{${inner}}` : textSubscript(inner));
    }
    case 'min': {
      const args = a.args.map((s) => printSize(s, style)).join(', ');
      return style === 'latex' ? `\\min(${args})` : `min(${args})`;
    }
  }
}

function printMonomialBody(t: Monomial, style: Style): string {
  return t.atoms.map((a) => printAtom(a, style)).join(style === 'latex' ? ' ' : style === 'text' ? '·' : '*');
}

/** Positive terms first, then negative ones, then the constant: `k - j - 1`, `H + 1`. */
function printSize(s: Size, style: Style): string {
  if (s.terms.length === 0) return '0';
  const variable = s.terms.filter((t) => t.atoms.length > 0);
  const constant = s.terms.filter((t) => t.atoms.length === 0);
  const ordered = [...variable.filter((t) => t.coef > 0), ...variable.filter((t) => t.coef < 0), ...constant];
  const times = style === 'latex' ? ' ' : style === 'text' ? '·' : '*';
  let out = '';
  ordered.forEach((t, i) => {
    const abs = Math.abs(t.coef);
    const body = t.atoms.length === 0 ? String(abs) : abs === 1 ? printMonomialBody(t, style) : `${abs}${times}${printMonomialBody(t, style)}`;
    if (i === 0) out = t.coef < 0 ? minus(style) + body : body;
    else out += (t.coef < 0 ? minus(style) : '+') + body;
  });
  return out;
}
