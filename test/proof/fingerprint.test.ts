import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProofDocument } from '../../src/proof/document.js';
import { stepKey } from '../../src/proof/fingerprint.js';
import { checkStep } from '../../src/proof/check.js';
import { proofSetting } from '../../src/proof/load.js';

const file = 'proofs/lemma-4.1.proof.yaml';
const text = readFileSync(file, 'utf8');
const keys = (t: string) => {
  const doc = parseProofDocument(t, file);
  return doc.steps.map((_, i) => stepKey(doc, i));
};

describe('step keys (what a re-check after an edit may reuse)', () => {
  const before = keys(text);

  it('an edit of a justification, a comment or the layout changes no key', () => {
    const edited = text.replace(/because: /, 'because: indeed, ').replace(/^title: .*$/m, 'title: "Renamed"') + '\n# a comment\n';
    expect(keys(edited)).toEqual(before);
  });

  it("an edit of one step's formula changes that step's key only", () => {
    const edited = text.replace("A[k]' * E * Z[k]'", "A[k]' * E * (Z[k])'");
    const after = keys(edited);
    const changed = after.flatMap((k, i) => (k === before[i] ? [] : [i + 1]));
    expect(changed).toEqual([8]);
    // and a reused result is the result: checking the unchanged steps of the edited file gives the same results
    const a = proofSetting(text, file);
    const b = proofSetting(edited, file);
    for (const i of [0, 6, 9]) expect(checkStep(b, i, { seed: 3, trials: 6 })).toEqual(checkStep(a, i, { seed: 3, trials: 6 }));
  });

  it('an edit of the declarations, or a new name anywhere, changes every key', () => {
    const shapes = keys(text.replace('define:', 'define:\n    Q: X'));
    expect(shapes.every((k, i) => k !== before[i])).toBe(true);
    // declared matrices that d(…) moves too change every differential
    const varied = keys(text.replace('define:', 'vary: [X]\n  define:'));
    expect(varied.every((k, i) => k !== before[i])).toBe(true);
    const moved = keys(text.replace("A[k]' * E * Z[k]'", "A[k]' * E * Z[k]' + 0 * fresh"));
    expect(moved.filter((k, i) => k === before[i])).toEqual([]);
  });
});
