import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import { FILE_LIMITS, readInputFile } from '../files.js';
import { controlCharacter } from '../text.js';
import { Rational, type Matrix } from '../linalg/index.js';
import { DataFileError, readDataFile } from './data-files.js';
import { JsonSyntaxError, parseJsonExact, type JsonValue } from './json-exact.js';
import { readModel, type NonlinearModel } from './nonlinear/model.js';

/** Classification labels (docs/network-files.md), stable: used in `expect` and in JSON reports. */
export const LABELS = [
  'not-critical',
  'global-min',
  'strict-saddle',
  'bad-saddle',
  'local-min',
  'local-max',
  'undetermined',
] as const;
export type Label = (typeof LABELS)[number];

export interface CandidatePoint {
  readonly name: string;
  /** W[k-1] is W_k, of shape d_k × d_{k-1}. */
  readonly W: Matrix<Rational>[];
  readonly expect?: Label;
}

/** A network file: widths [d_0 … d_{H+1}], data X (d_0×m) and Y (d_{H+1}×m), candidate points. */
export interface NetworkSpec {
  readonly name: string;
  readonly widths: number[];
  readonly X: Matrix<Rational>;
  readonly Y: Matrix<Rational>;
  readonly points: CandidatePoint[];
  /** The nonlinear model of Section 3 (`dln nonlinear`), when the file declares one. */
  readonly model?: NonlinearModel;
}

/**
 * Limits on what a network file may hold (the file is rejected with exit 2 beyond them). They keep a typo
 * from asking for gigabytes; the Hessian has its own, smaller limits where it is built.
 */
export const NETWORK_LIMITS = {
  /** At most this many weight matrices (H + 1). */
  maxLayers: 16,
  maxWidth: 1024,
  maxSamples: 10_000,
  maxPoints: 1000,
  /** Bits in the numerator or denominator of one entry. */
  maxEntryBits: 4096,
};

const TOP_KEYS = new Set(['name', 'description', 'widths', 'X', 'Y', 'points', 'model']);
const POINT_KEYS = new Set(['name', 'description', 'W', 'expect']);

/** Reads and validates a network file; every problem is an InputError naming the file and JSON path. */
export function loadNetwork(path: string): NetworkSpec {
  return parseNetwork(readInputFile(path, FILE_LIMITS.maxNetworkBytes), path);
}

/** Parses network JSON text; `source` names the file in error messages. */
export function parseNetwork(text: string, source: string): NetworkSpec {
  let root: JsonValue;
  try {
    root = parseJsonExact(text.replace(/^\uFEFF/, '')); // a byte-order mark, as YAML files may have
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(`${source}: line ${e.line} column ${e.column}`, `invalid JSON: ${e.message.replace(/^line \d+ column \d+: /, '')}`);
    throw e;
  }
  const err = (path: string, message: string): never => {
    throw new InputError(path ? `${source}: ${path}` : source, message);
  };

  const top = asObject(root, '', 'the network object { "name", "widths", "X", "Y", "points" }', err);
  for (const k of top.keys()) if (!TOP_KEYS.has(k)) err(k, `unknown key (expected one of ${[...TOP_KEYS].join(', ')})`);

  const nameV = top.get('name');
  const name = nameV === undefined ? source : asString(nameV, 'name', err);
  const descV = top.get('description');
  if (descV !== undefined) asString(descV, 'description', err);

  const widths = readWidths(top.get('widths'), err);
  const H1 = widths.length - 1;

  const data = (v: JsonValue, key: string) => (v.kind === 'string' ? readDataMatrix(v.value, source, key, err) : readMatrix(v, key, err));
  const X = data(required(top, 'X', 'the input data matrix (d_0 rows, one column per sample), or a .csv/.npy file', err), 'X');
  const Y = data(required(top, 'Y', 'the target data matrix (d_{H+1} rows, one column per sample), or a .csv/.npy file', err), 'Y');
  if (X.rows !== widths[0]) err('X', `has ${X.rows} rows, expected d_0 = widths[0] = ${widths[0]}`);
  if (Y.rows !== widths[H1]) err('Y', `has ${Y.rows} rows, expected d_${H1} = widths[${H1}] = ${widths[H1]}`);
  if (X.cols !== Y.cols) err('Y', `has ${Y.cols} columns (samples) but X has ${X.cols}`);
  if (X.cols > NETWORK_LIMITS.maxSamples) err('X', `has ${X.cols} samples, more than the limit ${NETWORK_LIMITS.maxSamples}`);

  const points: CandidatePoint[] = [];
  const pointsV = top.get('points');
  if (pointsV !== undefined) {
    const items = asArray(pointsV, 'points', 'an array of candidate points', err);
    if (items.length > NETWORK_LIMITS.maxPoints) err('points', `has ${items.length} points, more than the limit ${NETWORK_LIMITS.maxPoints}`);
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const at = `points[${i}]`;
      const obj = asObject(item, at, 'a point { "name", "W", "expect" }', err);
      for (const k of obj.keys()) if (!POINT_KEYS.has(k)) err(`${at}.${k}`, `unknown key (expected one of ${[...POINT_KEYS].join(', ')})`);
      const pname = asString(required(obj, 'name', 'the point name', err, at), `${at}.name`, err);
      if (pname === '') err(`${at}.name`, 'is empty (expected a non-empty name)');
      if (seen.has(pname)) err(`${at}.name`, `duplicate point name "${pname}"`);
      seen.add(pname);
      const pd = obj.get('description');
      if (pd !== undefined) asString(pd, `${at}.description`, err);
      const Wv = asArray(required(obj, 'W', `the ${H1} weight matrices W_1 … W_${H1}`, err, at), `${at}.W`, `an array of ${H1} matrices`, err);
      if (Wv.length !== H1) err(`${at}.W`, `has ${Wv.length} matrices, expected H+1 = ${H1} (widths has ${widths.length} entries)`);
      const W = Wv.map((m, k) => {
        const Wk = readMatrix(m, `${at}.W[${k}]`, err);
        if (Wk.rows !== widths[k + 1] || Wk.cols !== widths[k])
          err(`${at}.W[${k}]`, `W_${k + 1} is ${Wk.rows}×${Wk.cols}, expected d_${k + 1}×d_${k} = ${widths[k + 1]}×${widths[k]}`);
        return Wk;
      });
      const ev = obj.get('expect');
      let expect: Label | undefined;
      if (ev !== undefined) {
        const s = asString(ev, `${at}.expect`, err);
        if (!(LABELS as readonly string[]).includes(s)) err(`${at}.expect`, `unknown label "${s}" (expected one of ${LABELS.join(', ')})`);
        expect = s as Label;
      }
      points.push(expect === undefined ? { name: pname, W } : { name: pname, W, expect });
    });
  }
  const modelV = top.get('model');
  return modelV === undefined ? { name, widths, X, Y, points } : { name, widths, X, Y, points, model: readModel(modelV, err) };
}

type Fail = (path: string, message: string) => never;

function kindName(v: JsonValue): string {
  return v.kind === 'nonfinite' ? v.text : v.kind === 'object' ? 'an object' : v.kind === 'array' ? 'an array' : `a ${v.kind}`;
}

function required(obj: ReadonlyMap<string, JsonValue>, key: string, what: string, err: Fail, at = ''): JsonValue {
  const v = obj.get(key);
  if (v === undefined) return err(at, `missing "${key}" (${what})`);
  return v;
}

function asObject(v: JsonValue, path: string, what: string, err: Fail): ReadonlyMap<string, JsonValue> {
  if (v.kind !== 'object') return err(path, `is ${kindName(v)}, expected ${what}`);
  return v.entries;
}

function asArray(v: JsonValue, path: string, what: string, err: Fail): readonly JsonValue[] {
  if (v.kind !== 'array') return err(path, `is ${kindName(v)}, expected ${what}`);
  return v.items;
}

function asString(v: JsonValue, path: string, err: Fail): string {
  if (v.kind !== 'string') return err(path, `is ${kindName(v)}, expected a string`);
  const control = controlCharacter(v.value, path.endsWith('description'));
  if (control) err(path, `contains the control character ${control}`);
  return v.value;
}

function readWidths(v: JsonValue | undefined, err: Fail): number[] {
  if (v === undefined) return err('', 'missing "widths" ([d_0, d_1, …, d_{H+1}], at least 3 entries)');
  const items = asArray(v, 'widths', 'an array [d_0, d_1, …, d_{H+1}]', err);
  if (items.length < 3) err('widths', `has ${items.length} entries, expected at least 3 (H ≥ 1 hidden layer)`);
  if (items.length - 1 > NETWORK_LIMITS.maxLayers)
    err('widths', `has ${items.length - 1} weight matrices, more than the limit ${NETWORK_LIMITS.maxLayers}`);
  return items.map((it, i) => {
    const at = `widths[${i}]`;
    const n = it.kind === 'number' && /^\d+$/.test(it.text) ? Number(it.text) : NaN;
    if (!Number.isInteger(n) || n < 1) err(at, `is ${it.kind === 'number' ? it.text : kindName(it)}, expected a positive integer`);
    if (n > NETWORK_LIMITS.maxWidth) err(at, `is ${n}, more than the width limit ${NETWORK_LIMITS.maxWidth}`);
    return n;
  });
}

/** A matrix as an array of equally long rows of exact entries. Rows and columns in messages are 1-based. */
function readMatrix(v: JsonValue, path: string, err: Fail): Matrix<Rational> {
  const rows = asArray(v, path, 'a matrix (an array of rows)', err);
  if (rows.length === 0) err(path, 'has no rows, expected a non-empty matrix');
  let cols = -1;
  const data: Rational[] = [];
  rows.forEach((row, i) => {
    const at = `${path} row ${i + 1}`;
    const entries = asArray(row, at, 'a row (an array of numbers)', err);
    if (cols < 0) {
      cols = entries.length;
      if (cols === 0) err(at, 'is empty, expected at least one entry');
    } else if (entries.length !== cols) err(at, `has ${entries.length} entries, expected ${cols} like row 1 (ragged rows)`);
    entries.forEach((e, j) => data.push(readEntry(e, `${at} column ${j + 1}`, err)));
  });
  return { rows: rows.length, cols, data };
}

/** `X` or `Y` from a data file named relative to the network file; rows and columns in messages are 1-based. */
function readDataMatrix(name: string, source: string, key: string, err: Fail): Matrix<Rational> {
  const path = isAbsolute(name) ? name : join(dirname(source), name);
  let rows: string[][];
  try {
    rows = readDataFile(path);
  } catch (e) {
    if (e instanceof DataFileError) return err(key, `${name}: ${e.message}`);
    throw e;
  }
  const at = `${key} (${name})`;
  return readMatrix({ kind: 'array', items: rows.map((r) => ({ kind: 'array', items: r.map((value) => ({ kind: 'string', value })) })) }, at, err);
}

const ENTRY_FORMS = 'an integer, an exact decimal, or a "p/q" string';

/**
 * An upper bound on the bits of the numerator and denominator a literal would have, read from its digits, so that
 * `1e999999999` or a fraction of 100 000 digits is refused before any BigInt is built (or gcd taken).
 */
function literalBits(text: string): number {
  const log2of10 = Math.log2(10);
  const digits = (d: string) => d.replace(/^0+/, '').length;
  const frac = /^\s*[+-]?(\d+)\s*\/\s*[+-]?(\d+)\s*$/.exec(text);
  if (frac) return Math.max(digits(frac[1]!), digits(frac[2]!)) * log2of10;
  const dec = /^\s*[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
  if (!dec) return 0; // not a literal: Rational.parse says so
  const fracDigits = (dec[2] ?? '').length;
  const exp = Number(dec[3] ?? '0') - fracDigits;
  return (digits((dec[1] ?? '') + (dec[2] ?? '')) + Math.abs(exp)) * log2of10;
}

function readEntry(v: JsonValue, path: string, err: Fail): Rational {
  let q: Rational | undefined;
  const tooLarge = () => err(path, `is larger than the limit of ${NETWORK_LIMITS.maxEntryBits} bits in numerator and denominator`);
  if (v.kind === 'number') {
    if (literalBits(v.text) > NETWORK_LIMITS.maxEntryBits + 4) tooLarge();
    q = Rational.parse(v.text);
  } else if (v.kind === 'string') {
    if (/^\s*[+-]?(nan|inf(inity)?)\s*$/i.test(v.value)) err(path, `"${v.value}" is not finite, expected ${ENTRY_FORMS}`);
    if (literalBits(v.value) > NETWORK_LIMITS.maxEntryBits + 4) tooLarge();
    q = Rational.parse(v.value);
    if (q === undefined) err(path, `"${v.value}" is not a number, expected ${ENTRY_FORMS}`);
  } else if (v.kind === 'nonfinite') err(path, `${v.text} is not finite, expected ${ENTRY_FORMS}`);
  else err(path, `is ${kindName(v)}, expected ${ENTRY_FORMS}`);
  if (q === undefined) return err(path, `${v.kind === 'number' ? v.text : 'entry'} is out of range, expected ${ENTRY_FORMS}`);
  if (bitLen(q.num) > NETWORK_LIMITS.maxEntryBits || bitLen(q.den) > NETWORK_LIMITS.maxEntryBits) tooLarge();
  return q;
}

function bitLen(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length;
}
