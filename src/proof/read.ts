import { type ProofDocument, parseProofDocument } from './document.js';
import { parseTexDocument } from './tex.js';

/** A derivation file of either kind: a `.tex` document (dlnsetting and dlnderivation environments), or YAML. */
export function readDerivation(text: string, file: string): ProofDocument {
  return /\.tex$/i.test(file) ? parseTexDocument(text, file) : parseProofDocument(text, file);
}
