import { readFileSync, renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';

/** Reads a user file, turning a missing or unreadable file into an InputError. */
export function readUserFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
}

/** Writes a file atomically (temporary file, then rename), so an error never leaves half a file behind. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing was written */
    }
    throw new InputError(path, `cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
