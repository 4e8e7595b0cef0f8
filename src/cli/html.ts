import { pageHtml } from '../render/html.js';
import { katexStylesheet } from '../render/katex-css.js';
import { loadTex } from '../render/katex.js';
import { checkedProofs, type ProofOutputOptions, writeChecked } from './proof-output.js';

/**
 * `dln html PROOF… -o FILE`: one offline page (KaTeX rendered server-side, its CSS and fonts inlined) with the
 * same content as the appendix. Exit 1 when some step is not verified (the page is still written, those steps marked).
 */
export async function run(files: string[], opts: ProofOutputOptions): Promise<number> {
  const checked = checkedProofs(files, opts);
  const tex = await loadTex();
  return writeChecked(checked, pageHtml(checked.proofs, tex, katexStylesheet(), checked.evidence));
}
