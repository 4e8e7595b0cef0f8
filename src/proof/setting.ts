import { InputError } from '../errors.js';
import {
  type Claim, type Definitions, type DeferredEquality, type Expr, type LatexScope, type ShapeContext, type SizeBinding, Size, checkClaim,
  checkShape, declareSizes, freeSizeVars, parseGiven, parseSize, toSource, usesLogExp, userRecord, isIdentifier, excerpt,
  IDENTIFIER_RULE,
} from '../expr/index.js';
import type { ProofDocument, ProofStep } from './document.js';
import { checkProofCost } from './cost.js';
import { BUILTIN_SIZES, authoredLatex, documentScope, parseCondition, parseDefinition, parseStepClaim } from './formulas.js';
import { DEFAULT_H_RANGE, rangeCombinations } from './instances.js';

/** A derivation file turned into IR: declarations, ranges, hypotheses and the parsed, shape-checked claims. */
export interface ProofSetting {
  readonly doc: ProofDocument;
  readonly context: ShapeContext;
  readonly definitions: Definitions;
  readonly ranges: readonly RangeVar[];
  /** Declared matrices and scalars (X, Y, …), sampled at random unless a hypothesis fixes them. */
  readonly symbols: readonly { readonly name: string; readonly dims: readonly Size[] }[];
  /** Declared families (W[k], D[k]); each has members 1 … H+1. */
  readonly families: readonly { readonly name: string; readonly param: string; readonly dims: readonly Size[] }[];
  /** Size variables the shapes use besides the ranges and the widths d[…] (m, p, …). */
  readonly sizeVars: readonly string[];
  /** Every size or index name the file mentions (H, k, d, m, …): what instance reports show. */
  readonly usedSizes: ReadonlySet<string>;
  readonly hypotheses: readonly Hypothesis[];
  /** Declared matrices given a direction for differentials (`vary:`), besides the family members. */
  readonly varied: readonly string[];
  readonly claims: readonly ParsedStep[];
}

export interface RangeVar {
  readonly name: string;
  readonly lo: Size;
  readonly hi: Size;
}

export interface ParsedStep {
  readonly step: ProofStep;
  readonly claim: Claim;
  /** Size equalities the shape check could not decide symbolically; tested on each instance. */
  readonly deferred: readonly DeferredEquality[];
}

/**
 * What `assume:` may say. `critical` samples exact critical points (docs/mathematics.md §5 families, rank-deficient ones
 * included); `psd-hessian` keeps those whose Hessian is PSD; `A` samples data satisfying (A); `W = 0` or
 * `W[i] = 0` zeroes weights; `U := expr` gives the declared matrix U the value of expr (a construction: U stays a
 * variable of its own for grad, hess and d, as in the chain rule ∂g(U)/∂U at U = f(X)); anything else is a
 * predicate the sampled instance must satisfy (re-checked exactly).
 */
export type Hypothesis =
  | { readonly kind: 'critical'; readonly text: string }
  | { readonly kind: 'psd-hessian'; readonly text: string }
  | { readonly kind: 'data-A'; readonly text: string }
  | { readonly kind: 'zero'; readonly text: string; readonly family: string; readonly index?: Size }
  | { readonly kind: 'predicate'; readonly text: string; readonly claim: Claim }
  | { readonly kind: 'assign'; readonly text: string; readonly name: string; readonly expr: Expr };


export function buildSetting(doc: ProofDocument): ProofSetting {
  const at = (line: number, key: string) => `${doc.file}:${line}: ${key}`;
  const shapes = userRecord<string[]>();
  const symbols: { name: string; dims: Size[] }[] = [];
  const families: { name: string; param: string; dims: Size[] }[] = [];
  for (const s of doc.shapes) {
    const dims = s.dims.map((d) => parseSize(d, at(s.line, `shapes.${s.name}`)));
    shapes[s.name] = [...s.dims];
    const fam = /^\s*([A-Za-z]\w*)\s*\[\s*([A-Za-z]\w*)\s*\]\s*$/.exec(s.name);
    if (fam) families.push({ name: fam[1]!, param: fam[2]!, dims });
    else symbols.push({ name: s.name.trim(), dims });
  }
  const ranges = doc.ranges.map((r) => {
    if (!isIdentifier(r.name)) throw new InputError(at(r.line, 'ranges'), `"${excerpt(r.name, 30)}" is not a range name (${IDENTIFIER_RULE})`);
    return {
    name: r.name,
    lo: parseSize(r.lo, at(r.line, `ranges.${r.name}`)),
    hi: parseSize(r.hi, at(r.line, `ranges.${r.name}`)),
    };
  });
  const scope = documentScope(doc);
  const define = userRecord<string>();
  for (const d of doc.defines) {
    // syntax errors get the line; a LaTeX definition goes on as the dln source of what it says
    const e = parseDefinition(d.expr, at(d.line, `define.${d.name}`), scope);
    define[d.name] = authoredLatex(d.expr) === undefined ? d.expr : toSource(e);
  }
  const indexVars = new Set(families.map((f) => f.param));
  const sizes = [...new Set([...BUILTIN_SIZES, ...ranges.map((r) => r.name), ...indexVars])];
  const { context, definitions } = parseGiven({ shapes, sizes, define }, doc.file);

  const rangeNames = new Set(ranges.map((r) => r.name));
  const sizeVars = new Set<string>();
  for (const s of [...symbols, ...families]) for (const d of s.dims) d.freeVars(sizeVars);
  for (const f of families) sizeVars.delete(f.param);
  for (const n of [...sizeVars]) if (n === 'd' || n === 'H' || rangeNames.has(n)) sizeVars.delete(n);

  const familyNames = new Set(families.map((f) => f.name));
  const symbolNames = new Set(symbols.filter((x) => x.dims.length === 2).map((x) => x.name));
  const hypotheses = doc.assume.map((a) => parseHypothesis(a.text, at(a.line, 'assume'), context, familyNames, symbolNames, scope));
  const varied = doc.vary.map((v) => {
    if (!symbolNames.has(v.name)) throw new InputError(at(v.line, 'vary'), `${v.name} is not a declared matrix (families always vary)`);
    return v.name;
  });
  const claims = doc.steps.map((step) => {
    const where = `${doc.file}:${step.line}: step ${step.index}`;
    const claim = parseStepClaim(step, where, scope, context);
    if (step.kind === 'claim' && claim.kind !== 'equation')
      throw new InputError(where, "'claim' needs an equation such as a = b (use 'holds' for a predicate)");
    if (step.kind === 'holds' && claim.kind !== 'predicate')
      throw new InputError(where, "'holds' needs a predicate such as iszero(…) (use 'claim' for an equation)");
    const { deferred } = checkClaim(claim, context, where);
    return { step, claim, deferred };
  });
  const usedSizes = new Set<string>();
  for (const s of [...symbols, ...families]) for (const d of s.dims) d.freeVars(usedSizes);
  for (const f of families) usedSizes.delete(f.param);
  for (const r of ranges) {
    usedSizes.add(r.name);
    r.lo.freeVars(usedSizes);
    r.hi.freeVars(usedSizes);
  }
  for (const d of definitions.values()) freeSizeVars(d.body, usedSizes);
  for (const c of claims) claimExprs(c.claim).forEach((e) => freeSizeVars(e, usedSizes));
  if (families.length > 0) usedSizes.add('H'); // families have members 1…H+1
  const setting = { doc, context, definitions, ranges, symbols, families, sizeVars: [...sizeVars], usedSizes, hypotheses, varied, claims };
  validateRanges(setting);
  checkProofCost(setting);
  if (rangeCombinations(setting).length === 0)
    throw new InputError(`${doc.file}: ranges`, 'no value of H gives every range a value (some range is empty for every H)');
  validateNetworkShapes(setting);
  validateDefinitionSizes(setting);
  return setting;
}

/**
 * A definition whose sizes only agree by accident (`X * Y` with X d[0]×m and Y d[H+1]×m needs m = d[H+1]) is
 * refused, used or not: its size equalities that the shape check left open are tried on probe instances with
 * pairwise different sizes, and one that fails on every probe is an error. (A claim's open equalities are
 * tested on each instance it is checked on.)
 */
function validateDefinitionSizes(setting: ProofSetting): void {
  const { doc } = setting;
  const [hLo, hHi] = hBounds(setting);
  const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47];
  // every index (ranges, family and definition parameters) takes the same value v of 1…H+1 on a probe
  const probes: { binding: SizeBinding; v: number }[] = [];
  for (let H = hLo; H <= Math.min(hHi, hLo + 2); H++)
    for (let v = 1; v <= H + 1; v++) {
      const d = primes.slice(0, H + 2);
      const binding: Record<string, number | number[]> = { H, d, p: Math.min(...d.slice(1, H + 1)) };
      [...setting.sizeVars, 'm'].forEach((name, i) => (binding[name] = primes[H + 2 + i] ?? 53 + i));
      for (const r of setting.ranges) if (r.name !== 'H') binding[r.name] = v;
      for (const f of setting.families) binding[f.param] = v;
      probes.push({ binding, v });
    }
  for (const d of doc.defines) {
    const def = [...setting.definitions.values()].find((x) => d.name.replace(/\[.*$/, '').trim() === x.name);
    if (!def) continue;
    const { deferred } = checkShape(def.body, declareSizes(setting.context, def.params), `${doc.file}:${d.line}: define ${d.name}`);
    for (const eq of deferred) {
      const fails = ({ binding, v }: (typeof probes)[number]) => {
        const bound = { ...binding, ...Object.fromEntries(def.params.map((p) => [p, v])) };
        try {
          return eq.a.evaluate(bound) !== eq.b.evaluate(bound);
        } catch {
          return false; // a probe outside the definition's sizes (an index past H+1) proves nothing
        }
      };
      if (probes.length > 0 && probes.every(fails))
        throw new InputError(`${doc.file}:${d.line}: define ${d.name}`, `${eq.message} (these sizes are not equal in general)`);
    }
  }
}

function hBounds(setting: ProofSetting): [number, number] {
  const r = setting.ranges.find((x) => x.name === 'H');
  return r ? [r.lo.evaluate({}), r.hi.evaluate({})] : [...DEFAULT_H_RANGE];
}

const claimExprs = (c: Claim): readonly Expr[] => (c.kind === 'equation' ? c.sides : [c.expr]);

function parseHypothesis(
  text: string,
  where: string,
  context: ShapeContext,
  families: ReadonlySet<string>,
  matrices: ReadonlySet<string>,
  scope: LatexScope,
): Hypothesis {
  const t = text.trim();
  const assign = /^([A-Za-z]\w*)\s*:=\s*(.+)$/.exec(t);
  if (assign) {
    const [, name, body] = assign as unknown as [string, string, string];
    if (!matrices.has(name)) throw new InputError(where, `${name} := …: ${name} is not a declared matrix`);
    // the right side in either syntax: U := X*X' or U := $X X^\top$
    const expr = parseDefinition(body, where, scope);
    if (usesLogExp([expr], undefined)) throw new InputError(where, `${name} := …: a constructed matrix must have rational entries (no log or exp)`);
    checkClaim({ kind: 'equation', sides: [{ kind: 'sym', name }, expr] }, context, where);
    return { kind: 'assign', text: t, name, expr };
  }
  if (t === 'critical') return { kind: 'critical', text: t };
  if (t === 'psd-hessian') return { kind: 'psd-hessian', text: t };
  if (t === 'A' || t === '(A)') return { kind: 'data-A', text: t };
  const zero = /^([A-Za-z]\w*)\s*(?:\[(.+)\])?\s*=\s*0$/.exec(t);
  if (zero && families.has(zero[1]!)) {
    const index = zero[2] === undefined ? undefined : parseSize(zero[2], where);
    return { kind: 'zero', text: t, family: zero[1]!, ...(index ? { index } : {}) };
  }
  // Anything else is a condition on the instance: a predicate, or an equation such as rank(prod(W, H, 2)) = p.
  const claim = parseCondition(t, where, scope, context);
  // in LaTeX, W = 0 and W_1 = 0 read as predicates: they zero the family's weights as above
  const z = claim.kind === 'predicate' && claim.expr.kind === 'iszero' ? claim.expr.arg : undefined;
  if (z?.kind === 'sym' && families.has(z.name)) return { kind: 'zero', text: t, family: z.name };
  if (z?.kind === 'member' && families.has(z.family) && z.indices.length === 1) return { kind: 'zero', text: t, family: z.family, index: z.indices[0]! };
  checkClaim(claim, context, where);
  return { kind: 'predicate', text: t, claim };
}

/**
 * Ranges must be samplable: H's bounds are constants with 1 ≤ lo ≤ hi; every other bound uses only H, sizes and
 * ranges declared before it. (That some value of every range exists for some H is checked after the cost model
 * has bounded the ranges' lengths.)
 */
function validateRanges(setting: ProofSetting): void {
  const { doc } = setting;
  const known = new Set(['H', 'd', 'm', 'p', ...setting.sizeVars]);
  setting.ranges.forEach((r, i) => {
    const where = `${doc.file}:${doc.ranges[i]!.line}: ranges.${r.name}`;
    const vars = new Set<string>();
    r.lo.freeVars(vars);
    r.hi.freeVars(vars);
    if (r.name === 'p')
      throw new InputError(where, 'p is the narrowest hidden width min(d[1], …, d[H]), not a free size: declare a range for d (every width) instead');
    if (r.name === 'H' || r.name === 'd') {
      if (vars.size > 0) throw new InputError(where, `the bounds of ${r.name} must be numbers`);
      const [lo, hi] = [r.lo.evaluate({}), r.hi.evaluate({})];
      if (lo < 1 || lo > hi) throw new InputError(where, `expected 1 ≤ lo ≤ hi, got [${lo}, ${hi}]`);
    } else {
      const unknown = [...vars].filter((v) => !known.has(v));
      if (unknown.length > 0)
        throw new InputError(where, `the bounds use ${unknown.join(', ')}, which is not H, a size or a range declared before ${r.name}`);
    }
    known.add(r.name);
  });
}

/** `critical`, `psd-hessian` and `A` speak of the network: X, Y and W[k] must have the network's shapes. */
function validateNetworkShapes(setting: ProofSetting): void {
  const h = setting.hypotheses.find((x) => x.kind === 'critical' || x.kind === 'psd-hessian' || x.kind === 'data-A');
  if (!h) return;
  const where = `${setting.doc.file}:${setting.doc.assume[setting.hypotheses.indexOf(h)]!.line}: assume`;
  const need = `hypothesis '${h.text}' needs X: [d[0], m], Y: [d[H+1], m] and W[k]: [d[k], d[k-1]] in given.shapes`;
  const X = setting.symbols.find((x) => x.name === 'X');
  const Y = setting.symbols.find((x) => x.name === 'Y');
  const W = setting.families.find((x) => x.name === 'W');
  if (!X || !Y || !W || X.dims.length !== 2 || Y.dims.length !== 2) throw new InputError(where, need);
  // Compared on probe instances with distinct widths, so a transposed or shifted shape cannot match by accident,
  // for every H the file allows (with H fixed, d[2] is d[H+1] when H = 1).
  const [hLo, hHi] = hBounds(setting);
  const same = (a: number[], e: number[]) => a.length === e.length && a.every((x, i) => x === e[i]);
  const fits = (H: number) => {
    const d = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61].slice(0, H + 2);
    const b = { H, d, m: 67, p: Math.min(...d.slice(1, H + 1)) };
    const dims = (sizes: readonly Size[], extra: Record<string, number> = {}) => sizes.map((z) => z.evaluate({ ...b, ...extra }));
    return (
      same(dims(X.dims), [d[0]!, 67]) &&
      same(dims(Y.dims), [d[H + 1]!, 67]) &&
      Array.from({ length: H + 1 }, (_, i) => i + 1).every((k) => same(dims(W.dims, { [W.param]: k }), [d[k]!, d[k - 1]!]))
    );
  };
  try {
    const ok = Array.from({ length: Math.min(hHi, 16) - hLo + 1 }, (_, i) => hLo + i).every(fits);
    if (!ok) throw new InputError(where, need);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(where, need);
  }
}
