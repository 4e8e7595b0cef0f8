import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readUserFile } from '../cli/io.js';
import { PROOF_SUFFIX } from '../proof/document.js';
import { readDerivation } from '../proof/read.js';
import type { ProofLibrary } from './session.js';
import { workerSession, type CheckerSession } from './worker-session.js';


/** Derivation files in `dirs` (missing directories are skipped), sorted by name within each, no duplicates. */
export const listProofFiles = (dirs: readonly string[]): string[] => listFiles(dirs, PROOF_SUFFIX);

/** Network files (`*.json`) in `dirs`, as the explorer's picker offers them. */
export const listNetworkFiles = (dirs: readonly string[]): string[] => listFiles(dirs, '.json');

function listFiles(dirs: readonly string[], suffix: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(suffix));
    } catch {
      continue;
    }
    for (const name of names.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
      const path = join(dir, name);
      if (seen.has(resolve(path))) continue;
      seen.add(resolve(path));
      out.push(path);
    }
  }
  return out;
}

/**
 * Opens a derivation file: read and parsed here (a malformed file is an InputError before any UI starts),
 * printed here and checked by `engine` in worker threads.
 */
export function openProofFile(path: string, engine: URL): CheckerSession {
  const text = readUserFile(path);
  return workerSession(readDerivation(text, path), engine);
}

/** The picker's library: the derivation files of `dirs`, each opened with `engine`. */
export function proofLibrary(dirs: readonly string[], engine: URL): ProofLibrary {
  return {
    listProofs: () => listProofFiles(dirs),
    open: async (path) => openProofFile(path, engine),
  };
}
