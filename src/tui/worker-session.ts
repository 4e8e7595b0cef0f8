import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { ProofDocument } from '../proof/document.js';
import type { StepResult } from '../proof/result.js';
import type { Presentation, ProofSession } from './session.js';

/** What the worker is started with: the file as read on the UI thread, and the engine module's URL. */
export interface WorkerInit {
  readonly file: string;
  readonly text: string;
  readonly engine: string;
}

type Request =
  | { readonly op: 'validate' }
  | { readonly op: 'present'; readonly source: string }
  | { readonly op: 'check'; readonly step: number; readonly seed: number };

export type WorkerRequest = Request & { readonly id: number };

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: Presentation | StepResult | undefined }
  /** `input`: the error was an InputError (a malformed file), re-raised as one on this side. */
  | { readonly id: number; readonly ok: false; readonly message: string; readonly input: boolean };

/**
 * A proof session whose printing and checking run in a worker thread. `doc` is the document parsed on the
 * UI thread (the worker parses the same text); `engine` is the URL of a module exporting a ProofEngine.
 * If the worker dies, every pending and later request rejects with the reason.
 */
export function workerSession(doc: ProofDocument, text: string, engine: URL): ProofSession {
  const init: WorkerInit = { file: doc.file, text, engine: engine.href };
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | undefined;
  let worker: Worker | undefined;
  const failAll = (e: Error) => {
    dead ??= e;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  // Started on the first request, not when the session opens: the UI's first frame (Ink loading on this
  // thread) does not compete with the worker's imports on a busy machine.
  const start = (): Worker => {
    // the worker's own console output would land in the middle of the UI's frames: it is dropped (errors
    // reach the UI as rejected requests)
    const w = new Worker(new URL('./proof-worker.js', import.meta.url), { workerData: init, stdout: true, stderr: true });
    w.stdout.resume();
    w.stderr.resume();
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.value as never);
      else p.reject(reply.input ? new InputError('', reply.message) : new Error(reply.message));
      // the worker keeps the program alive only while a request is pending
      if (pending.size === 0) w.unref();
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`the checker thread stopped (exit code ${code})`)));
    return w;
  };
  const request = <T>(req: Request): Promise<T> => {
    if (dead) return Promise.reject(dead);
    worker ??= start();
    worker.ref();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      worker!.postMessage({ ...req, id });
    });
  };
  return {
    doc,
    validate: () => request<void>({ op: 'validate' }),
    present: (source) => request<Presentation>({ op: 'present', source }),
    check: (step, seed) => request<StepResult>({ op: 'check', step, seed }),
    close: () => {
      failAll(new Error('the session was closed'));
      void worker?.terminate();
    },
  };
}
