import { describe, expect, it } from 'vitest';
import { line, maxScroll, pageSize, viewport } from '../../src/tui/lines.js';

/** The numbered body lines a viewport shows, and the counts its markers state. */
function read(out: readonly { text: string }[]) {
  const shown = out.filter((l) => l.text.startsWith('L')).map((l) => Number(l.text.slice(1)));
  const count = (dir: string) => Number(out.find((l) => l.text.startsWith(dir))?.text.split(' ')[1] ?? 0);
  return { shown, above: count('↑'), below: count('↓') };
}

describe('viewport and paging', () => {
  it('the markers count exactly the lines cut off above and below, for every size and scroll', () => {
    for (let n = 0; n < 30; n++)
      for (let rows = 3; rows < 14; rows++)
        for (let scroll = 0; scroll < 35; scroll++) {
          const body = Array.from({ length: n }, (_, i) => line(`L${i}`));
          const out = viewport(body, rows, scroll);
          expect(out.length).toBeLessThanOrEqual(rows);
          const { shown, above, below } = read(out);
          const first = shown[0] ?? 0;
          expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => first + i)); // contiguous
          expect(above).toBe(first);
          expect(below).toBe(n - first - shown.length);
        }
  });

  it('paging from the top to the last start shows every line, each page starting where the last one ended', () => {
    for (let n = 1; n < 40; n++)
      for (let rows = 3; rows < 12; rows++) {
        const pane = { rows, lines: n };
        const body = Array.from({ length: n }, (_, i) => line(`L${i}`));
        const seen = new Set<number>();
        let previousLast = -1;
        for (let scroll = 0; ; scroll = Math.min(maxScroll(pane), scroll + pageSize(pane))) {
          const { shown } = read(viewport(body, rows, scroll));
          shown.forEach((i) => seen.add(i));
          // no line skipped between two pages
          expect(shown[0]!).toBeLessThanOrEqual(previousLast + 1);
          previousLast = shown[shown.length - 1]!;
          if (scroll === maxScroll(pane)) break;
        }
        expect(seen.size).toBe(n);
        expect(previousLast).toBe(n - 1);
      }
  });
});
