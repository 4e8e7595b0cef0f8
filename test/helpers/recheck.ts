/**
 * An independent re-checker of dln's certificates, sharing no code with src/: its own BigInt fractions, its
 * own polynomials in t, the loss expanded entry by entry. It reads what `dln check --json` prints (rationals as
 * "p/q" strings, matrices as rows) and the network's X, Y, W, and says what does not hold.
 */

type Q = { n: bigint; d: bigint };
type Poly = Q[]; // coefficient i of t^i
type Rows = (string | number)[][];

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function q(n: bigint, d = 1n): Q {
  if (d === 0n) throw new Error('zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const ZERO = q(0n);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const neg = (a: Q) => q(-a.n, a.d);
const eq = (a: Q, b: Q) => a.n === b.n && a.d === b.d;
const show = (a: Q) => (a.d === 1n ? `${a.n}` : `${a.n}/${a.d}`);

/** "p/q", an integer or a decimal string or number, read exactly. */
export function parseQ(x: string | number): Q {
  const s = String(x).trim();
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(s);
  if (frac) return q(BigInt(frac[1]!), BigInt(frac[2]!));
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!dec) throw new Error(`not a number: ${s}`);
  const digits = BigInt((dec[2] || '0') + (dec[3] ?? ''));
  let exp = Number(dec[4] ?? 0) - (dec[3]?.length ?? 0);
  let n = dec[1] === '-' ? -digits : digits, d = 1n;
  if (exp >= 0) n *= 10n ** BigInt(exp);
  else d = 10n ** BigInt(-exp);
  return q(n, d);
}

const padd = (a: Poly, b: Poly): Poly => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => add(a[i] ?? ZERO, b[i] ?? ZERO));
function pmul(a: Poly, b: Poly): Poly {
  const out: Poly = new Array(Math.max(0, a.length + b.length - 1)).fill(ZERO);
  a.forEach((x, i) => {
    if (x.n === 0n) return;
    b.forEach((y, j) => (out[i + j] = add(out[i + j]!, mul(x, y))));
  });
  return out;
}
const trim = (p: Poly): Poly => {
  const out = [...p];
  while (out.length > 1 && out[out.length - 1]!.n === 0n) out.pop();
  return out;
};

/** A matrix of polynomials: rows × cols. */
type PM = Poly[][];
function pmatmul(A: PM, B: PM): PM {
  return A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => padd(s, pmul(a, B[k]![j]!)), [ZERO] as Poly)));
}

/** L(γ(t)) − L(W) for γ(t) = W + Σ_i t^i V_i, expanded entry by entry (½‖γ_{H+1}(t)⋯γ_1(t) X − Y‖²). */
export function lossPolynomial(X: Rows, Y: Rows, W: Rows[], curve: Rows[][]): Poly {
  const layers: PM[] = W.map((Wk, k) =>
    Wk.map((row, a) => row.map((w, b) => [parseQ(w), ...curve.map((Vi) => parseQ(Vi[k]![a]![b]!))])),
  );
  const constant = (M: Rows): PM => M.map((row) => row.map((x) => [parseQ(x)]));
  let P = pmatmul(layers[0]!, constant(X));
  for (const G of layers.slice(1)) P = pmatmul(G, P);
  let total: Poly = [ZERO];
  P.forEach((row, a) =>
    row.forEach((e, s) => {
      const r = padd(e, [neg(parseQ(Y[a]![s]!))]);
      total = padd(total, pmul(r, r));
    }),
  );
  const half = total.map((c) => mul(c, q(1n, 2n)));
  half[0] = ZERO; // L(W) cancels
  return trim(half);
}

/** The lowest non-zero term of a polynomial (beyond t⁰). */
function lowest(p: Poly): { order: number; coefficient: Q } | undefined {
  for (let i = 1; i < p.length; i++) if (p[i]!.n !== 0n) return { order: i, coefficient: p[i]! };
  return undefined;
}

export interface CertificateJson {
  kind: string;
  direction?: Rows[];
  curve?: Rows[][];
  polynomial?: (string | number)[];
  order?: number;
  coefficient?: string | number;
  towards?: number;
  curvature?: string | number;
  rising?: { direction: Rows[]; polynomial: (string | number)[] };
}

/**
 * Re-checks one certificate at the point W of the network (X, Y): the problems found (empty when it holds).
 * Escapes (decreasing line or curve): the stated polynomial is L(γ(t)) − L(W), and its lowest term is odd, or even
 * and negative, with `order`, `coefficient` and `towards` as stated. Negative curvature: t¹ vanishes and the t²
 * coefficient is half the stated curvature, which is negative; a rising line's lowest term is even and positive.
 */
export function recheck(X: Rows, Y: Rows, W: Rows[], c: CertificateJson): string[] {
  const problems: string[] = [];
  const samePolynomial = (curve: Rows[][], stated: (string | number)[] | undefined, what: string): Poly => {
    const p = lossPolynomial(X, Y, W, curve);
    if (stated) {
      const s = trim(stated.map(parseQ));
      if (s.length !== p.length || s.some((x, i) => !eq(x, p[i]!)))
        problems.push(`${what}: stated polynomial [${s.map(show)}] but L(γ(t)) − L(W) = [${p.map(show)}]`);
    }
    return p;
  };
  if (c.kind === 'decreasing-line' || c.kind === 'decreasing-curve') {
    const curve = c.kind === 'decreasing-line' ? [c.direction!] : c.curve!;
    const low = lowest(samePolynomial(curve, c.polynomial, c.kind));
    if (!low) return [...problems, `${c.kind}: the loss is constant along it`];
    const falls = low.order % 2 === 1 || low.coefficient.n < 0n;
    if (!falls) problems.push(`${c.kind}: lowest term ${show(low.coefficient)}·t^${low.order} does not decrease`);
    if (c.order !== low.order || !eq(parseQ(c.coefficient!), low.coefficient)) problems.push(`${c.kind}: stated lowest term differs`);
    const towards = low.order % 2 === 1 ? (low.coefficient.n > 0n ? -1 : 1) : 1;
    if (falls && c.towards !== towards) problems.push(`${c.kind}: stated towards ${c.towards}, expected ${towards}`);
  } else if (c.kind === 'negative-curvature') {
    const p = samePolynomial([c.direction!], c.polynomial, 'negative-curvature');
    if ((p[1] ?? ZERO).n !== 0n) problems.push('negative-curvature: the t¹ coefficient is not zero');
    const curvature = parseQ(c.curvature!);
    if (curvature.n >= 0n) problems.push('negative-curvature: the stated curvature is not negative');
    if (!eq(p[2] ?? ZERO, mul(curvature, q(1n, 2n)))) problems.push('negative-curvature: t² coefficient ≠ ½ curvature');
    if (c.rising) {
      const low = lowest(samePolynomial([c.rising.direction], c.rising.polynomial, 'rising line'));
      if (!low || low.order % 2 === 1 || low.coefficient.n <= 0n) problems.push('rising line: the loss does not rise along it');
    }
  }
  return problems;
}
