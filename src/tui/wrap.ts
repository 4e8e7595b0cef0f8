/**
 * Line wrapping for formulas and prose on narrow terminals. Widths count code points: the printers' output
 * (ᵀ, ⊗, ∂, subscripts) is all single-width, and this keeps the module free of terminal libraries.
 */

export const textWidth = (s: string): number => Array.from(s).length;

/**
 * Wraps `text` to lines of at most `width` code points, breaking at spaces (a formula's printed spaces sit
 * around its operators) and hard-breaking a word longer than a line. Every line starts with `indent`
 * (`firstIndent` for the first), which counts toward the width. `width = Infinity` never wraps.
 */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) out.push(...wrapParagraph(paragraph, width, indent, firstIndent));
  return out;
}

function wrapParagraph(text: string, width: number, indent: string, firstIndent: string): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let used = 0; // code points after the indent
  // at least one visible character per line, however narrow the terminal
  let room = Math.max(1, width - textWidth(firstIndent));
  const push = () => {
    lines.push(line.trimEnd());
    line = indent;
    used = 0;
    room = Math.max(1, width - textWidth(indent));
  };
  for (const word of text.split(' ')) {
    let chars = Array.from(word);
    if (used > 0 && used + 1 + chars.length <= room) {
      line += ' ' + word;
      used += 1 + chars.length;
      continue;
    }
    if (used > 0) push();
    while (chars.length > room) {
      line += chars.slice(0, room).join('');
      chars = chars.slice(room);
      push();
    }
    line += chars.join('');
    used += chars.length;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** Cuts `text` to `width` code points, ending in `…` when cut. */
export function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return width <= 1 ? '…'.slice(0, Math.max(0, width)) : chars.slice(0, width - 1).join('') + '…';
}
