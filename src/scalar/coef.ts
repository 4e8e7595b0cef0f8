/**
 * Integer polynomial coefficients. A coefficient is a safe-integer `number` (the fast path: the entries of
 * DLN derivatives with small integer data stay far below 2^53) and a `bigint` only outside that range, so
 * every value has exactly one representation and `c === 0` is the zero test.
 */
export type Coef = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);

/** The canonical coefficient for a bigint. */
export function fromBig(b: bigint): Coef {
  return b <= MAX_BIG && b >= -MAX_BIG ? Number(b) : b;
}

export function toBig(a: Coef): bigint {
  return typeof a === 'bigint' ? a : BigInt(a);
}

export function cadd(a: Coef, b: Coef): Coef {
  if (typeof a === 'number' && typeof b === 'number') {
    // Exact whenever the rounded sum is in the safe range (a rounded sum beyond it means the exact one is too).
    const s = a + b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return fromBig(toBig(a) + toBig(b));
}

export function cmul(a: Coef, b: Coef): Coef {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (p <= MAX && p >= -MAX) return p === 0 ? 0 : p; // no −0
  }
  return fromBig(toBig(a) * toBig(b));
}

export function cneg(a: Coef): Coef {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : fromBig(-a);
}

/** Exact quotient; `b` must divide `a`. */
export function cdivExact(a: Coef, b: Coef): Coef {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  return fromBig(toBig(a) / toBig(b));
}

/** gcd of absolute values (gcd(0, 0) = 0). */
export function cgcd(a: Coef, b: Coef): Coef {
  if (typeof a === 'number' && typeof b === 'number') {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b !== 0) [a, b] = [b, a % b];
    return a;
  }
  let x = toBig(a);
  let y = toBig(b);
  if (x < 0n) x = -x;
  if (y < 0n) y = -y;
  while (y !== 0n) [x, y] = [y, x % y];
  return fromBig(x);
}
