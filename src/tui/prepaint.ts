import type { Line, Tone } from './lines.js';
import { truncate } from './wrap.js';

/** SGR codes matching line-view.tsx's styles, for the frame drawn before Ink has loaded. */
const SGR: Record<Tone, string> = {
  plain: '',
  dim: '\x1b[2m',
  heading: '\x1b[1m',
  formula: '\x1b[36m',
  ok: '\x1b[32m',
  bad: '\x1b[31m',
  warn: '\x1b[33m',
  accent: '\x1b[1;94m',
};

/** Lines as terminal text: each cut to `width`, coloured unless `color` is false, one per row. */
export function ansiFrame(lines: readonly Line[], width: number, color: boolean): string {
  return lines
    .map((l) => {
      const text = truncate(l.text, width);
      return color && SGR[l.tone] !== '' ? `${SGR[l.tone]}${text}\x1b[0m` : text;
    })
    .join('\n');
}

/** A frame drawn before Ink has loaded. */
export interface Prepainted {
  redraw(lines: readonly Line[]): void;
  /** Settles at the first key press (never without a keyboard); the key stays unread, for the UI. */
  readonly keyPressed: Promise<void>;
  handOver(): void;
  abandon(): void;
}

/**
 * Draws frames straight to the terminal before Ink (half a second of module loading) is ready, and takes the
 * keyboard in raw mode so early key presses wait unechoed for the UI. `redraw` replaces the frame (verdicts
 * arriving while Ink loads); `handOver()` erases it just before Ink draws the same one in its place;
 * `abandon()` restores the terminal if Ink never comes.
 */
export function prepaint(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  lines: readonly Line[],
  width: number,
): Prepainted {
  const color = process.env['NO_COLOR'] === undefined && stdout.hasColors?.() !== false;
  const raw = stdin.isTTY === true;
  if (raw) stdin.setRawMode(true);
  let rows = lines.length;
  let live = true;
  // a 'readable' listener that reads nothing: Ink, listening later, is handed the buffered keys
  let onKey = () => {};
  const keyPressed = new Promise<void>((resolve) => {
    onKey = () => {
      stdin.off('readable', onKey);
      resolve();
    };
    if (raw) stdin.on('readable', onKey);
  });
  // cursor to the frame's first row, then clear to the end of the screen
  const erase = () => `\x1b[${rows}A\r\x1b[J`;
  stdout.write(`\x1b[?25l${ansiFrame(lines, width, color)}\n`);
  return {
    keyPressed,
    redraw: (next) => {
      if (!live) return;
      stdout.write(`${erase()}${ansiFrame(next, width, color)}\n`);
      rows = next.length;
    },
    handOver: () => {
      live = false;
      stdin.off('readable', onKey);
      stdout.write(erase());
    },
    abandon: () => {
      live = false;
      stdin.off('readable', onKey);
      if (raw) {
        stdin.setRawMode(false);
        // the listener started reading: stop, or the program would wait for input that nobody reads
        stdin.pause();
        stdin.unref?.();
      }
      stdout.write('\x1b[?25h');
    },
  };
}
