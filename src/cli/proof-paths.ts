import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { PROOF_SUFFIX } from '../proof/document.js';

/**
 * The derivation files named by command-line arguments: a file as given, a directory as its `*.proof.yaml`
 * files in name order (an InputError when it has none).
 */
export function proofPaths(args: readonly string[]): string[] {
  return args.flatMap((arg) => {
    let dir = false;
    try {
      dir = statSync(arg).isDirectory();
    } catch {
      return [arg]; // reading it reports what is wrong
    }
    if (!dir) return [arg];
    const names = readdirSync(arg)
      .filter((n) => n.endsWith(PROOF_SUFFIX))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (names.length === 0) throw new InputError(arg, `a directory without ${PROOF_SUFFIX} files`);
    return names.map((n) => join(arg, n));
  });
}
