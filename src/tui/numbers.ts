/** Numbers as the terminal screens print them. */

/** A number's text with the Unicode minus sign (−) in place of the hyphen-minus, for everything read on screen. */
export const minus = (text: string): string => text.replace(/-/g, '−');

/**
 * A float for a chart label: at most 4 significant digits, no trailing zeros, exponent form when tiny or huge,
 * Unicode minus signs.
 */
export function formatNumber(x: number): string {
  if (x === 0 || Object.is(x, -0)) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return minus(x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e'));
  return minus(String(Number(x.toPrecision(4))));
}
