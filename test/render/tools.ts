import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * External tools the render tests drive. They are installed by .ci/run; when one is missing the test fails
 * with a message saying how to install it (these tests never skip).
 */

const PDFLATEX = '/usr/bin/pdflatex';
const CHROMIUM = '/usr/bin/chromium';

function need(path: string, pkg: string): void {
  if (!existsSync(path))
    throw new Error(`${path} is missing: install it with 'apt-get install -y --no-install-recommends ${pkg}' (as .ci/run does)`);
}

export interface LatexRun {
  readonly status: number | null;
  readonly log: string;
  readonly pdf: string;
  readonly dir: string;
}

/** Compiles a complete document with pdflatex in a fresh directory (nonstop, halting on the first error). */
export function pdflatex(source: string, name = 'doc'): LatexRun {
  need(PDFLATEX, 'texlive-latex-base texlive-latex-recommended');
  const dir = mkdtempSync(join(tmpdir(), 'dln-latex-'));
  writeFileSync(join(dir, `${name}.tex`), source);
  const r = spawnSync(PDFLATEX, ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${name}.tex`], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const logFile = join(dir, `${name}.log`);
  return { status: r.status, log: existsSync(logFile) ? readFileSync(logFile, 'latin1') : r.stdout, pdf: join(dir, `${name}.pdf`), dir };
}

/** Error lines (`! …`) and overfull boxes wider than `tolerancePt` from a pdflatex log. */
export function latexProblems(log: string, tolerancePt: number): string[] {
  const errors = log.split('\n').filter((l) => l.startsWith('!'));
  const overfull = [...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*/g)]
    .filter((m) => Number(m[1]) > tolerancePt)
    .map((m) => m[0]);
  return [...errors, ...overfull];
}

/** Headless Chromium with a throw-away profile and nothing phoning home. */
function chromium(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  need(CHROMIUM, 'chromium');
  const profile = mkdtempSync(join(tmpdir(), 'dln-chromium-'));
  const r = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      `--user-data-dir=${profile}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The DOM of a local page after Chromium has loaded and laid it out. */
export function dumpDom(file: string): string {
  const r = chromium(['--dump-dom', `file://${file}`]);
  if (r.status !== 0) throw new Error(`chromium --dump-dom failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** A PNG screenshot of a local page. */
export function screenshot(file: string, png: string, width: number, height: number): void {
  const r = chromium([`--screenshot=${png}`, `--window-size=${width},${height}`, '--hide-scrollbars', `file://${file}`]);
  if (r.status !== 0 || !existsSync(png)) throw new Error(`chromium --screenshot failed (${r.status}): ${r.stderr}`);
}

/** What a PNG file says of itself: its signature is a PNG's, and its IHDR width and height. */
export function pngFacts(png: string): { isPng: boolean; width: number; height: number; bytes: number } {
  const b = readFileSync(png);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { isPng: b.subarray(0, 8).equals(signature), width: b.readUInt32BE(16), height: b.readUInt32BE(20), bytes: b.length };
}

/** Every math fragment of a LaTeX document: inline \(…\) and display align* environments. */
export function formulasOf(doc: string): { latex: string; display: boolean }[] {
  return [
    ...[...doc.matchAll(/\\\((.*?)\\\)/gs)].map((m) => ({ latex: m[1]!, display: false })),
    ...[...doc.matchAll(/\\begin\{align\*\}.*?\\end\{align\*\}/gs)].map((m) => ({ latex: m[0], display: true })),
  ];
}
