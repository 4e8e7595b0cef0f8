import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type Pair } from 'yaml';
import { InputError } from '../errors.js';
// the prose checker alone, not the IR: the walkthrough's first frame waits for this module
import { LatexSyntaxError } from '../expr/latex/katex.js';
import { checkProse } from '../expr/latex/prose.js';
import { controlCharacter } from '../text.js';

/** A derivation file (`proofs/*.proof.yaml`), validated, with the line of every item for error messages. */
export interface ProofDocument {
  readonly file: string;
  readonly title: string;
  readonly source?: string;
  /** Optional prose shown above the steps (walkthrough, appendix). */
  readonly summary?: string;
  /** `dims` is [rows, cols] for a matrix, [] for a scalar. */
  readonly shapes: readonly { name: string; dims: readonly string[]; line: number }[];
  readonly ranges: readonly { name: string; lo: string; hi: string; line: number }[];
  readonly defines: readonly { name: string; expr: string; line: number }[];
  readonly assume: readonly { text: string; line: number }[];
  /** Declared matrices that differentials d(…) move too (besides the families), each along a random direction. */
  readonly vary: readonly { name: string; line: number }[];
  readonly steps: readonly ProofStep[];
}

export interface ProofStep {
  /** 1-based position in the file. */
  readonly index: number;
  /** `claim`: an equation or chain `a = b = c`; `holds`: a predicate. */
  readonly kind: 'claim' | 'holds';
  readonly text: string;
  readonly because?: string;
  readonly line: number;
  /** 1-based column where the formula starts on `line` (its key's column when the formula is on a later line). */
  readonly column: number;
}

/** The suffix of derivation files (a directory argument or the walkthrough's picker lists them). */
export const PROOF_SUFFIX = '.proof.yaml';

/** Flow collections (`[…]`, `{…}`) nested deeper than any derivation needs; the YAML parser recurses on them. */
const MAX_FLOW_DEPTH = 200;

/**
 * The deepest nesting of `[` and `{` outside quotes and comments, a quick look before parsing (brackets in plain
 * scalars count too; a stray quote such as a transpose `A'` can only hide brackets, which the parser's own depth
 * failure then reports).
 */
function flowDepth(text: string): number {
  let depth = 0, max = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

const TOP_KEYS = ['title', 'source', 'summary', 'given', 'steps'];
const GIVEN_KEYS = ['shapes', 'ranges', 'define', 'assume', 'vary'];
const STEP_KEYS = ['claim', 'holds', 'because'];

/**
 * Parses and validates a derivation file. Every error names the file, the line and what was expected.
 * `steps`, when given, are the steps (read from a LaTeX document, tex.ts) and the YAML holds everything else.
 */
export function parseProofDocument(text: string, file: string, steps?: readonly ProofStep[]): ProofDocument {
  const depth = flowDepth(text);
  if (depth > MAX_FLOW_DEPTH) throw new InputError(file, `invalid YAML: brackets nested more than ${MAX_FLOW_DEPTH} levels deep`);
  const lc = new LineCounter();
  // The YAML 1.2 core schema whatever the file's `%YAML` directive: under 1.1 the key `Y` would read as true.
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, schema: 'core' });
  const lineOf = (node: Node | Pair | null | undefined): number => {
    const n = node && 'range' in node ? node : node && 'key' in node ? (node.key as Node) : undefined;
    return n?.range ? lc.linePos(n.range[0]).line : 0;
  };
  const columnOf = (pair: Pair): number => {
    const at = (n: unknown) => (n && typeof n === 'object' && 'range' in n && Array.isArray(n.range) ? lc.linePos(n.range[0] as number) : undefined);
    const key = at(pair.key);
    const value = at(pair.value);
    return value && key && value.line === key.line ? value.col : (key?.col ?? 1);
  };
  const fail = (line: number, msg: string): never => {
    throw new InputError(line > 0 ? `${file}:${line}` : file, msg);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    // the yaml package reports its own stack overflow on absurd nesting as a parse error
    const what = /call stack/i.test(e.message) ? 'nested too deeply' : e.message.split('\n')[0];
    fail(lc.linePos(e.pos[0]).line, `invalid YAML: ${what}`);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(lineOf(root), 'expected a mapping with title, given and steps');

  const keysOf = (map: typeof root, allowed: string[], what: string) => {
    const out = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) fail(lineOf(pair), `unknown key '${key}' in ${what} (expected ${allowed.join(', ')})`);
      out.set(key, pair);
    }
    return out;
  };
  const scalarText = (pair: Pair | undefined, what: string, required: boolean): string | undefined => {
    if (!pair) return required ? fail(lineOf(root), `missing '${what}'`) : undefined;
    const v = pair.value as Node | null;
    if (!isScalar(v) || v.value === null || typeof v.value === 'object')
      return fail(lineOf(pair), `'${what}' must be a string`);
    const s = String(v.value).trim();
    if (s === '') fail(lineOf(pair), `'${what}' is empty`);
    const control = controlCharacter(s, true);
    if (control) fail(lineOf(pair), `'${what}' contains the control character ${control}`);
    return s;
  };
  /** Prose may hold inline math $…$, checked by KaTeX now so that no command fails half-way. */
  const proseText = (pair: Pair | undefined, what: string, required: boolean): string | undefined => {
    const s = scalarText(pair, what, required);
    if (s === undefined) return undefined;
    try {
      checkProse(s);
    } catch (e) {
      if (!(e instanceof LatexSyntaxError)) throw e;
      fail(lineOf(pair), `'${what}': ${e.message}${e.position === undefined ? '' : ` (at char ${e.position + 1})`}`);
    }
    return s;
  };
  const top = keysOf(root, TOP_KEYS, 'the file');
  const title = proseText(top.get('title'), 'title', true)!;
  const source = proseText(top.get('source'), 'source', false);
  const summary = proseText(top.get('summary'), 'summary', false);

  const shapes: ProofDocument['shapes'][number][] = [];
  const ranges: ProofDocument['ranges'][number][] = [];
  const defines: ProofDocument['defines'][number][] = [];
  const assume: ProofDocument['assume'][number][] = [];
  const vary: ProofDocument['vary'][number][] = [];
  const givenPair = top.get('given');
  if (givenPair) {
    const given = givenPair.value as Node;
    if (!isMap(given)) fail(lineOf(givenPair), "'given' must be a mapping of shapes, ranges, define, assume, vary");
    const g = keysOf(given as typeof root, GIVEN_KEYS, "'given'");
    const mapOf = (key: string): Pair[] => {
      const p = g.get(key);
      if (!p || (isScalar(p.value) && p.value.value === null)) return [];
      if (!isMap(p.value)) return fail(lineOf(p), `'given.${key}' must be a mapping`);
      return p.value.items as Pair[];
    };
    const sizeText = (n: unknown, line: number, what: string): string => {
      if (isScalar(n) && (typeof n.value === 'number' || typeof n.value === 'string') && String(n.value).trim() !== '')
        return String(n.value).trim();
      return fail(line, `${what}: expected a number or a size expression`);
    };
    const pairOfSizes = (p: Pair, what: string): [string, string] => {
      const v = p.value as Node;
      if (!isSeq(v) || v.items.length !== 2) return fail(lineOf(p), `${what}: expected a list of two sizes [rows, cols]`);
      return [sizeText(v.items[0], lineOf(p), what), sizeText(v.items[1], lineOf(p), what)];
    };
    const nameOf = (p: Pair) => (isScalar(p.key) ? String(p.key.value) : fail(lineOf(p), 'expected a name'));
    for (const p of mapOf('shapes')) {
      const name = nameOf(p);
      const v = p.value as Node;
      const dims = isSeq(v) && v.items.length === 0 ? [] : pairOfSizes(p, `shape of ${name} (or [] for a scalar)`);
      shapes.push({ name, dims, line: lineOf(p) });
    }
    for (const p of mapOf('ranges')) {
      const name = nameOf(p);
      const [lo, hi] = pairOfSizes(p, `range of ${name}`);
      ranges.push({ name, lo, hi, line: lineOf(p) });
    }
    for (const p of mapOf('define')) {
      const name = nameOf(p);
      const v = p.value as Node;
      if (!isScalar(v) || String(v.value ?? '').trim() === '') fail(lineOf(p), `define ${name}: expected an expression`);
      defines.push({ name, expr: String((v as { value: unknown }).value).trim(), line: lineOf(p) });
    }
    const a = g.get('assume');
    if (a && !(isScalar(a.value) && a.value.value === null)) {
      if (!isSeq(a.value)) fail(lineOf(a), "'given.assume' must be a list");
      for (const item of (a.value as { items: Node[] }).items) {
        if (!isScalar(item) || String(item.value ?? '').trim() === '') fail(lineOf(item), 'assumption: expected text');
        assume.push({ text: String((item as { value: unknown }).value).trim(), line: lineOf(item) });
      }
    }
    const v = g.get('vary');
    if (v && !(isScalar(v.value) && v.value.value === null)) {
      if (!isSeq(v.value)) fail(lineOf(v), "'given.vary' must be a list of declared matrices");
      for (const item of (v.value as { items: Node[] }).items) {
        if (!isScalar(item) || !/^[A-Za-z]\w*$/.test(String(item.value ?? '').trim())) fail(lineOf(item), 'vary: expected the name of a declared matrix');
        vary.push({ name: String((item as { value: unknown }).value).trim(), line: lineOf(item) });
      }
    }
  }

  const stepsPair = top.get('steps');
  if (steps) {
    if (stepsPair) fail(lineOf(stepsPair), "a LaTeX document's steps are the rows of its dlnderivation environments, not a 'steps' key");
    return { file, title, ...(source ? { source } : {}), ...(summary ? { summary } : {}), shapes, ranges, defines, assume, vary, steps };
  }
  if (!stepsPair) return fail(0, "missing 'steps'");
  if (!isSeq(stepsPair.value) || stepsPair.value.items.length === 0)
    return fail(lineOf(stepsPair), "'steps' must be a non-empty list");
  const parsedSteps: ProofStep[] = (stepsPair.value.items as Node[]).map((item, i) => {
    if (!isMap(item)) return fail(lineOf(item), `step ${i + 1}: expected a mapping with 'claim' or 'holds' and 'because'`);
    const s = keysOf(item as typeof root, STEP_KEYS, `step ${i + 1}`);
    const claim = s.get('claim'), holds = s.get('holds');
    if (!!claim === !!holds) return fail(lineOf(item), `step ${i + 1}: needs exactly one of 'claim' or 'holds'`);
    const pair = (claim ?? holds)!;
    const kind = claim ? 'claim' : 'holds';
    const text = scalarText(pair, `step ${i + 1} ${kind}`, true)!;
    const because = proseText(s.get('because'), `step ${i + 1} because`, false);
    return { index: i + 1, kind, text, line: lineOf(pair), column: columnOf(pair), ...(because ? { because } : {}) };
  });

  return {
    file,
    title,
    ...(source ? { source } : {}),
    ...(summary ? { summary } : {}),
    shapes,
    ranges,
    defines,
    assume,
    vary,
    steps: parsedSteps,
  };
}

