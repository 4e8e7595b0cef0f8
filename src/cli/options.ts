import { InputError } from '../errors.js';

/** An integer option within [min, max], or the default when absent. */
export function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw new InputError(`--${name}`, `expected an integer, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(`--${name}`, `expected an integer from ${min} to ${max}, got ${value}`);
  return n;
}
