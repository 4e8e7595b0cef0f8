import { describe, expect, it } from 'vitest';
import { line } from '../../src/tui/lines.js';
import { ansiFrame, prepaint } from '../../src/tui/prepaint.js';

describe('the frame drawn before Ink loads', () => {
  const ls = [line('Title', 'heading'), line('plain text'), line('✓ verified and a long tail', 'ok')];

  it('colours lines by tone, cuts them to the width, one per row', () => {
    expect(ansiFrame(ls, 12, true)).toBe('\x1b[1mTitle\x1b[0m\nplain text\n\x1b[32m✓ verified …\x1b[0m');
    expect(ansiFrame(ls, 12, false)).toBe('Title\nplain text\n✓ verified …');
  });

  it('hands over by returning to its first row and clearing below; abandon restores the terminal', () => {
    const out: string[] = [];
    const modes: boolean[] = [];
    const stdout = { write: (s: string) => out.push(s), hasColors: () => false } as unknown as NodeJS.WriteStream;
    const stdin = { isTTY: true, setRawMode: (m: boolean) => modes.push(m) } as unknown as NodeJS.ReadStream;
    const p = prepaint(stdout, stdin, ls, 40);
    expect(modes).toEqual([true]); // keys typed early wait, unechoed, for the UI
    expect(out).toEqual(['\x1b[?25lTitle\nplain text\n✓ verified and a long tail\n']);
    p.handOver();
    expect(out[1]).toBe('\x1b[3A\r\x1b[J');
    p.abandon();
    expect(modes).toEqual([true, false]);
    expect(out[2]).toBe('\x1b[?25h');
  });
});
