/**
 * The matrix-expression IR: parse (mathjs syntax), shapes, LaTeX / Unicode / source printers, exact evaluation.
 * The derivation checker, the calculus and the renderers use this module's exports only.
 */
export type * from './ast.js';
export * as build from './build.js';
export { Size, WIDTHS, SizeOverflow, type SizeAtom, type SizeBinding, type SizeComparison } from './size.js';
export { InstanceError } from './errors.js';
export { own, userRecord } from './own.js';
export {
  parseExpr, parseClaim, parseEquation, parseSize, parseGiven, excerpt, isIdentifier, EXPRESSION_LIMITS, IDENTIFIER_RULE, type Given,
} from './parse.js';
export {
  type ShapeContext, type FamilyShape, type ShapeResult, type DeferredEquality, type ShapeObserver,
  emptyContext, declareSymbol, declareFamily, declareSizes, withDefinitions, matrixShape,
  inferShape, checkShape, checkClaim, describeShape, failedEquality,
} from './shape.js';
export { toLatex, toText, toSource, claimToLatex, claimToText, claimToSource } from './print.js';
export { type Env, type Directions, evaluate, evaluateMatrix, evaluateAll, evaluateAlong, valuesEqual, firstDifference } from './evaluate.js';
export type { Value } from './spec.js';
export { type Dual, type DualField, dualField } from './dual.js';
export { exprEquals } from './equal.js';
export { type ExactValues, evaluateExactly, evaluateExactlyAlong, usesLogExp } from './exact.js';
export { type LogExp, type LogExpField, logExpField } from './logexp.js';
export { children, mapChildren, rewrite, substituteSizes, expandDefinitions, freeSizeVars } from './transform.js';
export { type ClaimStructure, type SizeNeed, type TensorSetting, claimStructure } from './tensor.js';
export { atomName, sizeCoef } from './legs.js';
export { type LatexScope } from './latex/parser.js';
export { dollarMath, parseLatexClaim, parseLatexExpr } from './latex/claim.js';
export { type ProsePart, checkProse, proseParts, proseText } from './latex/prose.js';
