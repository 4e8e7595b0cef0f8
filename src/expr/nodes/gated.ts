import { identity, mul } from '../../linalg/matrix.js';
import type { Gated } from '../ast.js';
import { Size } from '../size.js';
import { type NodeSpec, type ParseRules, type Printed, type Printer, Prec } from '../spec.js';
import { atom } from './common.js';

/**
 * `gated(W, D, a, b)` = D_a W_a D_{a−1} W_{a−1} ⋯ D_b W_b: the forward pass of a network whose layer k is gated by
 * D_k (a 0/1 diagonal mask: the activation pattern of a ReLU layer, or a random mask). W is a declared family; D may
 * be declared or defined (e.g. `"G[k]": D[k] / u`). When a < b it is the identity of size d_{b−1} (the columns of W_b).
 */

function build(family: string, masks: string, from: Size, to: Size): Gated {
  return { kind: 'gated', family, masks, from, to };
}

function printGated(n: Gated, p: Printer): Printed {
  const count = n.from.sub(n.to).constant();
  if (count !== undefined && count < 0) return atom('I');
  const pair = (i: Size) => `${p.subscripted(n.masks, [i])}${p.style === 'latex' ? ' ' : ''}${p.subscripted(n.family, [i])}`;
  const sep = p.style === 'latex' ? ' ' : '';
  if (count !== undefined && count <= 1) return { s: Array.from({ length: count + 1 }, (_, i) => pair(n.from.sub(i))).join(sep), prec: Prec.MUL };
  const dots = p.style === 'latex' ? ' \\cdots ' : '⋯';
  return { s: pair(n.from) + dots + pair(n.to), prec: Prec.MUL };
}

export const gated: NodeSpec<'gated'> = {
  kind: 'gated',
  children: () => [],
  map: (n, _f, g) => build(n.family, n.masks, g(n.from), g(n.to)),
  shape(n, c) {
    const { param, shape } = c.family(n.family);
    const k = Size.var(param);
    const D = c.member(n.masks, [k]);
    if (D.kind !== 'matrix') return c.fail(`gated(${n.family}, ${n.masks}, …): ${n.masks}[${param}] must be a matrix`);
    const rows = shape.rows;
    const bad = () => `gated(${n.family}, ${n.masks}, …): ${n.masks}[${param}] must be square with the rows of ${n.family}[${param}]`;
    c.same(D.rows, rows, bad);
    c.same(D.cols, rows, bad);
    return { kind: 'matrix', rows: rows.substitute({ [param]: n.from }), cols: shape.cols.substitute({ [param]: n.to }) };
  },
  latex: printGated,
  text: printGated,
  source: (n, p) => atom(`gated(${n.family}, ${n.masks}, ${p.size(n.from)}, ${p.size(n.to)})`),
  evaluate(n, ev) {
    const a = ev.size(n.from);
    const z = ev.size(n.to);
    const W = (i: number) => ev.familyMember(n.family, i) ?? ev.fail(`gated(${n.family}, ${n.masks}, ${a}, ${z}) needs ${n.family}[${i}], which does not exist`);
    const D = (i: number) => {
      const v = ev.member(n.masks, [i]);
      return v.kind === 'matrix' ? v.value : ev.fail(`${n.masks}[${i}] is not a matrix`);
    };
    if (a < z) return { kind: 'matrix', value: identity(ev.F, W(z).cols) };
    let acc = mul(ev.F, D(a), W(a));
    for (let i = a - 1; i >= z; i--) acc = mul(ev.F, acc, mul(ev.F, D(i), W(i)));
    return { kind: 'matrix', value: acc };
  },
};

export const rules: ParseRules = {
  functions: {
    gated: {
      arity: 4,
      usage: 'gated(W, D, a, b)',
      build: (args, cv) => build(cv.name(args[0]!, 'the weight family of gated'), cv.name(args[1]!, 'the mask family of gated'), cv.size(args[2]!), cv.size(args[3]!)),
    },
  },
};
