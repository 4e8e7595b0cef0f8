import { appendixLatex } from '../render/appendix.js';
import { loadTex } from '../render/katex.js';
import { checkedProofs, type ProofOutputOptions, writeChecked } from './proof-output.js';

interface LatexOptions extends ProofOutputOptions {
  standalone?: boolean;
}

/**
 * `dln latex PROOF… -o FILE [--standalone] [--evidence full|brief|none]`: the LaTeX appendix of checked derivations
 * (an `\input`-able fragment, or a complete document). Exit 1 when some step is not verified (the file is still written, those steps marked).
 */
export async function run(files: string[], opts: LatexOptions): Promise<number> {
  const checked = checkedProofs(files, opts);
  const tex = await loadTex();
  return writeChecked(checked, appendixLatex(checked.proofs, tex, { standalone: !!opts.standalone, evidence: checked.evidence }));
}
