import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { readDerivation } from '../proof/read.js';
import type { ProofEngine } from './session.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-session.js';

/**
 * Worker thread of a walkthrough session: parses the document, loads the engine module and answers
 * print and check requests one at a time, so heavy imports and checks never stall the UI thread.
 */
const init = workerData as WorkerInit;
const port = parentPort!;
const doc = readDerivation(init.text, init.file);
const { engine } = (await import(init.engine)) as { engine: ProofEngine };

port.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const value =
      req.op === 'validate' ? (engine.validate(doc), undefined) : req.op === 'present' ? engine.present(doc, req.source) : engine.check(doc, req.step, req.seed);
    reply = { id: req.id, ok: true, value };
  } catch (e) {
    reply = { id: req.id, ok: false, message: e instanceof Error ? e.message : String(e), input: e instanceof InputError };
  }
  port.postMessage(reply);
});
