import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';

/** Reads a user file, turning a missing or unreadable file into an InputError. */
export function readUserFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
}
