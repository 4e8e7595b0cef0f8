import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNetwork, hessianLimitProblem } from '../../src/landscape/check.js';
import { parseNetwork } from '../../src/landscape/network.js';
import { checkProof } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';
import { presentProof } from '../../src/proof/present.js';
import { compileLatex } from '../../src/cli/pdflatex.js';
import { appendixLatex } from '../../src/render/appendix.js';
import { loadTex } from '../../src/render/katex.js';
import { budget, networkText, outcome, proofText } from './arbitraries.js';

/** 1 GB: the memory bound the issue sets for any accepted input (the whole process, checked between runs). */
const MEMORY = 1 << 30;

describe('the derivation-file loader under fuzzing', async () => {
  const tex = await loadTex();

  it('every file is refused naming the file, or checked and typeset without an internal error', () => {
    fc.assert(
      fc.property(proofText, (text) => {
        let accepted = false;
        const r = outcome(() => {
          const setting = proofSetting(text, 'f.proof.yaml');
          accepted = true;
          const result = checkProof(setting, { seed: 1, trials: 2 });
          appendixLatex([presentProof(setting, result)], tex, { standalone: true });
        });
        if (r.kind === 'refused') expect(accepted ? 'refused after loading' : r.message).toMatch(/^f\.proof\.yaml[:]/);
        expect(process.memoryUsage().rss).toBeLessThan(MEMORY);
      }),
      budget(150),
    );
  });
});

describe('appendices of random accepted files', async () => {
  const tex = await loadTex();
  const accepted = proofText.filter((text) => {
    try {
      proofSetting(text, 'f.proof.yaml');
      return true;
    } catch {
      return false;
    }
  });

  it('compile with pdflatex, Unicode titles and hostile prose included', () => {
    fc.assert(
      fc.property(accepted, (text) => {
        const setting = proofSetting(text, 'f.proof.yaml');
        const source = appendixLatex([presentProof(setting, checkProof(setting, { seed: 1, trials: 1 }))], tex, { standalone: true });
        expect(compileLatex(source, true)).toEqual({ status: 'compiled' });
      }),
      budget(6),
    );
  }, 120_000);
});

describe('the network-file loader under fuzzing', () => {
  it('every file is refused naming the file, or its points are classified exactly without an internal error', () => {
    fc.assert(
      fc.property(networkText, (text) => {
        let accepted = false;
        const r = outcome(() => {
          const spec = parseNetwork(text, 'n.json');
          accepted = true;
          if (hessianLimitProblem(spec.widths, 'exact') === undefined) checkNetwork(spec, 'exact');
          checkNetwork(spec, 'float');
        });
        if (r.kind === 'refused') expect(accepted ? 'refused after loading' : r.message).toMatch(/^n\.json[: ]/);
        expect(process.memoryUsage().rss).toBeLessThan(MEMORY);
      }),
      budget(150),
    );
  });
});
