import { Rational } from '../linalg/rational.js';
import type { Expr } from './ast.js';
import { Size } from './size.js';

/** Structural equality of IR nodes (sizes by normal form, constants by value). */
export function exprEquals(a: Expr, b: Expr): boolean {
  return same(a, b);
}

function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x instanceof Size || y instanceof Size) return x instanceof Size && y instanceof Size && x.equals(y);
  if (x instanceof Rational || y instanceof Rational) return x instanceof Rational && y instanceof Rational && x.eq(y);
  if (Array.isArray(x) || Array.isArray(y)) {
    return Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => same(v, y[i]));
  }
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  return kx.length === ky.length && kx.every((k) => same((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}
