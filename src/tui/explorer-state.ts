/**
 * The point explorer's interaction state, as a pure reducer over the walkthrough's key commands: the Ink
 * component feeds key presses through `commandsFor` and `explorerReducer` and draws the result.
 */
import { pageSize, scrolled, type Pane } from './lines.js';
import type { Command } from './walk-state.js';

export type ExplorerMode = 'points' | 'picker' | 'help';

export interface ExplorerState {
  readonly mode: ExplorerMode;
  /** 0-based index of the chosen entry (a point of the file or a critical-point family member). */
  readonly cursor: number;
  /** First shown line of the report pane, or of the help (clamped when drawn). */
  readonly scroll: number;
  /** Show the point's weights and every eigenvalue. */
  readonly expanded: boolean;
  /** Show the point as LaTeX source instead. */
  readonly latex: boolean;
  /** Seed of the critical-point families (their random invertible maps). */
  readonly seed: number;
  /** 0-based index in the picker's list of network files. */
  readonly pickerCursor: number;
}

export const initialExplorerState = (seed: number): ExplorerState => ({
  mode: 'points',
  cursor: 0,
  scroll: 0,
  expanded: false,
  latex: false,
  seed,
  pickerCursor: 0,
});

/**
 * Where a command leads; `quit`, the picker's ⏎ and a new seed's families are side effects the component
 * handles. `pane` is the scrollable part drawn now (the report, or the help).
 */
export function explorerReducer(s: ExplorerState, cmd: Command, counts: { entries: number; files: number; pane: Pane }): ExplorerState {
  const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));
  const page = pageSize(counts.pane);
  const scroll = (delta: number) => ({ ...s, scroll: scrolled(s.scroll, delta, counts.pane) });
  if (s.mode === 'help') {
    if (cmd === 'back' || cmd === 'help') return { ...s, mode: 'points', scroll: 0 };
    if (cmd === 'up' || cmd === 'down') return scroll(cmd === 'up' ? -1 : 1);
    if (cmd === 'pageUp' || cmd === 'pageDown') return scroll(cmd === 'pageUp' ? -page : page);
    return s;
  }
  if (s.mode === 'picker') {
    if (cmd === 'up' || cmd === 'down') return { ...s, pickerCursor: clamp(s.pickerCursor + (cmd === 'up' ? -1 : 1), counts.files) };
    if (cmd === 'back' || cmd === 'picker') return { ...s, mode: 'points' };
    return s;
  }
  switch (cmd) {
    case 'up':
    case 'down':
      return { ...s, cursor: clamp(s.cursor + (cmd === 'up' ? -1 : 1), counts.entries), scroll: 0 };
    case 'pageUp':
    case 'pageDown':
      return scroll(cmd === 'pageUp' ? -page : page);
    case 'expand':
      return { ...s, expanded: true };
    case 'collapse':
      return { ...s, expanded: false, scroll: 0 };
    case 'toggle':
      return { ...s, expanded: !s.expanded, scroll: 0 };
    case 'latex':
      return { ...s, latex: !s.latex, scroll: 0 };
    case 'recheck':
      return { ...s, seed: s.seed + 1, scroll: 0 };
    case 'picker':
      return { ...s, mode: 'picker' };
    case 'help':
      return { ...s, mode: 'help', scroll: 0 };
    default:
      return s;
  }
}

/** The footer: every key of the current mode. */
export function explorerFooter(mode: ExplorerMode): string {
  switch (mode) {
    case 'points':
      return '↑↓/jk choose · ⏎/→ weights · l LaTeX · p files · r new families · PgUp/PgDn scroll · ? help · q quit';
    case 'picker':
      return '↑↓/jk choose · ⏎ open · Esc back · q quit';
    case 'help':
      return '↑↓ PgUp PgDn scroll · Esc or ? back · q quit';
  }
}
