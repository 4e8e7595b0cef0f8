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

/** Fits `body` into `rows` lines starting at `scroll`, marking what is cut off above and below. */
export function viewport(body: readonly Line[], rows: number, scroll: number): Line[] {
  if (body.length <= rows) return [...body];
  if (rows < 3) return body.slice(Math.max(0, Math.min(scroll, body.length - rows)), Math.max(0, scroll) + rows);
  const room = Math.max(1, rows - 2);
  const start = Math.max(0, Math.min(scroll, body.length - room));
  const above = start;
  const below = body.length - start - room;
  const out: Line[] = [];
  out.push(line(above > 0 ? `↑ ${above} more line${above === 1 ? '' : 's'} (PgUp)` : '', 'dim'));
  out.push(...body.slice(start, start + room));
  out.push(line(below > 0 ? `↓ ${below} more line${below === 1 ? '' : 's'} (PgDn)` : '', 'dim'));
  return out.slice(0, rows);
}
