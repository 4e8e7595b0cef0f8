import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProofDocument, type ProofDocument } from '../../src/proof/document.js';
import type { StepResult } from '../../src/proof/result.js';
import { CancelledCheck, type Presentation, type ProofLibrary, type ProofSession } from '../../src/tui/session.js';

export const fixtureDir = join(import.meta.dirname, 'fixtures');
export const fixture = (name: string) => join(fixtureDir, name);
export const loadFixture = (name: string): ProofDocument =>
  parseProofDocument(readFileSync(fixture(name), 'utf8'), fixture(name));

/** A promise resolved from outside, to hold a check open while a test looks at the spinner. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export const verified = (step: number, trials = 12): StepResult => ({
  step,
  status: 'verified',
  methods: ['randomized exact identity test'],
  trials,
  instances: ['m=1, k=1', 'm=2, k=3'],
  scope: { sizes: 'all', maxSize: 3, H: null, why: 'a polynomial identity' },
  probabilityBound: 'error probability ≤ 2⁻⁴⁰',
});

export const failed = (step: number, seed: number): StepResult => ({
  step,
  status: 'failed',
  methods: ['randomized exact identity test'],
  trials: 3,
  instances: ['m=2, k=2'],
  scope: { sizes: 'tried', maxSize: 2, H: null, why: 'a counterexample was found' },
  reason: 'the two sides differ',
  counterexample: {
    bindings: { m: 2, k: 2 },
    matrices: [{ name: 'x', rows: [['1', '-3/4']] }],
    sides: [
      { text: 'left', rows: [['2', '5']] },
      { text: 'right', rows: [['2', '7']] },
    ],
    firstDifference: { row: 1, col: 2, left: '5', right: '7' },
    seed,
    trial: 3,
  },
});

/**
 * A session over a parsed fixture: formulas "print" as marked-up source (so a test can tell printed from
 * raw text), checks answer from `answer`, which may hold them open. Like one checker thread, it starts a check
 * when the one before has settled; `cancelPending` drops those not started.
 */
export class FakeSession implements ProofSession {
  readonly checks: { step: number; seed: number }[] = [];
  closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private cancelledBefore = 0;
  private asked = 0;
  constructor(
    readonly doc: ProofDocument,
    private readonly answer: (step: number, seed: number) => StepResult | Promise<StepResult> = (s) => verified(s),
    private readonly print: (source: string) => Presentation | Promise<Presentation> = (source) => ({
      text: `«${source.replace(/'/g, 'ᵀ')}»`,
      latex: `\\text{${source}}`,
    }),
  ) {}
  async validate(): Promise<void> {}
  async present(source: string): Promise<Presentation> {
    return this.print(source);
  }
  check(step: number, seed: number, onStart?: () => void): Promise<StepResult> {
    const ticket = ++this.asked;
    const result = this.queue.then(() => {
      if (ticket <= this.cancelledBefore) throw new CancelledCheck();
      this.checks.push({ step, seed });
      onStart?.();
      return this.answer(step, seed);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
  cancelPending(): void {
    this.cancelledBefore = this.asked;
  }
  close(): void {
    this.closed = true;
  }
}

export class FakeLibrary implements ProofLibrary {
  readonly opened: string[] = [];
  readonly sessions: FakeSession[] = [];
  constructor(private readonly paths: readonly string[]) {}
  listProofs(): readonly string[] {
    return this.paths;
  }
  async open(path: string): Promise<ProofSession> {
    this.opened.push(path);
    const session = new FakeSession(parseProofDocument(readFileSync(path, 'utf8'), path));
    this.sessions.push(session);
    return session;
  }
}

/** Polls `probe` until it holds (the UI updates asynchronously); fails with the last frame after `ms`. */
export async function until(probe: () => boolean, describe: () => string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out; last frame:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
