import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from './errors.js';

/** What the input files may weigh: a typo such as `dln check /dev/zero` must not read forever. */
export const FILE_LIMITS = {
  /** A derivation file (`*.proof.yaml`). */
  maxProofBytes: 1 << 20,
  /** A network file (`*.json`), and each data file (`.csv`, `.npy`) it names: parsing one this large takes about a second and 150 MB. */
  maxNetworkBytes: 4 << 20,
} as const;

function kindOf(st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why an input file cannot be read, without its name (the caller says which file and what it is for). */
export class UnreadableFile extends Error {}

/**
 * Reads a user's input file as bytes. Only regular files up to `maxBytes` are read: a directory, device, pipe or
 * socket is refused before anything is read (the pipe is opened non-blocking, so a FIFO without a writer cannot
 * hang the command). Throws UnreadableFile saying why not.
 */
export function readInputBytes(path: string, maxBytes: number): Buffer {
  const fail = (what: string): never => {
    throw new UnreadableFile(what);
  };
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);
  let fd: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) fail(`is ${kindOf(st)}; dln reads only regular files`);
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
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
    return buf.subarray(0, read);
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    return fail(`cannot read (${code(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads a user's input file as UTF-8 text (a byte-order mark dropped), as readInputBytes; InputError naming it. */
export function readInputFile(path: string, maxBytes: number): string {
  try {
    return readInputBytes(path, maxBytes).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof UnreadableFile) throw new InputError(path, e.message);
    throw e;
  }
}

/** Reads a derivation file (a regular file within the size limit), or throws an InputError saying why not. */
export function readUserFile(path: string): string {
  return readInputFile(path, FILE_LIMITS.maxProofBytes);
}
