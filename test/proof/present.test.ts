import { readdirSync, readFileSync } from 'node:fs';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkProof } from '../../src/proof/check.js';
import { parseProofDocument } from '../../src/proof/document.js';
import { proofSetting } from '../../src/proof/load.js';
import { presentProof, printFormula } from '../../src/proof/present.js';
import type { ProofResult, StepResult } from '../../src/proof/result.js';
import { alignRows } from '../../src/render/display.js';
import { alignBody } from '../../src/render/layout.js';
import { shapeLatex } from '../../src/render/presented.js';

const FILE = `title: "Presenter test: 50% of W_1 & #2"
source: "a test"
summary: "Prose."
given:
  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"], s: [] }
  ranges: { H: [1, 3], k: [2, "H+1"] }
  define:
    S: X * X'
    "A[k]": prod(W, H+1, k+1)
  assume: [critical, psd-hessian, A, "W[1] = 0", "rank(X * X') == d[0]"]
steps:
  - claim: S = X * X'
    because: "the definition"
  - holds: psd(S)
  - claim: s * s = s + s
`;
const setting = proofSetting(FILE, 'dir/test.proof.yaml');

const step = (status: StepResult['status'], extra: Partial<StepResult> = {}): StepResult => ({
  step: 1,
  status,
  methods: ['randomized exact evaluation on sampled instances'],
  trials: 5,
  instances: ['H=1, k=2, d=(2,1,3), m=2'],
  scope: { sizes: 'tried', maxSize: 3, H: [1, 3], why: 'checked under hypotheses' },
  ...extra,
});
const result = (steps: StepResult[]): ProofResult => ({ file: 'dir/test.proof.yaml', title: 't', seed: 42, trials: 5, steps });

describe('presentProof', () => {
  const verified = step('verified', { probabilityBound: 'Schwartz–Zippel: 5 trials, probability ≤ 1e-30.' });
  const failed = step('failed', {
    reason: 'side 1 and side 2 differ on this instance',
    counterexample: {
      bindings: { H: 1, 'd[0]': 2, m: 1 },
      matrices: [],
      sides: [],
      firstDifference: { row: 1, col: 2, left: '3/4', right: '-1/4' },
      seed: 42,
      trial: 3,
    },
  });
  const unchecked = step('unchecked', { trials: 0, reason: 'no instance satisfying the hypotheses could be drawn' });
  const p = presentProof(setting, result([verified, failed, unchecked]));

  it('prints the setting with the IR printers: family names as subscripts, sizes, scalars', () => {
    expect(p.file).toBe('dir/test.proof.yaml');
    expect(p.title).toBe('Presenter test: 50% of W_1 & #2'); // raw: the writers escape it
    expect(p.source).toBe('a test');
    expect(p.summary).toBe('Prose.');
    expect(p.shapes).toEqual([
      { name: 'X', rows: 'd_{0}', cols: 'm' },
      { name: 'Y', rows: 'd_{H+1}', cols: 'm' },
      { name: 'W_{k}', rows: 'd_{k}', cols: 'd_{k-1}' },
      { name: 's' },
    ]);
    expect(p.shapes.map(shapeLatex)).toContain('s \\in \\mathbb{R}');
    expect(p.ranges).toEqual([
      { name: 'H', lo: '1', hi: '3' },
      { name: 'k', lo: '2', hi: 'H+1' },
    ]);
    expect(p.defines).toEqual([
      { name: 'S', latex: 'X X^\\top' },
      { name: 'A_{k}', latex: expect.stringMatching(/^W_\{H\+1\} \\cdots W_\{k\+1\}$/) },
    ]);
  });

  it('states named hypotheses in words and the others as formulas', () => {
    expect(p.hypotheses).toHaveLength(5);
    expect(p.hypotheses[0]).toEqual({ text: expect.stringMatching(/^\$W\$ is a critical point of the loss \$L = .*families/) });
    expect(p.hypotheses[1]).toEqual({ text: expect.stringMatching(/Hessian is positive semidefinite/) });
    expect(p.hypotheses[2]).toEqual({ text: expect.stringMatching(/^The data satisfy \(A\): .*full rank.*distinct eigenvalues/) });
    expect(p.hypotheses[3]).toEqual({ math: 'W_{1} = 0' });
    expect(p.hypotheses[4]).toEqual({ math: '\\operatorname{rank}(X X^\\top) = d_{0}' });
  });

  it('keeps each status exactly as the checker gave it, with the seed and a note saying how', () => {
    expect(p.seed).toBe(42);
    expect(p.steps.map((s) => [s.index, s.status])).toEqual([
      [1, 'verified'],
      [2, 'failed'],
      [3, 'unchecked'],
    ]);
    expect(p.steps[0]).toMatchObject({ latex: 'S = X X^\\top', because: 'the definition' });
    expect(p.steps[1]!.because).toBeUndefined();
    expect(p.steps[1]!.latex).toMatch(/succeq 0|psd/);
    expect(p.steps[0]!.note).toBe('By randomized exact evaluation on sampled instances. Schwartz–Zippel: 5 trials, probability ≤ 1e-30.');
    expect(p.steps[1]!.note).toContain('side 1 and side 2 differ on this instance');
    expect(p.steps[1]!.note).toContain('Counterexample on trial 3 at H = 1, d[0] = 2, m = 1.');
    expect(p.steps[1]!.note).toContain('First difference at entry (1, 2): 3/4 ≠ -1/4.');
    expect(p.steps[1]!.note).toContain('dln verify dir/test.proof.yaml --seed 42');
    expect(p.steps[2]!.note).toBe('no instance satisfying the hypotheses could be drawn.');
    for (const s of p.steps.slice(1)) expect(s.note).not.toMatch(/verified/i);
  });

  it('refuses a result that does not belong to the setting', () => {
    expect(() => presentProof(setting, result([verified]))).toThrow(/1 results for 3 steps/);
  });

  it('presents a real check: the false step failed with its counterexample, the true ones tested (under hypotheses)', () => {
    // Without W[1] = 0: no critical point with W_1 = 0 has a PSD Hessian when H = 1, so those instances cannot
    // be drawn and the steps would (rightly) be unchecked.
    const realSetting = proofSetting(FILE.replace(', "W[1] = 0"', ''), 'dir/test.proof.yaml');
    const r = checkProof(realSetting, { seed: 5, trials: 4 });
    const real = presentProof(realSetting, r);
    expect(real.steps.map((s) => s.status)).toEqual(['tested', 'tested', 'failed']);
    expect(real.steps[2]!.note).toMatch(/^By randomized exact evaluation on sampled instances.*: /);
    expect(real.steps[2]!.note).toMatch(/Counterexample on trial \d+ at H = \d/);
    expect(real.steps[0]!.note).toContain(r.steps[0]!.probabilityBound!);
  });
});

describe('printFormula (shared with the walkthrough)', () => {
  const doc = parseProofDocument(
    "title: t\ngiven:\n  define:\n    S: X * X'\nsteps:\n  - claim: S = X * Y'\n  - claim: X = (X\n",
    'f.proof.yaml',
  );
  it('prints a define and a step in Unicode and LaTeX', () => {
    expect(printFormula(doc, "X * X'")).toEqual({ text: 'X Xᵀ', latex: 'X X^\\top' });
    expect(printFormula(doc, "S = X * Y'")).toEqual({ text: 'S = X Yᵀ', latex: 'S = X Y^\\top' });
  });
  it('names the file and line of a formula it cannot parse', () => {
    expect(() => printFormula(doc, 'X = (X')).toThrow(InputError);
    expect(() => printFormula(doc, 'X = (X')).toThrow(/^f\.proof\.yaml:7: /);
  });
});

describe('every formula presented for proofs/ passes KaTeX (throwOnError, strict)', () => {
  const files = readdirSync('proofs').filter((f) => f.endsWith('.proof.yaml'));
  const render = (latex: string, displayMode: boolean) => katex.renderToString(latex, { displayMode, throwOnError: true, strict: 'error' });

  it.each(files)('%s', (f) => {
    const s = proofSetting(readFileSync(`proofs/${f}`, 'utf8'), `proofs/${f}`);
    const p = presentProof(s, checkProof(s, { seed: 1, trials: 2 }));
    expect(p.steps).toHaveLength(s.doc.steps.length);
    const inline = [...p.shapes.map(shapeLatex), ...p.ranges.map((r) => `${r.lo} \\le ${r.name} \\le ${r.hi}`)];
    for (const h of p.hypotheses) if ('math' in h) inline.push(h.math);
    for (const l of inline) expect(() => render(l, false), l).not.toThrow();
    const displays = p.steps.flatMap((st) => [st.latex, alignBody(st.latex)]);
    if (p.defines.length > 0) displays.push(alignRows(p.defines.map((d) => `${d.name} := ${d.latex}`)));
    for (const d of displays) expect(() => render(`\\begin{aligned}${d}\\end{aligned}`, true), d).not.toThrow();
  });
});
