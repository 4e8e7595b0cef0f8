import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from './errors.js';

/** What the input files may weigh: a typo such as `dln check /dev/zero` must not read forever. */
export const FILE_LIMITS = {
  /** A derivation file (`*.proof.yaml`). */
  maxProofBytes: 1 << 20,
  /** A network file (`*.json`): parsing one this large takes about a second and 150 MB. */
  maxNetworkBytes: 4 << 20,
} as const;

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a user's input file as UTF-8 text (a byte-order mark dropped). Only regular files up to `maxBytes` are
 * read: a directory, device, pipe or socket is refused before anything is read (the pipe is opened non-blocking,
 * so a FIFO without a writer cannot hang the command).
 */
export function readInputFile(path: string, maxBytes: number): string {
  const fail = (what: string): never => {
    throw new InputError(path, what);
  };
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);
  let fd: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) fail(`is ${kindOf(st)}; dln reads only regular files`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(code(e) === 'ENOENT' ? 'no such file' : `cannot read (${code(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail(`is ${kindOf(st)}; dln reads only regular files`);
    if (st.size > maxBytes) fail(`is ${st.size} bytes, more than the limit of ${maxBytes} bytes for this kind of file`);
    const buf = Buffer.alloc(st.size);
    let read = 0;
    while (read < buf.length) {
      const n = readSync(fd, buf, read, buf.length - read, read);
      if (n === 0) break;
      read += n;
    }
    // a file that grew while being read is cut at the size it had: still within the limit
    return buf.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(`cannot read (${code(e)})`);
  } finally {
    closeSync(fd);
  }
}
