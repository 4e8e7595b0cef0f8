import { chmodSync, closeSync, lstatSync, openSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

export { readUserFile } from '../files.js';

/**
 * The output file may be new or an existing regular file. A symbolic link is refused rather than replaced by a
 * file or written through (`-o /tmp/x.tex` linking to a file elsewhere would silently change that file), and so
 * are directories, devices and pipes: the rename that makes the write atomic would replace them.
 * Returns the existing file's permission bits, if any, for the new file to keep.
 */
export function checkOutputTarget(path: string): number | undefined {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(path, `cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (st.isSymbolicLink()) throw new InputError(path, 'is a symbolic link; dln does not write through links (give the file it points to)');
  if (st.isDirectory()) throw new InputError(path, 'is a directory; give the file to write');
  if (!st.isFile()) throw new InputError(path, 'exists and is not a regular file (a device, pipe or socket); dln replaces only regular files');
  return st.mode & 0o7777;
}

/**
 * Writes a file atomically: a new temporary file beside the target (created exclusively, so an existing file or
 * link of that name is never followed), then a rename over the target. On any error the temporary file is
 * removed and the target is left as it was.
 */
export function writeFileAtomic(path: string, content: string): void {
  const mode = checkOutputTarget(path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let created = false;
  try {
    const fd = openSync(tmp, 'wx');
    created = true;
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (e) {
    if (created)
      try {
        unlinkSync(tmp);
      } catch {
        /* already gone */
      }
    throw new InputError(path, `cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to stdout synchronously, waiting while a pipe is full: large outputs (the entrywise Hessian) are written
 * as they are printed, and `process.stdout.write` would queue them in memory when the reader is slower.
 */
export function writeStdout(chunk: string): void {
  const buf = Buffer.from(chunk, 'utf8');
  for (let at = 0; at < buf.length; ) {
    try {
      at += writeSync(1, buf, at, buf.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0); // the reader stopped reading (`| head`): nothing more to do
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}
