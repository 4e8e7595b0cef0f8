/**
 * Rendered text as lines with a tone: the walkthrough colours them, the plain-text transcript ignores the
 * tone. Producing lines (not components) keeps every view a pure function that tests can read.
 */
export type Tone = 'plain' | 'dim' | 'heading' | 'formula' | 'ok' | 'bad' | 'warn' | 'accent';

export interface Line {
  readonly text: string;
  readonly tone: Tone;
}

export const line = (text: string, tone: Tone = 'plain'): Line => ({ text, tone });

export const lines = (texts: readonly string[], tone: Tone = 'plain'): Line[] => texts.map((t) => line(t, tone));

export const plainText = (ls: readonly Line[]): string => ls.map((l) => l.text).join('\n');

/**
 * Fits `body` into `rows` lines starting at `scroll` (clamped), with a marker line for what is cut off
 * above or below; a marker takes a row only when something is cut off on its side.
 */
export function viewport(body: readonly Line[], rows: number, scroll: number): Line[] {
  if (body.length <= rows) return [...body];
  if (rows < 3) return body.slice(Math.max(0, Math.min(scroll, body.length - rows)), Math.max(0, scroll) + rows);
  const more = (n: number, dir: '↑' | '↓') => line(`${dir} ${n} more line${n === 1 ? '' : 's'} (${dir === '↑' ? 'PgUp' : 'PgDn'})`, 'dim');
  const lastStart = body.length - (rows - 1);
  const start = Math.max(0, Math.min(scroll, lastStart));
  if (start === 0) return [...body.slice(0, rows - 1), more(body.length - (rows - 1), '↓')];
  if (start === lastStart) return [more(start, '↑'), ...body.slice(start)];
  return [more(start, '↑'), ...body.slice(start, start + rows - 2), more(body.length - start - (rows - 2), '↓')];
}

/** A scrollable part of a screen: the rows it has and the lines it holds. */
export interface Pane {
  readonly rows: number;
  readonly lines: number;
}

/** The largest useful scroll of `pane`: the first line shown when its last line is at the bottom. */
export const maxScroll = (pane: Pane): number => (pane.lines <= pane.rows || pane.rows < 3 ? Math.max(0, pane.lines - pane.rows) : pane.lines - (pane.rows - 1));

/** A page: the lines shown between the two markers, so that PgDn shows the first line not yet seen. */
export const pageSize = (pane: Pane): number => Math.max(1, pane.rows - 2);

/** `scroll` moved by `delta` lines within the pane (a scroll past the end counts from the end). */
export const scrolled = (scroll: number, delta: number, pane: Pane): number =>
  Math.max(0, Math.min(maxScroll(pane), Math.min(scroll, maxScroll(pane)) + delta));
