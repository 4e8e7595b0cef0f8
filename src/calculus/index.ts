/**
 * Matrix calculus on the IR: differential rules as named rewrites, the DLN gradient and Hessian derivations
 * (Lemma 4.1, Lemma 4.3) checked by exact evaluation, and the `dln derive` matrix-form report.
 */
export { type Step, type Derivation, type IndexDomain, Deriver } from './derivation.js';
export * as rules from './rules.js';
export { simplify } from './simplify.js';
export { context, definitions, layerRange, pairRange, provablyPositive, type Assumptions } from './setting.js';
export { gradientDerivation, gradientVecDerivation } from './gradient.js';
export {
  diagonalBlockDerivation, offDiagonalBlockDerivation, entrywiseDerivation, entrywiseDiagonalDerivation, quadraticFormDerivation,
  offDiagonalBlock,
} from './hessian.js';
export {
  type InstanceShape, type DlnInstance, type CheckReport, type CheckFailure, type SampleOptions,
  checkDerivation, sampleShapes, instance, instanceEnv,
} from './check.js';
export {
  type ReportFormat, type MatrixFormOptions, type MatrixForm, type CheckedDerivation, type Instantiation,
  matrixForm, matrixFormReport, renderMatrixForm,
} from './report.js';
