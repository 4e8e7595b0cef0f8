import type { KatexOptions } from 'katex';
import { katexModule } from '../expr/latex/katex.js';

/** Why KaTeX rejected a formula: its message, and where in the formula (0-based, when KaTeX knows). */
export interface FormulaProblem {
  readonly message: string;
  readonly position?: number;
  readonly length?: number;
}

/**
 * A formula dln printed was rejected by KaTeX. The printers are ours, so this is a bug, not bad input:
 * the message names the place, KaTeX's reason and the formula with the offending part marked.
 */
export class FormulaError extends Error {
  constructor(
    readonly where: string,
    readonly latex: string,
    readonly problem: FormulaProblem,
  ) {
    super(`${where}: KaTeX rejects the formula: ${problem.message}${locate(latex, problem)}`);
    this.name = 'FormulaError';
  }
}

function locate(latex: string, p: FormulaProblem): string {
  if (p.position === undefined) return ` in "${latex}"`;
  const end = p.position + Math.max(p.length ?? 1, 1);
  return ` at position ${p.position} in "${latex.slice(0, p.position)}>>>${latex.slice(p.position, end)}<<<${latex.slice(end)}"`;
}

/** KaTeX, loaded: validation and server-side rendering with the strictest settings. */
export interface Tex {
  /** Undefined when KaTeX accepts `latex` with `throwOnError: true, strict: 'error'`. */
  problem(latex: string, display: boolean): FormulaProblem | undefined;
  /** Throws FormulaError (naming `where`) unless KaTeX accepts the formula. */
  check(latex: string, display: boolean, where: string): void;
  /** HTML for the formula; throws FormulaError (naming `where`) if KaTeX rejects it. */
  html(latex: string, display: boolean, where: string): string;
}

const options = (display: boolean): KatexOptions => ({
  displayMode: display,
  throwOnError: true,
  strict: 'error',
  output: 'html',
  trust: false,
});

let loaded: Promise<Tex> | undefined;

/**
 * Loads KaTeX on first use only: it is large, and most commands never need it. The same (CommonJS) copy that reads
 * claims and prose, so a command that does both loads it once.
 */
export function loadTex(): Promise<Tex> {
  loaded ??= Promise.resolve(katexModule()).then((katex) => {
    const attempt = (latex: string, display: boolean): { html: string } | { problem: FormulaProblem } => {
      try {
        return { html: katex.renderToString(latex, options(display)) };
      } catch (e) {
        if (!(e instanceof katex.ParseError)) throw e;
        const problem: FormulaProblem = {
          message: e.rawMessage,
          ...(typeof e.position === 'number' ? { position: e.position } : {}),
          ...(typeof e.length === 'number' ? { length: e.length } : {}),
        };
        return { problem };
      }
    };
    const html = (latex: string, display: boolean, where: string): string => {
      const r = attempt(latex, display);
      if ('problem' in r) throw new FormulaError(where, latex, r.problem);
      return r.html;
    };
    return {
      problem: (latex, display) => {
        const r = attempt(latex, display);
        return 'problem' in r ? r.problem : undefined;
      },
      check: (latex, display, where) => void html(latex, display, where),
      html,
    };
  });
  return loaded;
}
