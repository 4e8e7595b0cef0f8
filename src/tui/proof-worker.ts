import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { ProofEngine } from './session.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-session.js';

/**
 * A checker thread of a walkthrough session: loads the engine module, then for each batch of checks claims
 * items one at a time from the batch's shared counter (other threads, the UI thread included, claim from the same
 * counter) until none is left, so heavy imports and checks never stall the UI thread and no thread idles while a
 * step waits.
 */
const { doc, engine: engineUrl } = workerData as WorkerInit;
const port = parentPort!;
const { engine } = (await import(engineUrl)) as { engine: ProofEngine };
// Ready before claiming anything: a thread that claimed a step and only then loaded the parser and built the
// setting would finish it long after the others were done. (A malformed file fails each check instead.)
try {
  engine.validate(doc);
} catch {
  /* reported by the checks */
}

port.on('message', (req: WorkerRequest) => {
  const next = new Int32Array(req.next);
  for (let i = Atomics.add(next, 0, 1); i < req.items.length; i = Atomics.add(next, 0, 1)) {
    const { step, seed } = req.items[i]!;
    port.postMessage({ batch: req.batch, index: i, started: true } satisfies WorkerReply);
    let reply: WorkerReply;
    try {
      reply = { batch: req.batch, index: i, ok: true, value: engine.check(doc, step, seed) };
    } catch (e) {
      reply = { batch: req.batch, index: i, ok: false, message: e instanceof Error ? e.message : String(e), input: e instanceof InputError };
    }
    port.postMessage(reply);
  }
});
