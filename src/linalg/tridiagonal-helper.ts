import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

/**
 * A second thread for the row passes of the Householder tridiagonalisation (tridiagonal.ts), driven
 * synchronously: the matrix and vectors live in SharedArrayBuffers, each step is handed over by a counter in a
 * shared Int32Array with Atomics.notify and awaited with Atomics.wait (allowed on Node's main thread), so no
 * event-loop turn is needed on either side and the eigenvalue functions stay synchronous.
 *
 * The worker script is the compiled tridiagonal-worker.js next to this module. It exists only in dist/: when the
 * module runs from its TypeScript source (vitest) or on a single core, there is no helper and the callers take
 * the serial path, which computes the same thing.
 */

/** Slots of the shared control array. */
export const SLOT = {
  /** Step counter, bumped by the main thread to hand over a step. */
  go: 0,
  /** The last step the helper finished. */
  done: 1,
  /** 1 once the helper thread runs. */
  ready: 2,
  /** 1 if a step threw in the helper. */
  failed: 3,
  /** Workspace generation: the helper reads a new workspace message from its port when this changes. */
  workspace: 4,
  n: 5,
  column: 6,
  /** First row of the helper's share. */
  split: 7,
  fused: 8,
  /** 1 when v is workspace vector A (and vNext is B), 0 for the other way round. */
  vIsA: 9,
} as const;
const SLOTS = 10;

/** Shared arrays for reductions of size up to `capacity`; the helper receives them once per workspace. */
export interface WorkspaceMessage {
  readonly generation: number;
  readonly matrix: SharedArrayBuffer;
  readonly vA: SharedArrayBuffer;
  readonly vB: SharedArrayBuffer;
  readonly w: SharedArrayBuffer;
  /** The helper's share of pNext. */
  readonly share: SharedArrayBuffer;
}

export interface WorkerData {
  readonly control: SharedArrayBuffer;
  readonly port: MessagePort;
}

/**
 * Waits until slot ≠ value: busy for up to a millisecond (steps follow each other within microseconds, and
 * waking a sleeping thread takes up to milliseconds on a virtual machine), then asleep — at most `limitMs`
 * in all; returns false when that passed without a change.
 */
export function waitWhile(control: Int32Array, slot: number, value: number, limitMs = Infinity): boolean {
  const start = performance.now();
  while (Atomics.load(control, slot) === value) {
    const waited = performance.now() - start;
    if (waited > limitMs) return false;
    if (waited > 1) Atomics.wait(control, slot, value, Math.min(1000, limitMs - waited));
  }
  return true;
}

/** One step's share takes milliseconds; a helper silent this long is gone (the process must not hang). */
const STEP_LIMIT_MS = 30_000;

/** SharedArrayBuffer-backed arrays for one reduction of size n. */
export interface SharedRows {
  readonly a: Float64Array;
  readonly vA: Float64Array;
  readonly vB: Float64Array;
  readonly w: Float64Array;
  readonly share: Float64Array;
}

const f64 = (buffer: SharedArrayBuffer, length: number) => new Float64Array(buffer, 0, length);

export class TridiagonalHelper {
  private step = 0;
  private generation = 0;
  private capacity = 0;
  private buffers: Omit<WorkspaceMessage, 'generation'> | undefined;

  constructor(
    private readonly control: Int32Array,
    private readonly port: MessagePort,
  ) {}

  /** Steps handed over so far. */
  get steps(): number {
    return this.step;
  }

  /** Whether the thread has started and warmed up (50–100 ms; steps before then run on the calling thread). */
  get ready(): boolean {
    return Atomics.load(this.control, SLOT.ready) === 1;
  }

  /** Shared arrays for a reduction of size n, kept for later reductions (grown when n exceeds them). */
  rows(n: number): SharedRows {
    if (n > this.capacity || !this.buffers) {
      const sab = (length: number) => new SharedArrayBuffer(8 * length);
      this.capacity = n;
      this.buffers = { matrix: sab(n * n), vA: sab(n), vB: sab(n), w: sab(n), share: sab(n) };
      const message: WorkspaceMessage = { generation: ++this.generation, ...this.buffers };
      this.port.postMessage(message);
      Atomics.store(this.control, SLOT.workspace, this.generation);
    }
    const b = this.buffers;
    return { a: f64(b.matrix, n * n), vA: f64(b.vA, n), vB: f64(b.vB, n), w: f64(b.w, n), share: f64(b.share, n) };
  }

  /** Hands rows [split, n) of the step with pivot column c to the helper (its pNext share goes to `share`). */
  start(n: number, c: number, split: number, fused: boolean, vIsA: boolean): void {
    const s = this.control;
    Atomics.store(s, SLOT.n, n);
    Atomics.store(s, SLOT.column, c);
    Atomics.store(s, SLOT.split, split);
    Atomics.store(s, SLOT.fused, fused ? 1 : 0);
    Atomics.store(s, SLOT.vIsA, vIsA ? 1 : 0);
    Atomics.store(s, SLOT.go, ++this.step);
    Atomics.notify(s, SLOT.go);
  }

  /** Waits for the helper's share of the current step. */
  finish(): void {
    if (!waitWhile(this.control, SLOT.done, this.step - 1, STEP_LIMIT_MS))
      throw new Error(`the tridiagonalisation helper thread did not answer within ${STEP_LIMIT_MS / 1000} s`);
    if (Atomics.load(this.control, SLOT.failed) === 1) throw new Error('the tridiagonalisation helper thread failed');
  }
}

let helper: TridiagonalHelper | null | undefined;

/**
 * The process's helper thread, started on first use; null without a second core or without the compiled
 * worker script. The thread is unref'd: it never keeps the process alive, and it is stopped at exit.
 */
export function tridiagonalHelper(): TridiagonalHelper | null {
  if (helper !== undefined) return helper;
  const script = new URL('./tridiagonal-worker.js', import.meta.url);
  if (availableParallelism() < 2 || !existsSync(fileURLToPath(script))) return (helper = null);
  const control = new SharedArrayBuffer(4 * SLOTS);
  const { port1, port2 } = new MessageChannel();
  const workerData: WorkerData = { control, port: port2 };
  // No inherited node flags: the helper needs none, and some (--input-type, --eval) would stop it from starting.
  const worker = new Worker(script, { workerData, transferList: [port2], execArgv: [] });
  worker.unref();
  // A thread that fails to start never becomes ready, so nothing waits for it; later reductions run serially.
  worker.on('error', () => {
    helper = null;
  });
  return (helper = new TridiagonalHelper(new Int32Array(control), port1));
}
