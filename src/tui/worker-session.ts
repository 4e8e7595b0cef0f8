import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { ProofDocument } from '../proof/document.js';
import type { StepResult } from '../proof/result.js';
import { CancelledCheck, type Presentation, type ProofEngine, type ProofSession } from './session.js';

/** What a checker thread is started with: the document as parsed on the UI thread and the engine module's URL. */
export interface WorkerInit {
  readonly doc: ProofDocument;
  readonly engine: string;
}

/** A batch of checks; every thread claims its items from the shared counter `next` (an Int32 cell). */
export interface WorkerRequest {
  readonly batch: number;
  readonly items: readonly { readonly step: number; readonly seed: number }[];
  readonly next: SharedArrayBuffer;
}

export type WorkerReply =
  /** The thread has claimed item `index` and begun it. */
  | { readonly batch: number; readonly index: number; readonly started: true }
  | { readonly batch: number; readonly index: number; readonly ok: true; readonly value: StepResult }
  /** `input`: the error was an InputError (a malformed file), re-raised as one on this side. */
  | { readonly batch: number; readonly index: number; readonly ok: false; readonly message: string; readonly input: boolean };

/** A session whose checks this thread may take part in. */
export interface CheckerSession extends ProofSession {
  /**
   * Lets this thread claim checks too, one per turn of the event loop (so frames are drawn and keys read between
   * them), until the returned function is called. For the time before the terminal UI has loaded.
   */
  helpHere(): () => void;
}

/** Checker threads: one per core besides the UI thread's, at least one. */
export const threadCount = (): number => Math.max(1, availableParallelism() - 1);

/** About the time a checker thread needs to load the checker and warm up. */
const THREAD_DELAY_MS = 300;

interface Waiter {
  readonly resolve: (r: StepResult) => void;
  readonly reject: (e: Error) => void;
  readonly onStart?: () => void;
}

interface Batch {
  readonly id: number;
  readonly items: { readonly step: number; readonly seed: number }[];
  readonly waiters: Waiter[];
  readonly buffer: SharedArrayBuffer;
  readonly next: Int32Array;
  readonly settled: boolean[];
  /** Which thread began each item (undefined: this thread, or not begun). */
  readonly startedBy: Map<number, Thread>;
  open: number;
  /** Sent to the checker threads. */
  posted: boolean;
}

interface Thread {
  worker?: Worker;
  dead?: Error;
}

/** The printer loads on first use: the checker threads are started before this thread spends time on it. */
let printer: Promise<typeof import('./printer.js')> | undefined;

/**
 * A proof session checked by worker threads and, when asked (`helpHere`), by this thread too. The checks asked
 * for in one turn of the event loop form a batch that every thread works through side by side, claiming items
 * from a shared counter: no thread idles while a step waits, and a thread that starts late (module loading) just
 * takes what is left. Formulas are printed and files validated on this thread. `engine` is the URL of a module
 * exporting a ProofEngine. A thread that dies fails the checks it had begun; the others carry on.
 */
export function workerSession(doc: ProofDocument, engine: URL, threads = threadCount()): CheckerSession {
  const init: WorkerInit = { doc, engine: engine.href };
  const pool: Thread[] = Array.from({ length: Math.min(threads, doc.steps.length) }, () => ({}));
  const batches = new Map<number, Batch>();
  const printed = new Map<string, Presentation>();
  let nextBatch = 1;
  let queued: Batch | undefined;
  let closed: Error | undefined;
  let local: Promise<ProofEngine> | undefined;
  const localEngine = () => (local ??= import(engine.href).then((m: { engine: ProofEngine }) => m.engine));
  let helping = false;
  let wakeHelper: (() => void) | undefined;

  const settle = (b: Batch, index: number, outcome: { result: StepResult } | { error: Error }) => {
    if (b.settled[index]) return;
    b.settled[index] = true;
    const w = b.waiters[index]!;
    if ('result' in outcome) w.resolve(outcome.result);
    else w.reject(outcome.error);
    if (--b.open === 0) {
      batches.delete(b.id);
      // the threads keep the program alive only while some check is open
      if (batches.size === 0) for (const t of pool) t.worker?.unref();
    }
  };
  /** Takes every item of `b` that no thread has claimed yet out of the batch, failing it with `error`. */
  const withdraw = (b: Batch, error: Error) => {
    const claimed = Atomics.exchange(b.next, 0, b.items.length);
    for (let i = claimed; i < b.items.length; i++) settle(b, i, { error });
  };
  const threadDied = (t: Thread, e: Error) => {
    t.dead ??= e;
    for (const b of [...batches.values()]) for (const [i, by] of b.startedBy) if (by === t) settle(b, i, { error: t.dead });
    if (pool.every((x) => x.dead) && !helping) for (const b of [...batches.values()]) withdraw(b, t.dead);
  };
  const start = (t: Thread): Worker => {
    // a worker's own console output would land in the middle of the UI's frames: it is dropped (errors reach
    // the UI as rejected checks)
    const w = new Worker(new URL('./proof-worker.js', import.meta.url), { workerData: init, stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.resume();
    w.on('message', (reply: WorkerReply) => {
      const b = batches.get(reply.batch);
      if (!b) return;
      if ('started' in reply) {
        b.startedBy.set(reply.index, t);
        return b.waiters[reply.index]!.onStart?.();
      }
      if (reply.ok) settle(b, reply.index, { result: reply.value });
      else settle(b, reply.index, { error: reply.input ? new InputError('', reply.message) : new Error(reply.message) });
    });
    w.on('error', (e) => threadDied(t, e));
    w.on('exit', (code) => threadDied(t, new Error(`the checker thread stopped (exit code ${code})`)));
    return w;
  };
  const post = (b: Batch) => {
    b.posted = true;
    const request: WorkerRequest = { batch: b.id, items: b.items, next: b.buffer };
    for (const [i, t] of pool.entries()) {
      // no new thread for a batch the running ones outnumber (a re-check of the steps an edit changed)
      if (t.dead || (!t.worker && i >= b.items.length)) continue;
      const w = (t.worker ??= start(t));
      w.ref();
      w.postMessage(request);
    }
  };
  const dispatch = (b: Batch) => {
    if (b !== queued) return; // dispatched early (cancelPending)
    queued = undefined;
    if (closed) return withdraw(b, closed);
    batches.set(b.id, b);
    wakeHelper?.();
    // While this thread helps, the threads join only a batch that outlasts their start-up: a short batch is
    // done before a new thread has loaded the checker, and its start-up would only take CPU from this one.
    if (helping) setTimeout(() => batches.has(b.id) && !b.posted && post(b), THREAD_DELAY_MS).unref();
    else post(b);
  };
  /** This thread's share: one claimed item per turn while helping. */
  const helpTurn = async () => {
    wakeHelper = undefined;
    if (!helping) return;
    const eng = await localEngine();
    for (const b of batches.values()) {
      const i = Atomics.add(b.next, 0, 1);
      if (i >= b.items.length) continue;
      const { step, seed } = b.items[i]!;
      b.waiters[i]!.onStart?.();
      try {
        settle(b, i, { result: eng.check(doc, step, seed) });
      } catch (e) {
        settle(b, i, { error: e instanceof Error ? e : new Error(String(e)) });
      }
      setImmediate(() => void helpTurn());
      return;
    }
    wakeHelper = () => setImmediate(() => void helpTurn());
  };

  return {
    doc,
    validate: async () => (await localEngine()).validate(doc),
    present: async (source) => {
      let p = printed.get(source);
      if (!p) printed.set(source, (p = (await (printer ??= import('./printer.js'))).presentSource(doc, source)));
      return p;
    },
    check: (step, seed, onStart) =>
      new Promise<StepResult>((resolve, reject) => {
        if (!queued) {
          const buffer = new SharedArrayBuffer(4);
          const b: Batch = { id: nextBatch++, items: [], waiters: [], buffer, next: new Int32Array(buffer), settled: [], startedBy: new Map(), open: 0, posted: false };
          queued = b;
          queueMicrotask(() => dispatch(b));
        }
        queued.items.push({ step, seed });
        queued.waiters.push({ resolve, reject, ...(onStart ? { onStart } : {}) });
        queued.settled.push(false);
        queued.open++;
      }),
    cancelPending: () => {
      if (queued) dispatch(queued);
      for (const b of [...batches.values()]) withdraw(b, new CancelledCheck());
    },
    helpHere: () => {
      helping = true;
      setImmediate(() => void helpTurn());
      return () => {
        helping = false;
        wakeHelper = undefined;
        for (const b of batches.values()) if (!b.posted) post(b);
      };
    },
    close: () => {
      closed = new Error('the session was closed');
      helping = false;
      for (const b of [...batches.values()]) {
        withdraw(b, closed);
        for (const i of b.startedBy.keys()) settle(b, i, { error: closed });
      }
      for (const t of pool) void t.worker?.terminate();
    },
  };
}
