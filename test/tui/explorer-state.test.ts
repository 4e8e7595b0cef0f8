import { describe, expect, it } from 'vitest';
import { explorerFooter, explorerReducer, initialExplorerState } from '../../src/tui/explorer-state.js';
import type { Command } from '../../src/tui/walk-state.js';

// 3 entries, 2 files, a report pane of 10 rows holding 30 lines: pages of 8, last start 30 − 9 = 21
const counts = { entries: 3, files: 2, pane: { rows: 10, lines: 30 } };
const run = (cmds: Command[], s = initialExplorerState(1)) => cmds.reduce((st, c) => explorerReducer(st, c, counts), s);

describe('explorer reducer', () => {
  it('chooses entries, resetting the report scroll, and pages the report within its ends', () => {
    expect(run(['down', 'down', 'down']).cursor).toBe(2);
    expect(run(['pageDown', 'down']).scroll).toBe(0);
    expect(run(['pageDown', 'pageDown']).scroll).toBe(16);
    expect(run(Array<Command>(9).fill('pageDown')).scroll).toBe(21);
    expect(run([...Array<Command>(9).fill('pageDown'), 'pageUp']).scroll).toBe(13);
  });

  it('⏎/→/← show and hide the weights, l the LaTeX source, r takes the next seed', () => {
    expect(run(['toggle']).expanded).toBe(true);
    expect(run(['expand', 'collapse']).expanded).toBe(false);
    expect(run(['latex']).latex).toBe(true);
    expect(run(['latex', 'latex']).latex).toBe(false);
    expect(run(['recheck', 'recheck']).seed).toBe(3);
  });

  it('the picker and the help are modes; keys there do not move the point cursor', () => {
    const picker = run(['picker', 'down', 'down']);
    expect(picker).toMatchObject({ mode: 'picker', pickerCursor: 1, cursor: 0 });
    expect(explorerReducer(picker, 'back', counts).mode).toBe('points');
    expect(run(['help', 'down', 'pageDown'])).toMatchObject({ mode: 'help', scroll: 9, cursor: 0 });
    expect(run(['help', 'help']).mode).toBe('points');
  });

  it('the footer names every key of the point view', () => {
    const f = explorerFooter('points');
    for (const k of ['↑↓/jk', '⏎/→', 'l LaTeX', 'p files', 'r new families', 'PgUp/PgDn', '? help', 'q quit']) expect(f).toContain(k);
  });
});
