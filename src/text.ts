/**
 * User text on its way to a terminal. Error messages are one line however they were built: control characters
 * (line breaks, ESC sequences, the Unicode line separators) are written as escapes, and long quotations of user
 * text are shortened. Data files may not hold such characters in their text fields at all (`controlCharacter`).
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text with every control character escaped (`\n`, `\x1b`, `\u2028`). */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`));
}

/** The first control character of user prose (line breaks and tabs allowed where `multiline`), if any. */
export function controlCharacter(text: string, multiline: boolean): string | undefined {
  for (const m of text.matchAll(CONTROL)) if (!(multiline && (m[0] === '\n' || m[0] === '\t' || m[0] === '\r'))) return printable(m[0]);
  return undefined;
}

/** Quoted user text longer than this is shortened in a message. */
const MAX_QUOTE = 60;
/** A message longer than this is cut. */
const MAX_MESSAGE = 400;

/** A message as one printable line of bounded length: long `"…"` quotations shortened, then the whole cut if need be. */
export function oneLine(message: string): string {
  let out = printable(message);
  if (out.length > MAX_MESSAGE)
    out = out.replace(/"([^"]{61,})"/g, (_, q: string) => `"${q.slice(0, MAX_QUOTE - 12)}…${q.slice(-10)}"`);
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE - 11)}…${out.slice(-10)}` : out;
}
