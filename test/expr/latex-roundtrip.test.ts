import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Claim, type Expr, Size, build as b, claimToLatex, claimToSource, exprEquals, parseLatexClaim, parseLatexExpr, rewrite, toLatex, toSource } from '../../src/expr/index.js';
import type { LatexScope } from '../../src/expr/latex/parser.js';

/**
 * The LaTeX printer's output parses back to the same IR, over random IR. Equal up to the identifications the
 * printer itself makes (`canon` below, each a different tree with the same value that prints the same way).
 */

const SYMBOLS = ['X', 'Y', 'a', 'Delta', 'Sxx', 'n1'];
const scope: LatexScope = {
  symbols: new Set(SYMBOLS),
  families: new Map([
    ['W', { params: ['k'] }],
    ['A', { params: ['k'] }],
    ['Q', { params: ['j', 'k'] }],
  ]),
  variables: new Set([...SYMBOLS, 'W']),
  sizes: new Set(['H', 'k', 'j', 'm', 'p', 'd']),
};

const int = fc.integer({ min: 0, max: 3 });
const letter = fc.constantFrom('H', 'k', 'j', 'm', 'p');
const sizeLeaf: fc.Arbitrary<Size> = fc.oneof(
  int.map((n) => Size.int(n)),
  letter.map((v) => Size.var(v)),
  fc.tuple(letter, fc.integer({ min: -2, max: 2 })).map(([v, c]) => Size.var(v).add(c)),
  fc.oneof(letter.map((v) => Size.var(v)), int.map((n) => Size.int(n))).map((i) => Size.dim('d', i)),
);
const size: fc.Arbitrary<Size> = fc.oneof(
  { weight: 4, arbitrary: sizeLeaf },
  { weight: 1, arbitrary: fc.tuple(sizeLeaf, sizeLeaf).map(([x, y]) => x.mul(y)) },
  { weight: 1, arbitrary: fc.tuple(sizeLeaf, sizeLeaf).map(([x, y]) => Size.min(x, y)) },
  { weight: 1, arbitrary: fc.tuple(letter, letter, int).map(([x, y, c]) => Size.var(x).sub(Size.var(y)).sub(c)) },
);

const variable = fc.oneof(fc.constantFrom(...SYMBOLS.map((s) => b.sym(s))), size.map((s) => b.member('W', s)));

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: -12, max: 12 }).map((n) => b.num(n)),
  fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 2, max: 7 })).map(([n, d]) => b.div(b.num(n), b.num(d))),
  variable,
  size.map((s) => b.member('A', s)),
  fc.tuple(size, size).map(([s, t]) => b.member('Q', s, t)),
  size.map((s) => b.member('d', s)),
  fc.tuple(size, size).map(([s, t]) => b.prod('W', s, t)).filter((e) => (e.from.sub(e.to).constant() ?? 0) >= 0),
  size.map((s) => b.identity(s)),
  fc.tuple(size, size).map(([s, t]) => b.zeros(s, t)),
  fc.tuple(size, size).map(([s, t]) => b.commutation(s, t)),
  fc.tuple(letter, letter).map(([x, y]) => b.sizeValue(Size.min(Size.var(x), Size.dim('d', Size.var(y))))),
);

function exprOf(depth: number): fc.Arbitrary<Expr> {
  if (depth === 0) return leaf;
  const sub = exprOf(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(b.neg, b.transpose, b.inv, b.pinv, b.vec, b.trace, b.fro2, b.rank), sub).map(([f, x]) => f(x)) },
    { weight: 2, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((xs) => b.add(...xs)) },
    { weight: 3, arbitrary: fc.array(sub, { minLength: 2, maxLength: 3 }).map((xs) => b.mul(...xs)) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([x, y]) => b.div(x, y)) },
    { weight: 2, arbitrary: fc.tuple(sub, sub).map(([x, y]) => b.kron(x, y)) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([x, y]) => b.inner(x, y)) },
    { weight: 1, arbitrary: fc.tuple(sub, size, size).map(([x, i, j]) => b.entry(x, i, j)) },
    { weight: 1, arbitrary: fc.tuple(sub, fc.option(variable, { nil: null })).filter(([x, w]) => !w || !exprEquals(x, w)).map(([x, w]) => b.diff(x, w)) },
    { weight: 1, arbitrary: fc.tuple(sub, variable).map(([f, w]) => b.grad(f, w)) },
    { weight: 1, arbitrary: fc.tuple(sub, variable, variable).map(([f, v, w]) => b.hess(f, v, w)) },
    { weight: 1, arbitrary: fc.tuple(size, size, sub).map(([lo, hi, x]) => b.sum('i', lo, hi, b.mul(b.member('W', 'i'), x))) },
  );
}

function predicateOf(depth: number): fc.Arbitrary<Expr> {
  const e = exprOf(2);
  const atomic = fc.oneof(
    fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>=' as const), e, e).map(([op, l, r]) => b.compare(op, l, r)),
    e.map(b.iszero),
    e.map(b.psd),
    fc.tuple(e, e).map(([l, r]) => b.subset(b.range(l), b.range(r))),
  );
  if (depth === 0) return atomic;
  const sub = predicateOf(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: atomic },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([l, r]) => b.and(l, r)) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([l, r]) => b.or(l, r)) },
    { weight: 1, arbitrary: sub.map(b.not) },
  );
}

/** A prod with a known count of at most 3 factors is written out (W₃W₂W₁), one factor is the member itself. */
function spelledOut(e: Expr): Expr {
  if (e.kind !== 'prod') return e;
  const count = e.from.sub(e.to).constant();
  if (count === undefined || count > 3) return e;
  return b.mul(...Array.from({ length: count + 1 }, (_, i) => b.member(e.family, e.from.sub(i))));
}

/** −c·x, −x·y: the printer writes them −c x, −x y, which read as −(c x), −(x y). */
function signOut(e: Expr): Expr {
  if (e.kind !== 'mul') return e;
  const [first, ...rest] = e.factors;
  if (first!.kind === 'num' && first!.value.sign() < 0) return b.neg(b.mul(b.num(first!.value.neg()), ...rest));
  if (first!.kind === 'neg') return b.neg(b.mul(first!.arg, ...rest));
  return e;
}

/** The tree the parser gives for the printer's output of e. */
function canon(e: Expr): Expr {
  return rewrite(e, (n) => {
    if (n.kind === 'prod') return spelledOut(n);
    if (n.kind === 'mul') return signOut(b.mul(...n.factors));
    if (n.kind === 'add')
      // after the first term, the printer writes −1·x as − x
      return b.add(
        ...n.terms.map((t, i) =>
          i > 0 && t.kind === 'neg' && t.arg.kind === 'mul' && t.arg.factors[0]!.kind === 'num' && t.arg.factors[0].value.isInteger() && t.arg.factors[0].value.num === 1n
            ? b.neg(b.mul(...t.arg.factors.slice(1)))
            : t,
        ),
      );
    if (n.kind === 'compare' && n.op === '==' && n.right.kind === 'num' && n.right.value.isZero()) return b.iszero(n.left);
    return n;
  });
}

const dollars = (latex: string) => `$${latex}$`;

describe('LaTeX printer → LaTeX parser', () => {
  test('expressions read back as the IR they were printed from', () => {
    fc.assert(
      fc.property(exprOf(3), (e) => {
        const printed = toLatex(e);
        const back = parseLatexExpr(dollars(printed), 'roundtrip', scope);
        if (!exprEquals(back, canon(e))) expect({ printed, back: toSource(back) }).toEqual({ printed, back: toSource(canon(e)) });
      }),
      { numRuns: 1500, seed: 13 },
    );
  });

  test('predicates and equation chains read back too', () => {
    fc.assert(
      fc.property(predicateOf(2), (p) => {
        const claim: Claim = { kind: 'predicate', expr: p };
        const printed = claimToLatex(claim);
        const back = parseLatexClaim(dollars(printed), 'roundtrip', scope, 'predicate');
        if (back.kind !== 'predicate' || !exprEquals(back.expr, canon(p))) expect({ printed, back: claimToSource(back) }).toEqual({ printed, back: toSource(canon(p)) });
      }),
      { numRuns: 500, seed: 13 },
    );
    fc.assert(
      fc.property(fc.array(exprOf(2), { minLength: 2, maxLength: 3 }), (sides) => {
        const printed = claimToLatex(b.equation(...sides));
        const back = parseLatexClaim(dollars(printed), 'roundtrip', scope, 'equation');
        if (back.kind !== 'equation' || !back.sides.every((s, i) => exprEquals(s, canon(sides[i]!))))
          expect({ printed, back: claimToSource(back) }).toEqual({ printed, back: sides.map((s) => toSource(canon(s))).join(' = ') });
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});
