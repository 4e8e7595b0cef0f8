import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The installed KaTeX stylesheet with its fonts embedded as woff2 `data:` URLs, so a page using it is a single
 * file that renders offline. (Every browser that runs KaTeX reads woff2; the woff/ttf fallbacks are dropped.)
 */
export function katexStylesheet(): string {
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  const inlined = css.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[^"]+"\))*/g, (_m, file: string) => {
    const data = readFileSync(join(dist, file)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  // a KaTeX release that lays out its CSS differently must fail loudly, not produce a page without fonts
  const left = /url\((?!data:)[^)]*\)/.exec(inlined);
  if (left) throw new Error(`katex.min.css: font reference not inlined: ${left[0]}`);
  return inlined;
}
