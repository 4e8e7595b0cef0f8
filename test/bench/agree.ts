/**
 * Do dln and the reference give the same answer? Pure functions from the two processes' stdout to a verdict.
 * Symbolic answers are compared exactly (canonical polynomials, entries matched by (layer, row, col), not by
 * symbol spelling or position); float spectra within a relative tolerance; exact inertia and loss exactly.
 */
import { canonicalPolynomial, PolyError } from './poly.js';

export interface Agreement {
  readonly ok: boolean;
  readonly detail: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

class ShapeError extends Error {}

function parseJson(text: string, who: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new ShapeError(`${who} printed invalid JSON (${(e as Error).message.slice(0, 80)})`);
  }
}

/** Follows a path of keys/indices, failing with a message that names the missing field. */
function at(v: Json, path: readonly (string | number)[], who: string): Json {
  let cur: Json = v;
  for (const k of path) {
    const next: Json | undefined =
      typeof k === 'number'
        ? Array.isArray(cur) ? cur[k] : undefined
        : cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur[k] : undefined;
    if (next === undefined) throw new ShapeError(`${who} JSON has no ${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`);
    cur = next;
  }
  return cur;
}

function num(v: Json, what: string): number {
  // Exact mode prints rationals as strings ("5/2"); float mode prints numbers.
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:\s*\/\s*(\d+))?\s*$/i.exec(v);
    if (m) return Number(m[1]) / (m[2] ? Number(m[2]) : 1);
  }
  throw new ShapeError(`${what} is not a number: ${JSON.stringify(v).slice(0, 40)}`);
}

function guard(f: () => Agreement): Agreement {
  try {
    return f();
  } catch (e) {
    if (e instanceof ShapeError || e instanceof PolyError) return { ok: false, detail: e.message };
    throw e;
  }
}

interface Entries {
  /** parameter key "W<layer>[<row>,<col>]" in the side's own order */
  readonly keys: string[];
  readonly gradient: Map<string, string>;
  readonly hessian: Map<string, string>;
}

/** Reads `{ parameters, gradient, hessian }` and canonicalises every entry with names mapped to parameter keys. */
function readEntries(text: string, who: string): Entries {
  const root = parseJson(text, who);
  const params = at(root, ['parameters'], who);
  if (!Array.isArray(params)) throw new ShapeError(`${who} JSON: parameters is not an array`);
  const rename = new Map<string, string>();
  const keys = params.map((p, i) => {
    const name = at(p, ['name'], `${who} parameters[${i}]`);
    const key = `W${num(at(p, ['layer'], who), 'layer')}[${num(at(p, ['row'], who), 'row')},${num(at(p, ['col'], who), 'col')}]`;
    if (typeof name !== 'string') throw new ShapeError(`${who} JSON: parameters[${i}].name is not a string`);
    rename.set(name, key);
    return key;
  });
  const ren = (s: string) => rename.get(s) ?? s;
  const expr = (v: Json, where: string): string => {
    if (typeof v !== 'string') throw new ShapeError(`${who} JSON: ${where} is not a string`);
    return canonicalPolynomial(v, ren);
  };
  const grad = at(root, ['gradient'], who);
  const hess = at(root, ['hessian'], who);
  if (!Array.isArray(grad) || grad.length !== keys.length)
    throw new ShapeError(`${who} JSON: gradient should have ${keys.length} entries`);
  if (!Array.isArray(hess) || hess.length !== keys.length)
    throw new ShapeError(`${who} JSON: hessian should have ${keys.length} rows`);
  const gradient = new Map(keys.map((k, i) => [k, expr(grad[i]!, `gradient[${i}]`)]));
  const hessian = new Map<string, string>();
  hess.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== keys.length)
      throw new ShapeError(`${who} JSON: hessian[${i}] should have ${keys.length} entries`);
    row.forEach((v, j) => hessian.set(`${keys[i]}|${keys[j]}`, expr(v, `hessian[${i}][${j}]`)));
  });
  return { keys, gradient, hessian };
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** `dln derive --entries --hessian --format json` against a reference emitting the same shape. */
export function compareEntries(dlnText: string, refText: string): Agreement {
  return guard(() => {
    const a = readEntries(dlnText, 'dln');
    const b = readEntries(refText, 'reference');
    const missing = b.keys.filter((k) => !a.gradient.has(k));
    if (missing.length > 0 || a.keys.length !== b.keys.length)
      return { ok: false, detail: `parameter sets differ (${a.keys.length} vs ${b.keys.length}; e.g. ${missing[0] ?? a.keys.find((k) => !b.gradient.has(k))})` };
    let bad = 0;
    let first = '';
    const cmp = (what: string, x: string | undefined, y: string | undefined) => {
      if (x === y) return;
      if (bad++ === 0) first = `${what}: dln ${clip(x ?? '?')} vs ${clip(y ?? '?')}`;
    };
    for (const k of b.keys) cmp(`dL/d${k}`, a.gradient.get(k), b.gradient.get(k));
    for (const [k, v] of b.hessian) cmp(`d2L/d${k.replace('|', 'd')}`, a.hessian.get(k), v);
    const n = b.keys.length;
    return bad === 0
      ? { ok: true, detail: `equal: ${n} gradient + ${n * n} Hessian entries` }
      : { ok: false, detail: `${bad} of ${n + n * n} entries differ; first ${first}` };
  });
}

/** `dln check --float --json` (first point) against NumPy's {loss, lossStar, minEigenvalue, maxEigenvalue}. */
export function compareFloatCheck(dlnText: string, refText: string, relTol = 1e-6): Agreement {
  return guard(() => {
    const a = at(parseJson(dlnText, 'dln'), ['points', 0], 'dln');
    const b = parseJson(refText, 'reference');
    const pairs: [string, number, number][] = [
      ['λmin', num(at(a, ['hessian', 'minEigenvalue'], 'dln'), 'dln minEigenvalue'), num(at(b, ['minEigenvalue'], 'reference'), 'minEigenvalue')],
      ['λmax', num(at(a, ['hessian', 'maxEigenvalue'], 'dln'), 'dln maxEigenvalue'), num(at(b, ['maxEigenvalue'], 'reference'), 'maxEigenvalue')],
      ['L', num(at(a, ['loss'], 'dln'), 'dln loss'), num(at(b, ['loss'], 'reference'), 'loss')],
    ];
    // One scale for all: eigenvalues near zero are only meaningful relative to the spectrum's extent.
    const scale = Math.max(1, ...pairs.map(([, , y]) => Math.abs(y)));
    const worst = Math.max(...pairs.map(([, x, y]) => Math.abs(x - y) / scale));
    const text = pairs.map(([w, x, y]) => `${w} ${x.toPrecision(6)}/${y.toPrecision(6)}`).join(', ');
    return { ok: worst <= relTol, detail: `${text} (rel. diff ${worst.toExponential(1)}${worst <= relTol ? '' : ` > ${relTol}`})` };
  });
}

/** `dln check --json` (exact, first point) against SymPy's {loss, inertia}: both must match exactly. */
export function compareExactCheck(dlnText: string, refText: string): Agreement {
  return guard(() => {
    const a = at(parseJson(dlnText, 'dln'), ['points', 0], 'dln');
    const b = parseJson(refText, 'reference');
    const inertia = (v: Json, who: string) =>
      (['positive', 'negative', 'zero'] as const).map((k) => num(at(v, [k], who), `${who} inertia.${k}`));
    const ia = inertia(at(a, ['hessian', 'inertia'], 'dln'), 'dln');
    const ib = inertia(at(b, ['inertia'], 'reference'), 'reference');
    const la = at(a, ['loss'], 'dln');
    const lb = at(b, ['loss'], 'reference');
    const exactLoss = (v: Json, who: string) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw new ShapeError(`${who} loss is not a rational`);
      return canonicalPolynomial(String(v));
    };
    const sameInertia = ia.every((x, i) => x === ib[i]);
    const sameLoss = exactLoss(la, 'dln') === exactLoss(lb, 'reference');
    const fmt = (x: number[]) => `(+${x[0]}, −${x[1]}, 0:${x[2]})`;
    const detail = `inertia ${fmt(ia)}${sameInertia ? '' : ` vs ${fmt(ib)}`}, L ${String(la)}${sameLoss ? '' : ` vs ${String(lb)}`}`;
    return { ok: sameInertia && sameLoss, detail };
  });
}

/**
 * The walkthrough's final tally (walk_pty.py's JSON line) against `dln verify --json` of the same file: every
 * status must be counted the same.
 */
export function compareWalk(walkText: string, verifyText: string): Agreement {
  return guard(() => {
    const tally = at(parseJson(walkText, 'walk_pty'), ['tally'], 'walk_pty');
    if (tally === null || typeof tally !== 'object' || Array.isArray(tally)) throw new ShapeError('the walkthrough never showed every verdict');
    const steps = at(parseJson(verifyText, 'verify'), ['proofs', 0, 'steps'], 'verify');
    if (!Array.isArray(steps)) throw new ShapeError('verify JSON: steps is not a list');
    const counts: Record<string, number> = {};
    for (const s of steps) {
      const status = String(at(s, ['status'], 'verify'));
      counts[status] = (counts[status] ?? 0) + 1;
    }
    const names = [...new Set([...Object.keys(counts), ...Object.keys(tally)])].sort();
    const text = (c: Record<string, Json>) => names.map((n) => `${Number(c[n] ?? 0)} ${n}`).join(', ');
    const same = names.every((n) => Number(tally[n] ?? 0) === (counts[n] ?? 0));
    return { ok: same, detail: same ? text(counts) : `walk ${text(tally)} vs verify ${text(counts)}` };
  });
}
