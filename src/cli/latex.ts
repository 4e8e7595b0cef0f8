import { appendixLatex } from '../render/appendix.js';
import { loadTex } from '../render/katex.js';
import { compileLatex } from './pdflatex.js';
import { checkedProofs, type ProofOutputOptions, writeChecked } from './proof-output.js';

interface LatexOptions extends ProofOutputOptions {
  standalone?: boolean;
  /** false with --no-compile. */
  compile?: boolean;
}

/**
 * `dln latex PROOF… -o FILE [--standalone] [--evidence full|brief|none] [--no-compile]`: the LaTeX appendix of checked
 * derivations (an `\input`-able fragment, or a complete document). Exit 1 when some step failed or was not checked
 * (the file is still written, those steps marked). When pdflatex is installed the appendix is compiled first (a
 * fragment inside a host document): one that does not compile is not written, and the exit code is 1.
 */
export async function run(files: string[], opts: LatexOptions): Promise<number> {
  const checked = checkedProofs(files, opts);
  const tex = await loadTex();
  const content = appendixLatex(checked.proofs, tex, { standalone: !!opts.standalone, evidence: checked.evidence });
  const compiled = opts.compile === false ? ({ status: 'skipped', why: '--no-compile' } as const) : compileLatex(content, !!opts.standalone);
  return writeChecked(checked, content, compiled);
}
