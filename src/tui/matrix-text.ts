import { minus } from './numbers.js';
import { textWidth } from './wrap.js';

/**
 * A matrix of exact entries as text lines, `label = ` on the first line, columns right-aligned, Unicode minus signs:
 *   X = ⎡ 1  −3/4 ⎤
 *       ⎣ 2     0 ⎦
 */
export function matrixLines(label: string, rows: readonly (readonly string[])[]): string[] {
  const head = label === '' ? '' : `${label} = `;
  const pad = ' '.repeat(textWidth(head));
  if (rows.length === 0 || rows[0]!.length === 0) return [`${head}[] (${rows.length}×${rows[0]?.length ?? 0})`];
  const cols = rows[0]!.length;
  rows = rows.map((r) => r.map(minus));
  const widths = Array.from({ length: cols }, (_, j) => Math.max(...rows.map((r) => textWidth(r[j] ?? ''))));
  const body = rows.map((r) => r.map((x, j) => ' '.repeat(widths[j]! - textWidth(x)) + x).join('  '));
  if (rows.length === 1) return [`${head}[ ${body[0]} ]`];
  return body.map((b, i) => {
    const [l, r] = i === 0 ? ['⎡', '⎤'] : i === rows.length - 1 ? ['⎣', '⎦'] : ['⎢', '⎥'];
    return `${i === 0 ? head : pad}${l} ${b} ${r}`;
  });
}
