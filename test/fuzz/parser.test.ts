import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimToSource, parseClaim, parseSize } from '../../src/expr/index.js';
import { oneLine } from '../../src/text.js';
import { budget, claim, expression, isCleanLine, outcome } from './arbitraries.js';

/** Property tests of the expression parser: any text parses or is refused with an InputError naming the place. */
describe('the expression parser under fuzzing', () => {
  it('parses a claim or refuses it with a message naming the step, never another error', () => {
    fc.assert(
      fc.property(claim, (text) => {
        const r = outcome(() => parseClaim(text, 'f.proof.yaml:3: step 1'));
        if (r.kind === 'refused') {
          expect(r.message.startsWith('f.proof.yaml:3: step 1: ')).toBe(true);
          expect(isCleanLine(`dln: ${oneLine(r.message)}`)).toBe(true);
        }
      }),
      budget(250),
    );
  });

  it('what it accepts prints back to source that parses to the same claim', () => {
    fc.assert(
      fc.property(claim, (text) => {
        let parsed;
        try {
          parsed = parseClaim(text, 'w');
        } catch {
          return;
        }
        const source = claimToSource(parsed);
        expect(claimToSource(parseClaim(source, 'w'))).toBe(source);
      }),
      budget(150),
    );
  });

  it('arbitrary strings, control characters included, are parsed or refused', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }), expression), (text) => {
        outcome(() => parseClaim(text, 'w'));
        outcome(() => parseSize(text, 'w'));
      }),
      budget(300),
    );
  });
});
