import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { FILE_LIMITS, readInputBytes, UnreadableFile } from '../files.js';

/**
 * Data matrices kept beside a network file: `X` or `Y` given as a file name instead of rows. Each is read to rows
 * of entry texts, which the network loader reads exactly like JSON entries (decimals as rationals, `p/q`):
 * - `.csv`: one matrix row per line, comma-separated; `#` starts a comment; blank lines are skipped;
 * - `.npy` (NumPy): a 1-D array is one row, a 2-D array its rows; integer entries exactly, floats as the shortest
 *   decimal that reads back as the same float64 (0.1 stays 1/10), as every other float dln is given.
 * Throws DataFileError with what is wrong; the loader adds the file and key.
 */
export function readDataFile(path: string): string[][] {
  let bytes: Buffer;
  try {
    // a data file is part of its network file and has the same size limit
    bytes = readInputBytes(path, FILE_LIMITS.maxNetworkBytes);
  } catch (e) {
    if (e instanceof UnreadableFile) throw new DataFileError(e.message);
    throw e;
  }
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return readCsv(bytes.toString('utf8'));
    case '.npy':
      return readNpy(bytes);
    default:
      throw new DataFileError('expected a .csv or .npy file');
  }
}

export class DataFileError extends Error {}

function readCsv(text: string): string[][] {
  try {
    return parseCsv(text, { trim: true, skip_empty_lines: true, comment: '#' }) as string[][];
  } catch (e) {
    throw new DataFileError(`invalid CSV: ${(e as Error).message.split('\n')[0]}`);
  }
}

const MAGIC = Buffer.from([0x93, ...Buffer.from('NUMPY')]);

/** Element readers by dtype kind and size, in the file's byte order. */
const READERS: Record<string, (v: DataView, at: number, little: boolean) => string> = {
  i1: (v, at) => String(v.getInt8(at)),
  i2: (v, at, le) => String(v.getInt16(at, le)),
  i4: (v, at, le) => String(v.getInt32(at, le)),
  i8: (v, at, le) => String(v.getBigInt64(at, le)),
  u1: (v, at) => String(v.getUint8(at)),
  u2: (v, at, le) => String(v.getUint16(at, le)),
  u4: (v, at, le) => String(v.getUint32(at, le)),
  u8: (v, at, le) => String(v.getBigUint64(at, le)),
  b1: (v, at) => String(v.getUint8(at) === 0 ? 0 : 1),
  f4: (v, at, le) => String(v.getFloat32(at, le)),
  f8: (v, at, le) => String(v.getFloat64(at, le)),
};

/**
 * The NumPy format (versions 1–3): magic, version, a little-endian header length, a Python dict literal with
 * `descr`, `fortran_order` and `shape`, then the raw array. A small reader of our own: the entries must come out
 * exactly (int64 beyond 2^53 included), which typed-array readers do not give.
 */
function readNpy(bytes: Buffer): string[][] {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) throw new DataFileError('not a NumPy .npy file (no \\x93NUMPY magic)');
  const major = bytes[6]!;
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.subarray(major === 1 ? 10 : 12, start).toString('latin1');
  const descr = /'descr'\s*:\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeText) throw new DataFileError(`unreadable .npy header: ${header.trim()}`);
  const read = READERS[`${descr[2]}${descr[3]}`];
  if (!read) throw new DataFileError(`dtype '${descr[1]}${descr[2]}${descr[3]}' is not a number type dln reads (ints, uints, bool, float32, float64)`);
  const shape = shapeText[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.length < 1 || shape.length > 2 || shape.some((n) => !Number.isSafeInteger(n) || n < 1))
    throw new DataFileError(`shape (${shapeText[1]}) is not a non-empty vector or matrix`);
  const [rows, cols] = shape.length === 1 ? [1, shape[0]!] : [shape[0]!, shape[1]!];
  const size = Number(descr[3]);
  if (bytes.length - start < rows * cols * size) throw new DataFileError(`has ${bytes.length - start} bytes of data, expected ${rows * cols * size}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, rows * cols * size);
  const little = descr[1] !== '>';
  const at = (i: number, j: number) => (fortran[1] === 'True' ? j * rows + i : i * cols + j) * size;
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => read(view, at(i, j), little)));
}
