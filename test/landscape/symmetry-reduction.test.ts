import { describe, expect, it } from 'vitest';
import { Exact, bilinear, inertia } from '../../src/linalg/index.js';
import { hessian } from '../../src/landscape/derivatives.js';
import { criticalFamilies } from '../../src/landscape/families.js';
import { structuredData } from '../../src/landscape/random.js';
import { reducedInertia } from '../../src/landscape/symmetry-reduction.js';
import { seededRng, randomIntMatrix } from '../../src/linalg/random.js';

describe('the Hessian inertia with the rescaling symmetry factored out', () => {
  it.each([[[3, 2, 2, 3]], [[2, 3, 3, 2]], [[3, 3, 2, 2, 3]], [[2, 2, 2, 2, 2, 2]]])(
    'widths %j: the same inertia as the full elimination at every family point, with valid directions',
    (widths) => {
      for (const seed of [1, 2]) {
        const rng = seededRng(seed);
        const { X, Y } = structuredData(rng, widths[0]!, widths[widths.length - 1]!, widths[0]! + 1);
        for (const pt of criticalFamilies(X, Y, widths, rng).points) {
          const Hm = hessian(Exact, X, Y, pt.W);
          const reduced = reducedInertia(Hm, pt.W, seededRng(3));
          expect(reduced.inertia, pt.name).toEqual(inertia(Exact, Hm).inertia);
          if (reduced.inertia.negative) expect(bilinear(Exact, reduced.negativeDirection!, Hm, reduced.negativeDirection!).sign()).toBe(-1);
          if (reduced.inertia.positive) expect(bilinear(Exact, reduced.positiveDirection!, Hm, reduced.positiveDirection!).sign()).toBe(1);
        }
      }
    },
  );

  it('refuses a point that is not critical (the tangents are then not null directions)', () => {
    const rng = seededRng(5);
    const { X, Y } = structuredData(rng, 3, 3, 4);
    const W = [randomIntMatrix(rng, 2, 3, 2), randomIntMatrix(rng, 2, 2, 2), randomIntMatrix(rng, 3, 2, 2)];
    expect(() => reducedInertia(hessian(Exact, X, Y, W), W, seededRng(3))).toThrow(/null space/);
  });
});
