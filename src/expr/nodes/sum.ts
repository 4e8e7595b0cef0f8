import * as M from '../../linalg/matrix.js';
import * as b from '../build.js';
import { identifier } from '../names.js';
import { type NodeSpec, type ParseRules, type Value, Prec } from '../spec.js';
import { sumTensor, zeroTensor } from '../legs.js';

/** Σ_{k=a}^{b} body over an integer index (zero when b < a). The summand's shape must not depend on the index. */
export const sum: NodeSpec<'sum'> = {
  kind: 'sum',
  children: (n) => [n.body],
  map: (n, f, g) => b.sum(n.index, g(n.from), g(n.to), f(n.body)),
  shape(n, c) {
    const s = c.within(n.index, () => c.shape(n.body));
    if (s.kind !== 'scalar' && s.kind !== 'matrix') c.fail(`sum over ${n.index} of ${c.describe(s)}`);
    if (s.kind === 'matrix' && (s.rows.freeVars().has(n.index) || s.cols.freeVars().has(n.index)))
      c.fail(`sum over ${n.index}: the summand ${c.src(n.body)} is ${c.describe(s)}, which depends on ${n.index}`);
    return s;
  },
  latex: (n, p) => ({
    s: `\\sum_{${identifier(n.index, 'latex')}=${p.size(n.from)}}^{${p.size(n.to)}} ${p.wrap(n.body, Prec.SUM)}`,
    prec: Prec.SUM,
  }),
  text: (n, p) => ({ s: `Σ_{${identifier(n.index, 'text')}=${p.size(n.from)}}^{${p.size(n.to)}} ${p.wrap(n.body, Prec.SUM)}`, prec: Prec.SUM }),
  source: (n, p) => ({ s: `sum(${n.index}, ${p.size(n.from)}, ${p.size(n.to)}, ${p.print(n.body).s})`, prec: Prec.ATOM }),
  evaluate(n, ev) {
    const a = ev.size(n.from);
    const z = ev.size(n.to);
    let acc: Value<typeof ev.F.zero> | undefined;
    for (let i = a; i <= z; i++) {
      const v = ev.within(n.index, i).value(n.body);
      if (acc === undefined) acc = v;
      else if (acc.kind === 'scalar' && v.kind === 'scalar') acc = { kind: 'scalar', value: ev.F.add(acc.value, v.value) };
      else if (acc.kind === 'matrix' && v.kind === 'matrix') {
        if (acc.value.rows !== v.value.rows || acc.value.cols !== v.value.cols) ev.fail(`sum over ${n.index}: summands of different sizes`);
        acc = { kind: 'matrix', value: M.add(ev.F, acc.value, v.value) };
      } else ev.fail(`sum over ${n.index}: summands of different kinds`);
    }
    // the summand's shape does not depend on the index, but out of range it may not be evaluable at all
    return acc ?? ev.within(n.index, a).zeroLike(n.body);
  },
  tensor(n, t) {
    const a = t.integer(n.from, 'the lower bound of sum');
    const z = t.integer(n.to, 'the upper bound of sum');
    // an empty sum is zero, of the structure its summand has at the lower bound
    if (z < a) {
      const body = t.within(n.index, a, () => t.tensor(n.body));
      return zeroTensor(body.rows, body.cols);
    }
    const terms = [];
    for (let i = a; i <= z; i++) terms.push(t.within(n.index, i, () => t.tensor(n.body)));
    return sumTensor(terms, t.outside.bind(t));
  },
};

export const rules: ParseRules = {
  functions: {
    sum: {
      arity: 4,
      usage: 'sum(k, a, b, expr)',
      build: (args, cv) => b.sum(cv.name(args[0]!, 'the index of sum'), cv.size(args[1]!), cv.size(args[2]!), cv.expr(args[3]!)),
    },
  },
};
