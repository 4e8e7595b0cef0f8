import type { Num } from '../landscape/report.js';

/**
 * The certificate line's polynomial `L(W + tV) − L(W)` (coefficients t⁰ first, exact strings or floats, as
 * reports give them): printed for reading and sampled for the explorer's plot.
 */

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const power = (k: number) => (k === 1 ? '' : [...String(k)].map((d) => SUPERSCRIPT[Number(d)]).join(''));

/** A report number as float64 ("5/2" → 2.5). */
export function numValue(x: Num): number {
  if (typeof x === 'number') return x;
  const [p, q] = x.split('/');
  return q === undefined ? Number(p) : Number(p) / Number(q);
}

const isZero = (x: Num) => numValue(x) === 0;

/** `−8t³ + 5/2 t⁶`: non-zero terms, increasing powers, coefficient 1 left out. */
export function polynomialText(coeffs: readonly Num[], variable = 't'): string {
  const terms: string[] = [];
  coeffs.forEach((c, k) => {
    if (isZero(c)) return;
    const text = String(c);
    const negative = text.startsWith('-');
    const magnitude = negative ? text.slice(1) : text;
    const body = k === 0 ? magnitude : magnitude === '1' ? `${variable}${power(k)}` : `${magnitude} ${variable}${power(k)}`;
    terms.push(terms.length === 0 ? (negative ? `−${body}` : body) : `${negative ? '−' : '+'} ${body}`);
  });
  return terms.length === 0 ? '0' : terms.join(' ');
}

/**
 * `count` samples of the polynomial on `[−T, T]`, T (20 % widened) the largest t at which the lowest non-zero
 * term still outweighs every higher one: the certifying decrease near 0 stays visible instead of being
 * flattened by the top term.
 */
export function lineSamples(coeffs: readonly Num[], count = 81): { t: number; delta: number }[] {
  const c = coeffs.map(numValue);
  const lo = c.findIndex((x, k) => k > 0 && x !== 0);
  let balance = Infinity;
  if (lo > 0) for (let k = lo + 1; k < c.length; k++) if (c[k] !== 0) balance = Math.min(balance, (Math.abs(c[lo]!) / Math.abs(c[k]!)) ** (1 / (k - lo)));
  const span = Number.isFinite(balance) && balance > 0 ? 1.2 * balance : 1;
  return Array.from({ length: count }, (_, i) => {
    const t = -span + (2 * span * i) / (count - 1);
    return { t, delta: c.reduceRight((acc, x) => acc * t + x, 0) };
  });
}
