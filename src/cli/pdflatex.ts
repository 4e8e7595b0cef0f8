import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What compiling the appendix found: it compiles, it does not (the first error), or it was not tried (why). */
export type CompileResult =
  | { readonly status: 'compiled' }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'skipped'; readonly why: string };

/** A fragment is compiled the way its users include it: `\input` in an article that loads amsmath and amssymb. */
const HOST = '\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\begin{document}\n\\input{fragment}\n\\end{document}\n';

/** The first error of a pdflatex log: its `!` line and the input line it names (`l.42 …`). */
function firstError(log: string): string {
  const lines = log.split('\n');
  const i = lines.findIndex((l) => l.startsWith('!'));
  if (i < 0) return 'pdflatex stopped without an error message';
  const at = lines.slice(i, i + 12).find((l) => /^l\.\d+/.test(l));
  const where = at ? ` (line ${/^l\.(\d+)/.exec(at)![1]})` : '';
  return `${lines[i]!.slice(1).trim()}${where}`;
}

/**
 * Compiles the LaTeX `source` with pdflatex, if it is installed, in a throw-away directory: no shell escape, files
 * opened only there (`openin_any`/`openout_any` paranoid), nonstop, halting on the first error, at most two
 * minutes. Nothing is left behind.
 */
export function compileLatex(source: string, standalone: boolean): CompileResult {
  const dir = mkdtempSync(join(tmpdir(), 'dln-pdflatex-'));
  try {
    const main = standalone ? 'appendix' : 'host';
    writeFileSync(join(dir, standalone ? 'appendix.tex' : 'fragment.tex'), source);
    if (!standalone) writeFileSync(join(dir, 'host.tex'), HOST);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', `${main}.tex`], {
      cwd: dir,
      encoding: 'latin1',
      input: '',
      timeout: 120_000,
      env: { ...process.env, openin_any: 'p', openout_any: 'p', shell_escape: 'f' },
    });
    if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { status: 'skipped', why: 'pdflatex not found' };
    if (r.error) return { status: 'failed', error: `pdflatex did not finish (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})` };
    if (r.status === 0) return { status: 'compiled' };
    let log = r.stdout;
    try {
      log = readFileSync(join(dir, `${main}.log`), 'latin1');
    } catch {
      /* no log: pdflatex's output says what happened */
    }
    return { status: 'failed', error: firstError(log) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
