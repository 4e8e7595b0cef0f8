/**
 * Monomials as packed string keys: one UTF-16 code unit per variable factor, holding the variable's index,
 * sorted ascending and repeated for powers (x0²·x3 is "\u0000\u0000\u0003"; the constant monomial is "").
 *
 * Why strings: they hash natively in `Map`, work for any number of variables and any degree, and a product
 * of monomials over disjoint, ordered variable ranges — the common case in layered products W₃W₂W₁ — is a
 * plain concatenation. (Measured against a float64 packing of the same index lists; see the README.)
 */
export type MonoKey = string;

/** Largest number of variables a key can index. */
export const MAX_VARIABLES = 0xffff;

export function variableKey(index: number): MonoKey {
  if (!Number.isInteger(index) || index < 0 || index > MAX_VARIABLES) throw new RangeError(`variable index ${index}`);
  return String.fromCharCode(index);
}

/** The product of two monomials: merge the sorted factor lists. */
export function mulKeys(a: MonoKey, b: MonoKey): MonoKey {
  const la = a.length;
  const lb = b.length;
  if (la === 0) return b;
  if (lb === 0) return a;
  if (a.charCodeAt(la - 1) <= b.charCodeAt(0)) return a + b;
  if (b.charCodeAt(lb - 1) <= a.charCodeAt(0)) return b + a;
  let out = '';
  let i = 0;
  let j = 0;
  while (i < la && j < lb) {
    // Copy the longest run from one side before switching: fewer concatenations than char by char.
    const y = b.charCodeAt(j);
    let i2 = i;
    while (i2 < la && a.charCodeAt(i2) <= y) i2++;
    if (i2 > i) {
      out += a.slice(i, i2);
      i = i2;
      continue;
    }
    const x = a.charCodeAt(i);
    let j2 = j;
    while (j2 < lb && b.charCodeAt(j2) < x) j2++;
    out += b.slice(j, j2);
    j = j2;
  }
  return out + a.slice(i) + b.slice(j);
}

/**
 * Lexicographic order on exponent vectors, variable 0 most significant, largest first (SymPy's `lex`):
 * at the first differing factor the smaller variable index wins; a proper prefix comes after.
 */
export function compareLexDesc(a: MonoKey, b: MonoKey): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return b.length - a.length;
}

/** Exponents as [variable index, power] pairs, in variable order. */
export function factors(key: MonoKey): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < key.length; ) {
    const v = key.charCodeAt(i);
    let j = i + 1;
    while (j < key.length && key.charCodeAt(j) === v) j++;
    out.push([v, j - i]);
    i = j;
  }
  return out;
}

/** Power of variable `v` in the monomial and the position of its first factor (−1 when absent). */
export function powerOf(key: MonoKey, v: number): { at: number; power: number } {
  const at = key.indexOf(String.fromCharCode(v));
  if (at < 0) return { at, power: 0 };
  let j = at + 1;
  while (j < key.length && key.charCodeAt(j) === v) j++;
  return { at, power: j - at };
}
