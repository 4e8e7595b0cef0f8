import { identity, mul } from '../../linalg/matrix.js';
import * as b from '../build.js';
import { type NodeSpec, type ParseRules, type Printed, type Printer, Prec } from '../spec.js';
import type { Prod } from '../ast.js';
import { atom } from './common.js';
import { productTensor, wiredTensor } from '../legs.js';
import { Size } from '../size.js';

/**
 * `prod(W, a, b)` = W_a W_{a−1} ⋯ W_b over a declared family. When a < b it is the identity whose size is the
 * column count of W_b (d_{b−1}), the paper's convention (A_{H+1} = I, Z_1 = X).
 */

/** Written out when there are at most this many factors (W₄W₃W₂W₁); longer products use ⋯. */
const SPELLED_OUT = 4;

function printProd(n: Prod, p: Printer): Printed {
  const count = n.from.sub(n.to).constant();
  if (count !== undefined && count < 0) return atom('I');
  if (count === 0) return atom(p.subscripted(n.family, [n.from]));
  const dots = p.style === 'latex' ? ' \\cdots ' : '⋯';
  const sep = p.style === 'latex' ? ' ' : '';
  const factors =
    count !== undefined && count + 1 <= SPELLED_OUT
      ? Array.from({ length: count + 1 }, (_, i) => p.subscripted(n.family, [n.from.sub(i)])).join(sep)
      : p.subscripted(n.family, [n.from]) + dots + p.subscripted(n.family, [n.to]);
  return { s: factors, prec: Prec.MUL };
}

export const prod: NodeSpec<'prod'> = {
  kind: 'prod',
  children: () => [],
  map: (n, _f, g) => b.prod(n.family, g(n.from), g(n.to)),
  shape(n, c) {
    const { param, shape } = c.family(n.family);
    return { kind: 'matrix', rows: shape.rows.substitute({ [param]: n.from }), cols: shape.cols.substitute({ [param]: n.to }) };
  },
  latex: printProd,
  text: printProd,
  source: (n, p) => atom(`prod(${n.family}, ${p.size(n.from)}, ${p.size(n.to)})`),
  evaluate(n, ev) {
    const a = ev.size(n.from);
    const z = ev.size(n.to);
    const get = (i: number) => ev.familyMember(n.family, i) ?? ev.fail(`prod(${n.family}, ${a}, ${z}) needs ${n.family}[${i}], which does not exist`);
    if (a < z) {
      const size = ev.familyMember(n.family, z)?.cols ?? ev.familyMember(n.family, z - 1)?.rows;
      if (size === undefined) return ev.fail(`prod(${n.family}, ${a}, ${z}) is an identity whose size (columns of ${n.family}[${z}]) is unknown`);
      return { kind: 'matrix', value: identity(ev.F, size) };
    }
    let acc = get(a);
    for (let i = a - 1; i >= z; i--) {
      const next = get(i);
      if (acc.cols !== next.rows) ev.fail(`prod(${n.family}, ${a}, ${z}): ${n.family}[${i + 1}] has ${acc.cols} columns but ${n.family}[${i}] has ${next.rows} rows`);
      acc = mul(ev.F, acc, next);
    }
    return { kind: 'matrix', value: acc };
  },
  tensor(n, t) {
    const a = t.integer(n.from, 'the first index of prod');
    const z = t.integer(n.to, 'the last index of prod');
    if (a < z) {
      // the identity on the columns of the last factor: a wire that may close into a loop
      const cols = t.size(t.memberDims(n.family, z).cols);
      return wiredTensor([cols], [cols]);
    }
    let acc = t.member(n.family, [Size.int(a)]);
    for (let i = a - 1; i >= z; i--) acc = productTensor(acc, t.member(n.family, [Size.int(i)]), t.outside.bind(t));
    return acc;
  },
};

export const rules: ParseRules = {
  functions: {
    prod: {
      arity: 3,
      usage: 'prod(W, a, b)',
      build: (args, cv) => b.prod(cv.name(args[0]!, 'the family of prod'), cv.size(args[1]!), cv.size(args[2]!)),
    },
  },
};
