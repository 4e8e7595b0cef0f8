import { readDerivation } from './read.js';
import { buildSetting, type ProofSetting } from './setting.js';

/**
 * Parses, validates and shape-checks a derivation file's text, YAML or a LaTeX document by its `.tex` name
 * (InputError with file, line and key on a problem).
 */
export function proofSetting(text: string, file: string): ProofSetting {
  return buildSetting(readDerivation(text, file));
}
