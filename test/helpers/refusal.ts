import { expect } from 'vitest';
import { InputError } from '../../src/errors.js';
import { proofSetting } from '../../src/proof/load.js';

/** The InputError message a derivation text is refused with (the test fails if it is accepted). */
export function refusal(text: string): string {
  try {
    proofSetting(text, 'f.proof.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}
