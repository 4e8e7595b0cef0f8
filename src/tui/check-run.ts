import type { StepCheck } from './evidence.js';
import { CancelledCheck, type ProofSession } from './session.js';

/**
 * Every step of a session checked with one seed: all steps are asked for at once (the session's checker threads
 * take them side by side), and each change of a step's state is published as it happens. Started before the
 * terminal UI has loaded, so no verdict waits for it.
 */
export interface CheckRun {
  readonly session: ProofSession;
  readonly seed: number;
  /** The current state of every step, in order (a new array on each change). */
  readonly checks: () => readonly StepCheck[];
  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (checks: readonly StepCheck[]) => void): () => void;
  /** Settles when every step is done (or errored); never rejects. */
  readonly done: Promise<readonly StepCheck[]>;
  /** Drops the checks not yet started; the run publishes nothing more. */
  cancel(): void;
}

/**
 * Starts checking every step of `session` with `seed`. `reuse` gives a step's earlier outcome (for a file edited
 * while it was open: an unchanged step is not checked again); a checker that throws leaves the step not checked,
 * with the message.
 */
export function startRun(session: ProofSession, seed: number, reuse: (index: number) => StepCheck | undefined = () => undefined): CheckRun {
  const n = session.doc.steps.length;
  let checks: StepCheck[] = Array.from({ length: n }, (_, i) => reuse(i) ?? { state: 'queued' });
  const listeners = new Set<(checks: readonly StepCheck[]) => void>();
  let live = true;
  const set = (i: number, c: StepCheck) => {
    if (!live) return;
    checks = checks.map((x, j) => (j === i ? c : x));
    for (const l of listeners) l(checks);
  };
  const one = async (i: number): Promise<void> => {
    if (checks[i]!.state === 'done') return;
    try {
      set(i, { state: 'done', result: await session.check(i + 1, seed, () => set(i, { state: 'checking' })) });
    } catch (e) {
      if (e instanceof CancelledCheck) return;
      set(i, { state: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const done = Promise.all(checks.map((_, i) => one(i))).then(() => checks);
  return {
    session,
    seed,
    checks: () => checks,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    done,
    cancel() {
      if (!live) return;
      live = false;
      listeners.clear();
      session.cancelPending();
    },
  };
}
