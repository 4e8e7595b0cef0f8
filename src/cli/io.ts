import { renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from '../errors.js';

export { readUserFile } from '../read-file.js';

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
