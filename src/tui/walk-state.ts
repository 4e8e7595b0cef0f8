/**
 * The walkthrough's interaction state and key bindings, as pure functions: the Ink component only feeds
 * key presses through `commandFor` and `walkReducer` and draws the result.
 */
import { pageSize, scrolled, type Pane } from './lines.js';

export type Mode = 'steps' | 'picker' | 'help';

export interface WalkState {
  readonly mode: Mode;
  /** 0-based index of the current step. */
  readonly cursor: number;
  /** First shown line of the current step's detail pane (clamped when drawn). */
  readonly scroll: number;
  readonly latex: boolean;
  readonly expanded: boolean;
  readonly seed: number;
  /** 0-based index in the picker's list. */
  readonly pickerCursor: number;
}

export const initialWalkState = (seed: number): WalkState => ({
  mode: 'steps',
  cursor: 0,
  scroll: 0,
  latex: false,
  expanded: false,
  seed,
  pickerCursor: 0,
});

/** What a key means, independent of the mode it is pressed in. */
export type Command =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'expand'
  | 'collapse'
  | 'toggle'
  | 'latex'
  | 'picker'
  | 'recheck'
  | 'help'
  | 'back'
  | 'quit'
  | 'interrupt';

/** The subset of Ink's `Key` the bindings read. */
export interface KeyInfo {
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
}

export function commandFor(input: string, key: KeyInfo): Command | undefined {
  if (key.ctrl && input === 'c') return 'interrupt';
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.pageUp) return 'pageUp';
  if (key.pageDown || input === ' ') return 'pageDown';
  if (key.return) return 'toggle';
  if (key.rightArrow) return 'expand';
  if (key.leftArrow) return 'collapse';
  if (key.escape) return 'back';
  switch (input) {
    case 'l':
      return 'latex';
    case 'p':
      return 'picker';
    case 'r':
      return 'recheck';
    case '?':
      return 'help';
    case 'q':
      return 'quit';
    default:
      return undefined;
  }
}

/**
 * Every command in one input event. Ink hands over a run of plain characters as one event (typed ahead while
 * the UI was loading, or fast typing: `j⏎`), so such a run is read one character at a time.
 */
export function commandsFor(input: string, key: KeyInfo): Command[] {
  const chars = Array.from(input);
  const special = key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.escape || key.meta;
  if (chars.length <= 1 || special || key.ctrl) {
    const c = commandFor(input, key);
    return c ? [c] : [];
  }
  return chars.flatMap((ch) => {
    const c =
      ch === '\r' || ch === '\n' ? commandFor('', { return: true }) : ch === '\x03' ? commandFor('c', { ctrl: true }) : commandFor(ch, {});
    return c ? [c] : [];
  });
}

/** The footer: every key of the current mode. */
export function footerText(mode: Mode): string {
  switch (mode) {
    case 'steps':
      return '↑↓/jk move · ⏎/→ evidence · l LaTeX · p proofs · r re-check · PgUp/PgDn scroll · ? help · q quit';
    case 'picker':
      return '↑↓/jk choose · ⏎ open · Esc back · q quit';
    case 'help':
      return '↑↓ PgUp PgDn scroll · Esc or ? back · q quit';
  }
}

/**
 * Where a command leads. `quit` and the picker's ⏎ are side effects the component handles; `back` in the step
 * view quits too (the component checks `quits` first). `pane` is the scrollable part of the screen drawn now (the
 * step's detail, or the help): PgUp and PgDn move by its page and stop at its ends.
 */
export function walkReducer(s: WalkState, cmd: Command, counts: { steps: number; proofs: number; pane: Pane }): WalkState {
  const clamp = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));
  const page = pageSize(counts.pane);
  if (s.mode === 'help') {
    switch (cmd) {
      case 'back':
      case 'help':
        return { ...s, mode: 'steps', scroll: 0 };
      case 'up':
      case 'pageUp':
        return { ...s, scroll: scrolled(s.scroll, cmd === 'up' ? -1 : -page, counts.pane) };
      case 'down':
      case 'pageDown':
        return { ...s, scroll: scrolled(s.scroll, cmd === 'down' ? 1 : page, counts.pane) };
      default:
        return s;
    }
  }
  if (s.mode === 'picker') {
    switch (cmd) {
      case 'up':
        return { ...s, pickerCursor: clamp(s.pickerCursor - 1, counts.proofs) };
      case 'down':
        return { ...s, pickerCursor: clamp(s.pickerCursor + 1, counts.proofs) };
      case 'back':
      case 'picker':
        return { ...s, mode: 'steps' };
      default:
        return s;
    }
  }
  switch (cmd) {
    case 'up':
      return { ...s, cursor: clamp(s.cursor - 1, counts.steps), scroll: 0 };
    case 'down':
      return { ...s, cursor: clamp(s.cursor + 1, counts.steps), scroll: 0 };
    case 'pageUp':
      return { ...s, scroll: scrolled(s.scroll, -page, counts.pane) };
    case 'pageDown':
      return { ...s, scroll: scrolled(s.scroll, page, counts.pane) };
    case 'expand':
      return { ...s, expanded: true };
    case 'collapse':
      return { ...s, expanded: false, scroll: 0 };
    case 'toggle':
      return { ...s, expanded: !s.expanded, scroll: 0 };
    case 'latex':
      return { ...s, latex: !s.latex };
    case 'recheck':
      return { ...s, seed: s.seed + 1 };
    case 'picker':
      return { ...s, mode: 'picker' };
    case 'help':
      return { ...s, mode: 'help', scroll: 0 };
    default:
      return s;
  }
}

/** Commands that end the program in a given mode: q anywhere, Esc from the step view, Ctrl-C. */
export const quits = (mode: Mode, cmd: Command): boolean =>
  cmd === 'quit' || cmd === 'interrupt' || (cmd === 'back' && mode === 'steps');

/** A proof opened from the picker starts at its first step. */
export const opened = (s: WalkState): WalkState => ({ ...s, mode: 'steps', cursor: 0, scroll: 0 });
