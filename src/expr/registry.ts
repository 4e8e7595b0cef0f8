import type { Kind } from './ast.js';
import type { FunctionRule, NodeSpec, ParseRules } from './spec.js';
import * as arith from './nodes/arith.js';
import * as constant from './nodes/constant.js';
import * as derivative from './nodes/derivative.js';
import * as determinant from './nodes/determinant.js';
import * as diagonal from './nodes/diagonal.js';
import * as elementary from './nodes/elementary.js';
import * as expectation from './nodes/expect.js';
import * as gated from './nodes/gated.js';
import * as hadamard from './nodes/hadamard.js';
import * as inverse from './nodes/inverse.js';
import * as jacobian from './nodes/jacobian.js';
import * as kron from './nodes/kron.js';
import * as logic from './nodes/logic.js';
import * as number from './nodes/number.js';
import * as power from './nodes/power.js';
import * as predicate from './nodes/predicate.js';
import * as prod from './nodes/prod.js';
import * as scalar from './nodes/scalar.js';
import * as sum from './nodes/sum.js';
import * as symbol from './nodes/symbol.js';
import * as transpose from './nodes/transpose.js';

/** Every node kind's definition, checked exhaustive by the type. */
export const specs: { readonly [K in Kind]: NodeSpec<K> } = {
  num: number.num,
  size: number.sizeValue,
  sym: symbol.sym,
  member: symbol.member,
  prod: prod.prod,
  add: arith.add,
  neg: arith.neg,
  mul: arith.mul,
  div: arith.div,
  transpose: transpose.transpose,
  kron: kron.kron,
  vec: kron.vec,
  commutation: kron.commutation,
  inv: inverse.inv,
  pinv: inverse.pinv,
  trace: scalar.trace,
  fro2: scalar.fro2,
  inner: scalar.inner,
  entry: scalar.entry,
  identity: constant.identity,
  zeros: constant.zeros,
  grad: derivative.grad,
  hess: derivative.hess,
  diff: derivative.diff,
  sum: sum.sum,
  iszero: predicate.iszero,
  psd: predicate.psd,
  rank: predicate.rank,
  range: predicate.range,
  subset: predicate.subset,
  compare: logic.compare,
  logic: logic.logic,
  not: logic.not,
  gated: gated.gated,
  expect: expectation.expect,
  pow: power.pow,
  det: determinant.det,
  adj: determinant.adj,
  hadamard: hadamard.hadamard,
  ones: constant.ones,
  unit: constant.unit,
  diag: diagonal.diag,
  diagvec: diagonal.diagvec,
  log: elementary.log,
  exp: elementary.exp,
  abs: elementary.abs,
  sqrt: elementary.sqrt,
  norm: elementary.norm,
  elementwise: elementary.elementwise,
  jacobian: jacobian.jacobian,
};

export function spec<K extends Kind>(kind: K): NodeSpec<K> {
  return specs[kind] as NodeSpec<K>;
}

const allRules: readonly ParseRules[] = [
  arith.rules, number.rules, constant.rules, derivative.rules, inverse.rules, kron.rules, logic.rules, predicate.rules, prod.rules,
  scalar.rules, sum.rules, transpose.rules, gated.rules, expectation.rules, power.rules, determinant.rules, hadamard.rules,
  diagonal.rules, elementary.rules, jacobian.rules,
];

export const functionRules: ReadonlyMap<string, FunctionRule> = new Map(allRules.flatMap((r) => Object.entries(r.functions ?? {})));
export const operatorRules = new Map(allRules.flatMap((r) => Object.entries(r.operators ?? {})));
