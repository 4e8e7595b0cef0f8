import type { Field } from '../../linalg/field.js';
import * as M from '../../linalg/matrix.js';
import type { Expect, Expr } from '../ast.js';
import { identifier } from '../names.js';
import { type NodeSpec, type ParseRules, type Value, Prec } from '../spec.js';
import { atom, call } from './common.js';

/**
 * `expect(body, D, p)`: the expectation of `body` when every member D[k] of the declared family D that `body` reads
 * is a random diagonal 0/1 matrix whose diagonal entries are independent Bernoulli(p) — the masks of a ReLU
 * network under the independence assumption of Section 3. Computed exactly by enumeration:
 * E[body] = Σ_z P(z)·body(z) over every 0/1 assignment z of those diagonal entries, P(z) = Π p^{z_i}(1 − p)^{1−z_i}.
 * The sampled values of D are ignored. It is a polynomial in p, so any scalar p may be given (p ∈ [0, 1] for a
 * probability). The members read are found by one evaluation of `body`; at most MAX_ENTRIES entries are enumerated.
 */

/** 2¹⁶ evaluations of the body at most. */
const MAX_ENTRIES = 16;

const build = (body: Expr, family: string, p: Expr): Expect => ({ kind: 'expect', body, family, p });

function accumulate<T>(F: Field<T>, acc: Value<T> | undefined, w: T, v: Value<T>, fail: (m: string) => never): Value<T> {
  if (v.kind === 'scalar') return { kind: 'scalar', value: F.add(acc?.kind === 'scalar' ? acc.value : F.zero, F.mul(w, v.value)) };
  if (v.kind === 'matrix') {
    const term = M.scale(F, w, v.value);
    return { kind: 'matrix', value: acc?.kind === 'matrix' ? M.add(F, acc.value, term) : term };
  }
  return fail('expect of a predicate or a subspace');
}

export const expect: NodeSpec<'expect'> = {
  kind: 'expect',
  children: (n) => [n.body, n.p],
  map: (n, f) => build(f(n.body), n.family, f(n.p)),
  shape(n, c) {
    const { param, shape } = c.family(n.family);
    c.same(shape.rows, shape.cols, () => `expect(…, ${n.family}, …): the masks ${n.family}[${param}] must be square (diagonal)`);
    c.scalarLike(n.p, 'the probability of expect');
    const s = c.shape(n.body);
    if (s.kind !== 'scalar' && s.kind !== 'matrix') c.fail(`expect of ${c.describe(s)}: expected a matrix or a scalar`);
    return s;
  },
  latex: (n, p) => ({
    s: `\\mathbb{E}_{${identifier(n.family, 'latex')} \\sim \\operatorname{Bern}(${p.print(n.p).s})}\\left[ ${p.print(n.body).s} \\right]`,
    prec: Prec.ATOM,
  }),
  text: (n, p) => atom(`E_{${identifier(n.family, 'text')} ~ Bern(${p.print(n.p).s})}[${p.print(n.body).s}]`),
  source: (n, p) => call(p, 'expect', [p.print(n.body).s, n.family, p.print(n.p).s]),
  evaluate(n, ev) {
    const F = ev.F;
    const prob = ev.scalar(n.p, 'the probability of expect');
    const members: M.Matrix<typeof prob>[] = [];
    for (let i = 1; ev.familyMember(n.family, i); i++) members.push(ev.familyMember(n.family, i)!);
    // Which members the body reads: one evaluation with every mask the identity, its reads recorded.
    const read = new Set<number>();
    const ones = members.map((D) => M.identity(F, D.rows));
    const probe = new Proxy(ones, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
        return Reflect.get(target, key, receiver);
      },
    });
    ev.withFamily(n.family, probe).value(n.body);
    const entries = [...read].sort((a, b) => a - b).flatMap((k) => Array.from({ length: members[k]!.rows }, (_, i) => ({ k, i })));
    if (entries.length > MAX_ENTRIES)
      ev.fail(`expect over ${entries.length} Bernoulli entries of ${n.family}: more than ${MAX_ENTRIES} to enumerate`);
    const q = F.sub(F.one, prob);
    let acc: Value<typeof prob> | undefined;
    for (let z = 0; z < 2 ** entries.length; z++) {
      const masks = members.map((D) => M.zeros(F, D.rows, D.cols).data.slice());
      let weight = F.one;
      entries.forEach(({ k, i }, bit) => {
        const on = ((z >> bit) & 1) === 1;
        if (on) masks[k]![i * members[k]!.cols + i] = F.one;
        weight = F.mul(weight, on ? prob : q);
      });
      const bound = masks.map((data, k) => M.matrix(members[k]!.rows, members[k]!.cols, data));
      acc = accumulate(F, acc, weight, ev.withFamily(n.family, bound).value(n.body), (m) => ev.fail(m));
    }
    return acc!;
  },
};

export const rules: ParseRules = {
  functions: {
    expect: {
      arity: 3,
      usage: 'expect(body, D, p)',
      build: (args, cv) => build(cv.expr(args[0]!), cv.name(args[1]!, 'the mask family of expect'), cv.expr(args[2]!)),
    },
  },
};
