import { describe, expect, it } from 'vitest';
import { commandFor, commandsFor, footerText, initialWalkState, quits, walkReducer, type Command } from '../../src/tui/walk-state.js';

// a pane of 12 rows holding 40 lines: pages of 10 (the rows between the two markers), last start 40 − 11 = 29
const counts = { steps: 4, proofs: 2, pane: { rows: 12, lines: 40 } };
const run = (cmds: Command[], s = initialWalkState(1)) => cmds.reduce((st, c) => walkReducer(st, c, counts), s);

describe('key bindings', () => {
  it('maps the documented keys', () => {
    expect(commandFor('j', {})).toBe('down');
    expect(commandFor('', { downArrow: true })).toBe('down');
    expect(commandFor('k', {})).toBe('up');
    expect(commandFor('', { upArrow: true })).toBe('up');
    expect(commandFor('\r', { return: true })).toBe('toggle');
    expect(commandFor('', { rightArrow: true })).toBe('expand');
    expect(commandFor('', { leftArrow: true })).toBe('collapse');
    expect(commandFor('l', {})).toBe('latex');
    expect(commandFor('p', {})).toBe('picker');
    expect(commandFor('r', {})).toBe('recheck');
    expect(commandFor('?', {})).toBe('help');
    expect(commandFor('q', {})).toBe('quit');
    expect(commandFor('', { escape: true })).toBe('back');
    expect(commandFor('c', { ctrl: true })).toBe('interrupt');
    expect(commandFor('x', {})).toBeUndefined();
  });

  it('reads a run of typed-ahead characters one key at a time', () => {
    expect(commandsFor('jjl', {})).toEqual(['down', 'down', 'latex']);
    expect(commandsFor('j\r', {})).toEqual(['down', 'toggle']);
    expect(commandsFor('jx\x03', {})).toEqual(['down', 'interrupt']);
    expect(commandsFor('', { downArrow: true })).toEqual(['down']);
    expect(commandsFor('x', {})).toEqual([]);
  });

  it('the footer names every key of the step view', () => {
    const f = footerText('steps');
    for (const k of ['↑↓/jk', '⏎/→', 'l LaTeX', 'p proofs', 'r re-check', '? help', 'q quit']) expect(f).toContain(k);
  });
});

describe('walk reducer', () => {
  it('moves within the steps and resets the detail scroll', () => {
    expect(run(['down', 'down']).cursor).toBe(2);
    expect(run(['down', 'down', 'down', 'down', 'down']).cursor).toBe(3);
    expect(run(['up']).cursor).toBe(0);
    expect(run(['pageDown', 'pageDown']).scroll).toBe(20);
    expect(run(['pageDown', 'down']).scroll).toBe(0);
  });

  it('pages by the pane and stops at its ends, so PgUp after PgDn past the end moves at once', () => {
    const down = (n: number) => Array<Command>(n).fill('pageDown');
    expect(run(down(3)).scroll).toBe(29); // 30 is past the last start
    expect(run(down(10)).scroll).toBe(29);
    expect(run([...down(10), 'pageUp']).scroll).toBe(19);
    expect(run([...down(10), 'pageUp', 'pageUp', 'pageUp', 'pageUp']).scroll).toBe(0);
    // a pane that fits does not scroll
    const fits = { ...counts, pane: { rows: 12, lines: 12 } };
    expect(walkReducer(initialWalkState(1), 'pageDown', fits).scroll).toBe(0);
    // a scroll left past the end by a shorter pane (evidence collapsed) counts from the end
    const shorter = { ...counts, pane: { rows: 12, lines: 20 } };
    expect(walkReducer({ ...initialWalkState(1), scroll: 29 }, 'pageUp', shorter).scroll).toBe(0);
  });

  it('toggles evidence and LaTeX, and r takes the next seed', () => {
    expect(run(['toggle']).expanded).toBe(true);
    expect(run(['toggle', 'toggle']).expanded).toBe(false);
    expect(run(['expand', 'expand']).expanded).toBe(true);
    expect(run(['expand', 'collapse']).expanded).toBe(false);
    expect(run(['latex']).latex).toBe(true);
    expect(run(['latex', 'down', 'latex']).latex).toBe(false);
    expect(run(['recheck', 'recheck']).seed).toBe(3);
  });

  it('the picker and help are modes; Esc returns from them, and quits only from the step view', () => {
    const picker = run(['picker', 'down', 'down', 'down']);
    expect(picker.mode).toBe('picker');
    expect(picker.pickerCursor).toBe(1);
    expect(picker.cursor).toBe(0); // keys in the picker do not move the step cursor
    expect(walkReducer(picker, 'back', counts).mode).toBe('steps');
    expect(run(['help', 'down']).mode).toBe('help');
    expect(run(['help', 'down']).cursor).toBe(0); // in the help, keys scroll the help
    expect(run(['help', 'down', 'pageDown']).scroll).toBe(11);
    expect(run(['help', 'down', 'back'])).toMatchObject({ mode: 'steps', scroll: 0, cursor: 0 });
    expect(quits('steps', 'back')).toBe(true);
    expect(quits('picker', 'back')).toBe(false);
    expect(quits('help', 'back')).toBe(false);
    expect(quits('picker', 'quit')).toBe(true);
    expect(quits('help', 'interrupt')).toBe(true);
  });
});
