import { describe, expect, test } from 'vitest';
import {
  build as b, checkClaim, declareFamily, declareSizes, declareSymbol, emptyContext, evaluate, matrixShape, parseClaim, parseExpr,
  Size, toLatex, toSource, toText, type Env,
} from '../../src/expr/index.js';
import { Exact, type Rational, mul, scale } from '../../src/linalg/index.js';
import { loadTex } from '../../src/render/katex.js';
import { Q, lcg, q, randomMatrix, toStrings } from './helpers.js';

/** Two layers of masks D[1] (2×2), D[2] (3×3) and weights W[1] 2×2, W[2] 3×2, W[3] 1×3; the sampled D are arbitrary. */
function env(u: Rational, extra: Partial<Env<Rational>> = {}): Env<Rational> {
  const rand = lcg(3);
  return {
    sizes: { H: 2, m: 2, d: [2, 2, 3, 1] },
    symbols: { X: randomMatrix(rand, 2, 2) },
    scalars: { u },
    families: {
      W: [randomMatrix(rand, 2, 2), randomMatrix(rand, 3, 2), randomMatrix(rand, 1, 3)],
      // deliberately not 0/1 diagonals: expect must ignore them
      D: [Q([[5, 7], [1, 2]]), Q([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), Q([[4]])],
    },
    definitions: b.definitions(b.definition('G', parseExpr('D[k] / u', 'G'), ['k'])),
    ...extra,
  };
}
const ev = (text: string, u = q('1/3')) => evaluate(parseExpr(text, 'test'), env(u), Exact);

describe('expect(body, D, p): exact expectation over Bernoulli(p) mask diagonals', () => {
  test('E[D_k] = p·I, and E[D_k/p] = I', () => {
    expect(ev('expect(D[2], D, u)')).toEqual({ kind: 'matrix', value: scale(Exact, q('1/3'), Q([[1, 0, 0], [0, 1, 0], [0, 0, 1]])) });
    expect(toStrings((ev('expect(G[1], D, u)') as unknown as { value: never }).value)).toEqual([['1', '0'], ['0', '1']]);
  });

  test('not the multilinear shortcut: z² = z, so E[tr(D²)] = d·p and E[tr(D)²] = d·p + d(d−1)·p²', () => {
    const p = q('2/5');
    expect(ev('expect(trace(D[2] * D[2]), D, u)', p)).toEqual({ kind: 'scalar', value: q(3).mul(p) });
    expect(ev('expect(trace(D[2]) * trace(D[2]), D, u)', p)).toEqual({ kind: 'scalar', value: q(3).mul(p).add(q(6).mul(p).mul(p)) });
  });

  test('independent layers: E[D₂ W₂ D₁ W₁] = p² W₂W₁, checked against the product', () => {
    const e = env(q('1/3'));
    const [W1, W2] = e.families!.W!;
    const want = scale(Exact, q('1/9'), mul(Exact, W2!, W1!));
    expect(evaluate(parseExpr('expect(D[2] * W[2] * D[1] * W[1], D, u)', 't'), e, Exact)).toEqual({ kind: 'matrix', value: want });
    expect(evaluate(parseExpr('expect(gated(W, D, 2, 1), D, u)', 't'), e, Exact)).toEqual({ kind: 'matrix', value: want });
  });

  test('only the members the body reads are enumerated: an unread huge member costs nothing, a read one is refused', () => {
    const big = Array.from({ length: 17 }, (_, i) => Array.from({ length: 17 }, (_, j) => (i === j ? 1 : 0)));
    const e = env(q('1/2'));
    const withBig = { ...e, families: { ...e.families!, D: [e.families!.D![0]!, Q(big), Q([[4]])] } };
    expect(evaluate(parseExpr('expect(D[1], D, u)', 't'), withBig, Exact)).toEqual({ kind: 'matrix', value: Q([['1/2', 0], [0, '1/2']]) });
    expect(() => evaluate(parseExpr('expect(D[2], D, u)', 't'), withBig, Exact)).toThrow(/expect over 17 Bernoulli entries of D: more than 16/);
  });

  test('derivatives see through it: ∂/∂W₂ of ½‖E[W₃D₂W₂D₁W₁X]‖² is that of ½‖p²W₃W₂W₁X‖²', () => {
    const e = {
      ...env(q('1/3')),
      definitions: b.definitions(
        b.definition('f', parseExpr('fro2(expect(W[3] * D[2] * W[2] * D[1] * W[1] * X, D, u)) / 2', 'f')),
        b.definition('g', parseExpr('fro2(u * u * W[3] * W[2] * W[1] * X) / 2', 'g')),
      ),
    };
    const grad = (name: string) => evaluate(parseExpr(`grad(${name}, W[2])`, 't'), e, Exact);
    expect(grad('f')).toEqual(grad('g'));
    expect((grad('f') as unknown as { value: { data: Rational[] } }).value.data.some((x) => !x.isZero())).toBe(true);
  });
});

describe('gated(W, D, a, b)', () => {
  test('D_a W_a ⋯ D_b W_b, the identity of size d_{b−1} when a < b', () => {
    const e = env(q(1));
    const [W1, W2] = e.families!.W!;
    const [D1, D2] = e.families!.D!;
    expect(evaluate(parseExpr('gated(W, D, 2, 1)', 't'), e, Exact)).toEqual({ kind: 'matrix', value: mul(Exact, mul(Exact, D2!, W2!), mul(Exact, D1!, W1!)) });
    expect(evaluate(parseExpr('gated(W, D, 1, 2)', 't'), e, Exact)).toEqual({ kind: 'matrix', value: Q([[1, 0], [0, 1]]) });
    expect(evaluate(parseExpr('gated(W, G, 1, 1)', 't'), e, Exact)).toEqual({ kind: 'matrix', value: mul(Exact, D1!, W1!) });
  });
});

describe('parsing, shapes and printing', () => {
  let ctx = declareSizes(emptyContext, ['H', 'k', 'm', 'd']);
  ctx = declareSymbol(ctx, 'X', matrixShape(Size.dim('d', Size.int(0)), Size.var('m')));
  ctx = declareSymbol(ctx, 'u', { kind: 'scalar' });
  ctx = declareFamily(ctx, 'W', ['k'], matrixShape(Size.dim('d', Size.var('k')), Size.dim('d', Size.var('k').sub(1))));
  ctx = declareFamily(ctx, 'D', ['k'], matrixShape(Size.dim('d', Size.var('k')), Size.dim('d', Size.var('k'))));
  ctx = declareFamily(ctx, 'V', ['k'], matrixShape(Size.dim('d', Size.var('k')), Size.dim('d', Size.var('k')).add(1)));

  test('source round trip and printers', async () => {
    for (const s of ['expect(W[H+1] * gated(W, D, H, 1) * X, D, u)', 'gated(W, D, k, 1)', 'expect(trace(D[k]), D, 1/2)']) {
      const e = parseExpr(s, 't');
      expect(toSource(parseExpr(toSource(e), 't'))).toBe(toSource(e));
    }
    const e = parseExpr('expect(W[H+1] * gated(W, D, H, 1) * X, D, u)', 't');
    expect(toText(e)).toBe('E_{D ~ Bern(u)}[W_{H+1} D_HW_H⋯D₁W₁ X]');
    expect(toLatex(e)).toBe('\\mathbb{E}_{D \\sim \\operatorname{Bern}(u)}\\left[ W_{H+1} D_{H} W_{H} \\cdots D_{1} W_{1} X \\right]');
    const tex = await loadTex();
    expect(tex.problem(toLatex(e), true)).toBeUndefined();
    expect(toText(parseExpr('gated(W, D, 2, 1)', 't'))).toBe('D₂W₂D₁W₁');
  });

  test('shapes: gated is d_a × d_{b−1}; masks must be square; the probability a scalar', () => {
    expect(checkClaim(parseClaim('gated(W, D, k, 1) = W[k] * gated(W, D, k-1, 1)', 't'), ctx).shape).toMatchObject({ kind: 'matrix' });
    expect(() => checkClaim(parseClaim('expect(X, V, u) = X', 't'), ctx)).toThrow(/the masks V\[k\] must be square/);
    expect(() => checkClaim(parseClaim('gated(W, V, k, 1) = W[k]', 't'), ctx)).toThrow(/V\[k\] must be square with the rows of W\[k\]/);
    expect(() => checkClaim(parseClaim('expect(X, D, X) = X', 't'), ctx)).toThrow(/the probability of expect/);
    expect(() => parseExpr('expect(X, D)', 't')).toThrow(/expect takes 3 arguments, got 2: write expect\(body, D, p\)/);
  });
});
