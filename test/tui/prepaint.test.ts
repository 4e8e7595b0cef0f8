import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { line } from '../../src/tui/lines.js';
import { ansiFrame, prepaint } from '../../src/tui/prepaint.js';

/** A terminal's stdin as prepaint uses it: raw mode and 'readable' listeners. */
function fakeStdin() {
  const modes: boolean[] = [];
  const stdin = Object.assign(new EventEmitter(), { isTTY: true, setRawMode: (m: boolean) => modes.push(m), pause: () => modes.push(false), unref: () => {} });
  return { stdin: stdin as unknown as NodeJS.ReadStream & EventEmitter, modes };
}

function fakeStdout() {
  const out: string[] = [];
  const stdout = { write: (s: string) => out.push(s), hasColors: () => false } as unknown as NodeJS.WriteStream;
  return { stdout, out };
}

describe('the frames drawn before Ink loads', () => {
  const ls = [line('Title', 'heading'), line('plain text'), line('✓ verified and a long tail', 'ok')];

  it('colours lines by tone, cuts them to the width, one per row', () => {
    expect(ansiFrame(ls, 12, true)).toBe('\x1b[1mTitle\x1b[0m\nplain text\n\x1b[32m✓ verified …\x1b[0m');
    expect(ansiFrame(ls, 12, false)).toBe('Title\nplain text\n✓ verified …');
  });

  it('redraws over the previous frame, hands over by clearing the last one; abandon restores the terminal', () => {
    const { stdout, out } = fakeStdout();
    const { stdin, modes } = fakeStdin();
    const p = prepaint(stdout, stdin, ls, 40);
    expect(modes).toEqual([true]); // keys typed early wait, unechoed, for the UI
    expect(out).toEqual(['\x1b[?25lTitle\nplain text\n✓ verified and a long tail\n']);
    p.redraw([line('one'), line('two')]);
    // up over the three rows drawn first, cleared, then the new frame
    expect(out[1]).toBe('\x1b[3A\r\x1b[Jone\ntwo\n');
    p.handOver();
    expect(out[2]).toBe('\x1b[2A\r\x1b[J');
    p.redraw(ls); // after the hand-over, Ink owns the screen
    expect(out).toHaveLength(3);
    p.abandon();
    expect(modes).toEqual([true, false, false]); // raw mode off, and reading paused
    expect(out[3]).toBe('\x1b[?25h');
    expect(stdin.listenerCount('readable')).toBe(0);
  });

  it('notices the first key press without reading it, so the UI still gets the key', async () => {
    const { stdout } = fakeStdout();
    const { stdin } = fakeStdin();
    const p = prepaint(stdout, stdin, ls, 40);
    let pressed = false;
    void p.keyPressed.then(() => (pressed = true));
    await Promise.resolve();
    expect(pressed).toBe(false);
    expect(stdin.listenerCount('readable')).toBe(1);
    stdin.emit('readable');
    await p.keyPressed;
    expect(pressed).toBe(true);
    expect(stdin.listenerCount('readable')).toBe(0);
  });
});
