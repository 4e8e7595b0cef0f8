import { describe, expect, it } from 'vitest';
import { truncate, wrap } from '../../src/tui/wrap.js';
import { matrixLines } from '../../src/tui/matrix-text.js';
import { viewport, line } from '../../src/tui/lines.js';

const width = (s: string) => Array.from(s).length;

describe('wrap', () => {
  it('leaves a line that fits, and never wraps at Infinity', () => {
    expect(wrap('∂L/∂W_k = A_kᵀ E Z_kᵀ', 40)).toEqual(['∂L/∂W_k = A_kᵀ E Z_kᵀ']);
    expect(wrap('a '.repeat(500).trim(), Infinity)).toHaveLength(1);
  });

  it('breaks at spaces and indents continuation lines', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('aaa bbb ccc', 6, '  ', '')).toEqual(['aaa', '  bbb', '  ccc']);
    expect(wrap('x = y + z', 5, '', '> ')).toEqual(['> x =', 'y + z']);
  });

  it('hard-breaks a word longer than a line, counting code points', () => {
    expect(wrap('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(wrap('ᵀᵀᵀᵀ⊗', 2)).toEqual(['ᵀᵀ', 'ᵀᵀ', '⊗']);
    expect(wrap('ab cdefgh', 3, ' ', '')).toEqual(['ab', ' cd', ' ef', ' gh']);
  });

  it('keeps every word, in order, within the width, for many widths', () => {
    const text = 'vec(E) = (Z_kᵀ ⊗ A_k) vec(W_k) − vec(Y), with Z_k = W_{k−1}⋯W_1 X and A_k = W_{H+1}⋯W_{k+1}';
    for (let w = 4; w <= 60; w++) {
      const out = wrap(text, w, '  ', '');
      for (const l of out) expect(width(l)).toBeLessThanOrEqual(w);
      expect(out.map((l) => l.replace(/ /g, '')).join('')).toBe(text.replace(/ /g, ''));
    }
  });

  it('keeps explicit line breaks', () => {
    expect(wrap('one\ntwo', 10)).toEqual(['one', 'two']);
  });

  it('truncate marks a cut with …', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('matrixLines', () => {
  it('right-aligns columns between brackets, labelled on the first line', () => {
    expect(matrixLines('X', [['1', '-3/4'], ['22', '0']])).toEqual(['X = ⎡  1  −3/4 ⎤', '    ⎣ 22     0 ⎦']);
    expect(matrixLines('M', [['1'], ['2'], ['3']])).toEqual(['M = ⎡ 1 ⎤', '    ⎢ 2 ⎥', '    ⎣ 3 ⎦']);
    expect(matrixLines('', [['5', '7']])).toEqual(['[ 5  7 ]']);
  });
});

describe('viewport', () => {
  const body = Array.from({ length: 10 }, (_, i) => line(`l${i}`));
  it('shows everything that fits', () => {
    expect(viewport(body, 10, 3).map((l) => l.text)).toEqual(body.map((l) => l.text));
  });
  it('marks lines above and below and clamps the scroll', () => {
    expect(viewport(body, 5, 0).map((l) => l.text)).toEqual(['l0', 'l1', 'l2', 'l3', '↓ 6 more lines (PgDn)']);
    expect(viewport(body, 5, 4).map((l) => l.text)).toEqual(['↑ 4 more lines (PgUp)', 'l4', 'l5', 'l6', '↓ 3 more lines (PgDn)']);
    expect(viewport(body, 5, 99).map((l) => l.text)).toEqual(['↑ 6 more lines (PgUp)', 'l6', 'l7', 'l8', 'l9']);
    expect(viewport(body, 5, 1).map((l) => l.text)).toEqual(['↑ 1 more line (PgUp)', 'l1', 'l2', 'l3', '↓ 6 more lines (PgDn)']);
  });
});
