/** The numeric core: network files, derivatives, classification with certificates, critical-point families. */
export { parseNetwork, loadNetwork, LABELS, NETWORK_LIMITS, type Label, type NetworkSpec, type CandidatePoint } from './network.js';
export {
  parameterCount, parameterOffsets, parameterIndex, parameterAt, parameterName, flattenWeights, unflattenWeights, widthsOf,
} from './params.js';
export { loss, gradient, hessian, hessianFloat64, residual, endToEnd, layerProducts, toFloat } from './derivatives.js';
export { lossAlongLine, lowestTerm } from './line.js';
export { analyzeData, lossStarOf, type DataAnalysis } from './data.js';
export { checkHypotheses, type Hypotheses, type HypothesisPart } from './hypotheses.js';
export { sigmaMatrix, isolateSpectrum, topEigenSum, type Spectrum, type EigenCluster, type EigenSum } from './spectrum.js';
export { globalMinimumTest, indexSetOf, rangeProjector } from './optimum.js';
export { classifyExact, classifyFloat, HESSIAN_LIMITS, type ClassifyInput } from './classify.js';
export { checkNetwork, hessianLimitProblem, type CheckMode } from './check.js';
export { criticalFamilies, type FamilyPoint, type CriticalFamilies, type FamilyKind } from './families.js';
export { criticalReport, type CriticalReport, type FamilyReport } from './critical.js';
export { randomUnimodular } from './random.js';
export type { PointReport, NetworkReport, Certificate, Num } from './report.js';
