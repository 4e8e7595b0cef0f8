import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { readInputFile } from '../src/files.js';
import { latexComment } from '../src/render/escape.js';
import { controlCharacter, oneLine, printable } from '../src/text.js';

describe('printable and oneLine', () => {
  it('escapes line breaks, ESC, DEL, C1 controls and the Unicode line separators', () => {
    expect(printable('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(printable('\u001b[31mred\u007f\u0085')).toBe('\\x1b[31mred\\x7f\\x85');
    expect(printable('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
    expect(printable('ℝ ⊗ é')).toBe('ℝ ⊗ é');
  });

  it('shortens long quotations first, then cuts what is still too long', () => {
    const quote = 'a*b + '.repeat(200);
    const line = oneLine(`f:1: step 1: got the expression "${quote}" and more`);
    expect(line.length).toBeLessThanOrEqual(400);
    expect(line).toMatch(/^f:1: step 1: got the expression "a\*b \+ a\*b.*….*" and more$/);
    const long = oneLine('x'.repeat(1000));
    expect(long).toHaveLength(400);
    expect(long).toContain('…');
    expect(oneLine('short "quote" stays')).toBe('short "quote" stays');
  });

  it('finds the first control character of prose, allowing line breaks and tabs where asked', () => {
    expect(controlCharacter('a\nb\tc', true)).toBeUndefined();
    expect(controlCharacter('a\nb', false)).toBe('\\n');
    expect(controlCharacter('ok \u001b[2J', true)).toBe('\\x1b');
  });
});

describe('latexComment', () => {
  it('keeps a file name on its comment line: everything outside printable ASCII as <U+XXXX>', () => {
    expect(latexComment('proofs/a b.proof.yaml')).toBe('proofs/a b.proof.yaml');
    expect(latexComment('x\n\\input{y}\r%')).toBe('x<U+000A>\\input{y}<U+000D>%');
    expect(latexComment('ℝ𝐀')).toBe('<U+211D><U+1D400>');
  });
});

describe('readInputFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dln-files-'));
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it('reads a regular file and drops a byte-order mark', () => {
    writeFileSync(join(dir, 'a.json'), '\uFEFF{"x": 1}');
    expect(readInputFile(join(dir, 'a.json'), 100)).toBe('{"x": 1}');
  });

  it('refuses directories, devices, pipes, missing and oversized files, naming the file', () => {
    mkdirSync(join(dir, 'sub'));
    expect(refusal(() => readInputFile(join(dir, 'sub'), 100))).toBe(`${join(dir, 'sub')}: is a directory; dln reads only regular files`);
    expect(refusal(() => readInputFile('/dev/zero', 100))).toBe('/dev/zero: is a device; dln reads only regular files');
    expect(spawnSync('mkfifo', [join(dir, 'fifo')]).status).toBe(0);
    expect(refusal(() => readInputFile(join(dir, 'fifo'), 100))).toBe(`${join(dir, 'fifo')}: is a pipe (FIFO); dln reads only regular files`);
    expect(refusal(() => readInputFile(join(dir, 'none'), 100))).toBe(`${join(dir, 'none')}: no such file`);
    writeFileSync(join(dir, 'big'), 'x'.repeat(101));
    expect(refusal(() => readInputFile(join(dir, 'big'), 100))).toBe(`${join(dir, 'big')}: is 101 bytes, more than the limit of 100 bytes for this kind of file`);
  });
});
