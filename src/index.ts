/**
 * dln as a library: the core the command line is built on. Every function throws an InputError (with the file
 * and line or field) on bad input, as the commands exit 2 with it.
 *
 *   import { readDerivation, verifyDerivation, readNetwork, checkPoints } from 'dln';
 *   const result = verifyDerivation(readDerivation('proofs/lemma-4.1.proof.yaml'), { seed: 7 });
 *   const report = checkPoints(readNetwork('fixtures/h2-diag.json'));
 */
export { InputError } from './errors.js';
export { parseDerivation, readDerivation, verifyDerivation, type Derivation, type VerifyOptions } from './api/derivations.js';
export { checkPoints, criticalPoints, parseNetworkText, readNetwork, type NetworkOptions } from './api/networks.js';
export { deriveEntries, type EntriesAnswer, type EntriesOptions } from './api/derive.js';
export { allPassed, STATUSES } from './proof/result.js';
export type { Counterexample, ProofResult, StepResult, StepScope, StepStatus } from './proof/result.js';
export type { CandidatePoint, Label, NetworkSpec } from './landscape/network.js';
export type { Certificate, NetworkReport, PointReport } from './landscape/report.js';
export type { CriticalReport } from './landscape/critical.js';
export type { Parameter } from './scalar/names.js';
export { Rational } from './linalg/rational.js';
export type { Matrix } from './linalg/matrix.js';
