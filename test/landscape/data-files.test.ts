import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { FILE_LIMITS } from '../../src/files.js';
import { loadNetwork } from '../../src/landscape/network.js';
import { toRows } from '../../src/linalg/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dln-data-'));

/** A NumPy .npy file written here byte by byte (format version 1), independently of the reader. */
function npy(name: string, descr: string, shape: number[], values: (number | bigint)[], fortran = false): void {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  // the header is padded with spaces and a newline so that the data starts at a multiple of 64
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const size = Number(descr.slice(2));
  const data = Buffer.alloc(values.length * size);
  const little = descr[0] !== '>';
  values.forEach((v, i) => {
    if (descr.slice(1) === 'f8') little ? data.writeDoubleLE(Number(v), i * 8) : data.writeDoubleBE(Number(v), i * 8);
    else if (descr.slice(1) === 'i8') data.writeBigInt64LE(BigInt(v), i * 8);
    else if (descr.slice(1) === 'i4') data.writeInt32LE(Number(v), i * 4);
    else throw new Error(`test writer: ${descr}`);
  });
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  writeFileSync(join(dir, name), Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}

const network = (name: string, X: string, Y: string) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ name, widths: [2, 1, 1], X, Y, points: [{ name: 'zero', W: [[[0, 0]], [[0]]] }] }));
  return file;
};
const rows = (file: string) => {
  const spec = loadNetwork(file);
  return { X: toRows(spec.X).map((r) => r.map(String)), Y: toRows(spec.Y).map((r) => r.map(String)) };
};
const refusal = (file: string): string => {
  try {
    loadNetwork(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('network data from .csv and .npy files beside the network file', () => {
  it('CSV: decimals and fractions read exactly, comments and blank lines skipped', () => {
    writeFileSync(join(dir, 'X.csv'), '# two features, three samples\n0.1, -3/4, 2\n\n1e-3, 0, 7\n');
    writeFileSync(join(dir, 'Y.csv'), '1,2,3\n');
    expect(rows(network('csv.json', 'X.csv', 'Y.csv'))).toEqual({ X: [['1/10', '-3/4', '2'], ['1/1000', '0', '7']], Y: [['1', '2', '3']] });
  });

  it('.npy: float64 as the shortest decimal that reads back (0.1 is 1/10), int64 exactly, Fortran order, 1-D as a row', () => {
    npy('X.npy', '<f8', [2, 3], [0.1, -0.75, 2, 0.001, 0, 7]);
    npy('Xf.npy', '<f8', [2, 3], [0.1, 0.001, -0.75, 0, 2, 7], true);
    npy('Xb.npy', '>f8', [2, 3], [0.1, -0.75, 2, 0.001, 0, 7]);
    npy('Y.npy', '<i8', [3], [9007199254740993n, -2n, 3n]);
    const expected = { X: [['1/10', '-3/4', '2'], ['1/1000', '0', '7']], Y: [['9007199254740993', '-2', '3']] };
    expect(rows(network('npy.json', 'X.npy', 'Y.npy'))).toEqual(expected);
    expect(rows(network('npyf.json', 'Xf.npy', 'Y.npy'))).toEqual(expected);
    expect(rows(network('npyb.json', 'Xb.npy', 'Y.npy'))).toEqual(expected);
  });

  it('bad data files: one message naming the network file, the key and what is wrong', () => {
    writeFileSync(join(dir, 'ragged.csv'), '1,2,3\n4,5\n');
    writeFileSync(join(dir, 'nan.csv'), '1,nan,3\n4,5,6\n');
    npy('square.npy', '<i4', [2, 2], [1, 2, 3, 4]);
    expect(refusal(network("r.json", "ragged.csv", "Y.csv"))).toMatch(/r\.json: X: ragged\.csv: invalid CSV: .*expect 3, got 2 on line 2$/);
    expect(refusal(network('n.json', 'nan.csv', 'Y.csv'))).toMatch(/n\.json: X \(nan\.csv\) row 1 column 2: "nan" is not finite/);
    expect(refusal(network('m.json', 'missing.csv', 'Y.csv'))).toBe(`${join(dir, 'm.json')}: X: missing.csv: no such file`);
    expect(refusal(network('t.json', 'X.txt', 'Y.csv'))).toMatch(/X: X\.txt: (no such file|expected a \.csv or \.npy file)/);
    // int32 read, then the shapes checked as for inline data: 2 samples in X, 3 in Y
    expect(refusal(network('s.json', 'square.npy', 'Y.csv'))).toBe(`${join(dir, 's.json')}: Y: has 3 columns (samples) but X has 2`);
    writeFileSync(join(dir, 'junk.npy'), 'not numpy');
    expect(refusal(network('j.json', 'junk.npy', 'Y.csv'))).toMatch(/X: junk\.npy: not a NumPy \.npy file/);
  });

  it('a data file is read as the network file is: only a regular file, within the same size limit', () => {
    mkdirSync(join(dir, 'folder.csv'));
    expect(refusal(network('d.json', 'folder.csv', 'Y.csv'))).toBe(`${join(dir, 'd.json')}: X: folder.csv: is a directory; dln reads only regular files`);
    expect(refusal(network('z.json', '/dev/zero', 'Y.csv'))).toBe(`${join(dir, 'z.json')}: X: /dev/zero: is a device; dln reads only regular files`);
    const big = FILE_LIMITS.maxNetworkBytes + 1;
    writeFileSync(join(dir, 'big.csv'), Buffer.alloc(big, '1'));
    expect(refusal(network('b.json', 'big.csv', 'Y.csv'))).toBe(
      `${join(dir, 'b.json')}: X: big.csv: is ${big} bytes, more than the limit of ${FILE_LIMITS.maxNetworkBytes} bytes for this kind of file`,
    );
  });
});
