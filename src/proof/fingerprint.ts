import type { ProofDocument } from './document.js';

/**
 * What a step's check depends on besides the seed and the number of trials: the file's declarations and
 * hypotheses (without their line numbers), the step's position (its draws are seeded by it), kind and text, and
 * the names the whole file mentions (instance reports list the sizes the file uses). Equal keys give equal
 * results, so a file edited while it is being checked has only its changed steps checked again; the names make
 * this conservative: a new name anywhere re-checks every step.
 */
export function stepKey(doc: ProofDocument, index: number): string {
  const step = doc.steps[index]!;
  const names = new Set<string>();
  for (const text of [...doc.steps.map((s) => s.text), ...doc.defines.map((d) => d.expr), ...doc.assume.map((a) => a.text)])
    for (const name of text.match(/[A-Za-z_]\w*/g) ?? []) names.add(name);
  return JSON.stringify({
    shapes: doc.shapes.map((s) => [s.name, s.dims]),
    ranges: doc.ranges.map((r) => [r.name, r.lo, r.hi]),
    define: doc.defines.map((d) => [d.name, d.expr]),
    assume: doc.assume.map((a) => a.text),
    vary: doc.vary.map((v) => v.name),
    names: [...names].sort(),
    step: [index, step.kind, step.text],
  });
}
