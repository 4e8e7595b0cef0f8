import * as b from '../build.js';
import { identifier } from '../names.js';
import type { NodeSpec } from '../spec.js';
import { atom } from './common.js';

/** Named values `X`, `E`, `p` and family members `W[k]`, `A[k]`, `Q[j,k]`, `d[k]` (meaning resolved by context). */

export const sym: NodeSpec<'sym'> = {
  kind: 'sym',
  children: () => [],
  map: (n) => n,
  shape: (n, c) => c.symbol(n.name),
  latex: (n) => atom(identifier(n.name, 'latex')),
  text: (n) => atom(identifier(n.name, 'text')),
  source: (n) => atom(n.name),
  evaluate: (n, ev) => ev.symbol(n.name),
  tensor: (n, t) => t.symbol(n.name),
};

export const member: NodeSpec<'member'> = {
  kind: 'member',
  children: () => [],
  map: (n, _f, g) => b.member(n.family, ...n.indices.map(g)),
  shape: (n, c) => c.member(n.family, n.indices),
  latex: (n, p) => atom(p.subscripted(n.family, n.indices)),
  text: (n, p) => atom(p.subscripted(n.family, n.indices)),
  source: (n, p) => atom(`${n.family}[${n.indices.map((s) => p.size(s)).join(', ')}]`),
  evaluate: (n, ev) => ev.member(n.family, n.indices.map((s) => ev.size(s))),
  tensor: (n, t) => t.member(n.family, n.indices),
};
