import { parseProofDocument } from './document.js';
import { buildSetting, type ProofSetting } from './setting.js';

/** Parses, validates and shape-checks a derivation file's text (InputError with file, line and key on a problem). */
export function proofSetting(text: string, file: string): ProofSetting {
  return buildSetting(parseProofDocument(text, file));
}
