import { type Claim, type Expr, type ShapeContext, type Size, build as b, exprEquals, inferShape } from '../expr/index.js';
import { type Rule, type RuleContext, applyRule } from './rules.js';
import { isZero, simplify } from './simplify.js';

/** Named derivation steps: each is an equation `before = after` produced by one rule (or cited result). */

export interface Step {
  readonly name: string;
  readonly justification: string;
  /** An equation [before, after]; consecutive steps chain when one's `after` is the next one's `before`. */
  readonly claim: Claim & { kind: 'equation' };
}

/** The index variables a derivation is about; every value in range is checked on every instance. */
export type IndexDomain =
  /** no free index */
  | 'none'
  /** 1 ≤ k ≤ H+1 */
  | 'layer'
  /** 1 ≤ j < k ≤ H+1 */
  | 'pair';

export interface Derivation {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly domain: IndexDomain;
  readonly steps: readonly Step[];
  /** The statement the steps establish. */
  readonly result: Claim & { kind: 'equation' };
  /** Entry indices of entrywise statements, ranging over 1..size (e.g. a over 1..d_j). */
  readonly entries?: Readonly<Record<string, Size>>;
}

/** Builds a chain of steps from rules, simplifying after each and keeping zero matrices shaped. */
export class Deriver {
  private readonly list: Step[] = [];
  private current: Expr;

  constructor(
    start: Expr,
    private readonly rc: RuleContext,
    private readonly ctx: ShapeContext,
  ) {
    this.current = start;
  }

  get value(): Expr {
    return this.current;
  }

  get steps(): readonly Step[] {
    return this.list;
  }

  /** Applies a rule everywhere it matches; a rule that changes nothing is a bug in the derivation. */
  rule(rule: Rule): this {
    const after = this.shaped(simplify(applyRule(this.current, rule, this.rc)));
    if (exprEquals(after, this.current)) throw new Error(`derivation step "${rule.name}" changed nothing`);
    return this.push(rule.name, rule.justification, this.current, after);
  }

  /** A step whose result is written out (a cited lemma, reindexing a sum); checked like every other. */
  to(after: Expr, name: string, justification: string): this {
    return this.push(name, justification, this.current, after);
  }

  /** Starts a new chain `lhs = rhs` (a conclusion drawn from the previous chain). */
  conclude(lhs: Expr, rhs: Expr, name: string, justification: string): this {
    return this.push(name, justification, lhs, rhs);
  }

  private push(name: string, justification: string, before: Expr, after: Expr): this {
    this.list.push({ name, justification, claim: { kind: 'equation', sides: [before, after] } });
    this.current = after;
    return this;
  }

  /** A zero that stands for a matrix becomes zeros(rows, cols). */
  private shaped(e: Expr): Expr {
    if (!isZero(e)) return e;
    const s = inferShape(this.current, this.ctx, 'calculus');
    return s.kind === 'matrix' ? b.zeros(s.rows, s.cols) : e;
  }
}
