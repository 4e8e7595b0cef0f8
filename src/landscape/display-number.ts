import type { Rational } from '../linalg/index.js';
import type { Num } from './report.js';

/**
 * Values shown in reports at any legal size of the entries (up to 4096 bits, so beyond float64's range): a
 * number when float64 holds it faithfully, else a decimal string "−1.234568e+2466". Never Infinity, never a
 * non-zero value shown as 0.
 */
const LIMIT = 2 ** 1000;

/** x · 2^e as a display value (x finite). */
export function displayScaled(x: number, e: number): Num {
  if (x === 0) return 0;
  const v = x * 2 ** e;
  if (Number.isFinite(v) && Math.abs(v) < LIMIT && Math.abs(v) > 1 / LIMIT) return v;
  const log10 = Math.log10(Math.abs(x)) + e * Math.LOG10E * Math.LN2;
  let exp = Math.floor(log10);
  let mant = 10 ** (log10 - exp);
  if (Number(mant.toFixed(6)) >= 10) (mant /= 10), exp++;
  return `${x < 0 ? '-' : ''}${mant.toFixed(6)}e${exp >= 0 ? '+' : ''}${exp}`;
}

/** An exact rational as a display value. */
export function displayRational(q: Rational): Num {
  if (q.isZero()) return 0;
  const n = q.num < 0n ? -q.num : q.num;
  const sn = Math.max(n.toString(2).length - 64, 0), sd = Math.max(q.den.toString(2).length - 64, 0);
  const x = Number(n >> BigInt(sn)) / Number(q.den >> BigInt(sd));
  return displayScaled(q.sign() * x, sn - sd);
}

/** A rational for a sentence: exact when short, else "≈ 1.234568e+300". */
export function shortRational(q: Rational): string {
  const s = q.toString();
  return s.length <= 24 ? s : `≈ ${displayRational(q)}`;
}
