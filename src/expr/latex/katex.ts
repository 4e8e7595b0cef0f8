import { createRequire } from 'node:module';

/**
 * KaTeX, loaded synchronously (its CommonJS build, ~25 ms) for the parts of dln that read LaTeX: claims, inline
 * math in prose, `.tex` documents. Claims are parsed from KaTeX's own parse tree (`__parse`), so a formula is read
 * exactly as KaTeX typesets it; that tree's format is internal to KaTeX, so everything that touches it stays in
 * this directory (tree.ts turns it into dln's own `TexNode`s) and the package is pinned to one minor version.
 */

/** The part of a KaTeX parse node dln reads (structural; fields vary by `type`). */
export interface KatexNode {
  readonly type: string;
  readonly loc?: { readonly start: number; readonly end: number; readonly lexer?: { readonly input?: string } } | null;
  readonly text?: string;
  readonly family?: string;
  readonly body?: KatexNode | readonly KatexNode[];
  readonly base?: KatexNode | null;
  readonly sup?: KatexNode | null;
  readonly sub?: KatexNode | null;
  readonly numer?: KatexNode;
  readonly denom?: KatexNode;
  readonly hasBarLine?: boolean;
  readonly font?: string;
  readonly name?: string;
  readonly left?: string;
  readonly right?: string;
  readonly delim?: string;
  readonly mclass?: string;
  readonly mathml?: readonly KatexNode[];
  readonly label?: string;
}

/** A node of KaTeX's MathML output tree (`__renderToDomTree` with `output: 'mathml'`). */
export interface MathmlNode {
  readonly type?: string;
  readonly text?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly children?: readonly MathmlNode[];
}

interface KatexModule {
  readonly version: string;
  readonly ParseError: new (...args: never[]) => Error & { rawMessage: string; position?: number; length?: number };
  __parse(latex: string, options: object): KatexNode[];
  __renderToDomTree(latex: string, options: object): MathmlNode;
  renderToString(latex: string, options: object): string;
}

let katex: KatexModule | undefined;

export function katexModule(): KatexModule {
  katex ??= createRequire(import.meta.url)('katex') as KatexModule;
  return katex;
}

/** Why KaTeX rejected a formula, and where (0-based offset into the formula, when KaTeX knows). */
export class LatexSyntaxError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'LatexSyntaxError';
  }
}

/** The strictest settings, the same as the writers' validation: what parses here renders there. */
const STRICT = { throwOnError: true, strict: 'error', trust: false } as const;

function rethrow(e: unknown): never {
  const k = katexModule();
  if (e instanceof k.ParseError) throw new LatexSyntaxError(e.rawMessage, typeof e.position === 'number' ? e.position : undefined);
  throw e;
}

/** KaTeX's parse tree of a formula (math mode); LatexSyntaxError when KaTeX rejects it. */
export function katexParse(latex: string): KatexNode[] {
  try {
    return katexModule().__parse(latex, STRICT);
  } catch (e) {
    return rethrow(e);
  }
}

/** KaTeX's MathML tree of a formula: every symbol already resolved to its Unicode character. */
export function katexMathml(latex: string): MathmlNode {
  try {
    return katexModule().__renderToDomTree(latex, { ...STRICT, output: 'mathml' });
  } catch (e) {
    return rethrow(e);
  }
}
