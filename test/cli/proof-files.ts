import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Every derivation file in proofs/, as the CLI is given them. */
export const allProofs = readdirSync('proofs')
  .filter((f) => f.endsWith('.proof.yaml'))
  .sort()
  .map((f) => `proofs/${f}`);

interface RawProof {
  title: string;
  source?: string;
  summary?: string;
  given?: { shapes?: object; ranges?: object; define?: object; assume?: string[] };
  steps: unknown[];
}

/** Read with the yaml package directly (not dln's loader), to count independently what the writers must show. */
export function rawProof(file: string): RawProof {
  return parse(readFileSync(file, 'utf8')) as RawProof;
}

const NAMED = new Set(['critical', 'psd-hessian', 'A', '(A)']);

/** Inline formulas `$…$` in prose (a `\\$` is a dollar sign). */
const proseFormulas = (text: string | undefined): number => ((text ?? '').replace(/\\\$/g, '').match(/\$/g) ?? []).length / 2;

/** Formulas in dln's own sentences for the named hypotheses (present.ts). */
const NAMED_FORMULAS: Readonly<Record<string, number>> = { critical: 3, 'psd-hessian': 3, A: 5, '(A)': 5 };

/**
 * The formulas a writer emits for a file: one per shape, range and formula hypothesis, and every `$…$` of its prose
 * and of the named hypotheses' sentences (inline); one block for the definitions and one per step (displays).
 */
export function formulaCounts(file: string): { inline: number; display: number } {
  const p = rawProof(file);
  const g = p.given ?? {};
  const n = (o: object | undefined) => Object.keys(o ?? {}).length;
  const assume = g.assume ?? [];
  const prose = [p.title, p.source, p.summary, ...p.steps.map((s) => (s as { because?: string }).because)];
  return {
    inline:
      n(g.shapes) +
      n(g.ranges) +
      assume.filter((a) => !NAMED.has(a)).length +
      assume.reduce((k, a) => k + (NAMED_FORMULAS[a] ?? 0), 0) +
      prose.reduce((k, t) => k + proseFormulas(t), 0),
    display: (n(g.define) > 0 ? 1 : 0) + p.steps.length,
  };
}

/** A scratch directory holding the given files. */
export function scratch(prefix: string, files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/**
 * A derivation whose title and justifications are full of LaTeX and HTML specials; step 2 is false
 * (the freshman's dream), so the checker must report it failed.
 */
export const SPECIAL_TITLE = '50% of W_1 & #2';
export const specialProof = `title: "${SPECIAL_TITLE} <b>{x}</b> \\\\$y\\\\$ ~z^2 \\\\back"
source: "a test: 100% & #1"
given:
  shapes: { a: [], b: [] }
steps:
  - claim: (a + b)*(a - b) = a*a - b*b
    because: "difference of squares: 50% & #2 of {3}, ~x^2, \\\\$y\\\\$, \\\\z"
  - claim: (a + b)*(a + b) = a*a + b*b
    because: "the freshman's dream"
`;

/** A derivation none of whose steps can be checked: no sampled X has rank 7 when d_0 ≤ 3. */
export const uncheckableProof = `title: uncheckable
given:
  shapes: { X: ["d[0]", m] }
  ranges: { H: [1, 1] }
  assume: ["rank(X) == 7"]
steps:
  - holds: iszero(X - X)
`;

/** Malformed on line 3 (unbalanced parenthesis). */
export const brokenProof = 'title: t\nsteps:\n  - claim: X = (X\n';
