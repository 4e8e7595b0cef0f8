import { describe, expect, it } from 'vitest';
import { commandFor, commandsFor, footerText, initialWalkState, quits, walkReducer, type Command } from '../../src/tui/walk-state.js';

const counts = { steps: 4, proofs: 2 };
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
    expect(run(['pageDown', 'pageDown']).scroll).toBe(10);
    expect(run(['pageDown', 'down']).scroll).toBe(0);
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
    expect(run(['help', 'down', 'pageDown']).scroll).toBe(6);
    expect(run(['help', 'down', 'back'])).toMatchObject({ mode: 'steps', scroll: 0, cursor: 0 });
    expect(quits('steps', 'back')).toBe(true);
    expect(quits('picker', 'back')).toBe(false);
    expect(quits('help', 'back')).toBe(false);
    expect(quits('picker', 'quit')).toBe(true);
    expect(quits('help', 'interrupt')).toBe(true);
  });
});
