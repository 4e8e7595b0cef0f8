import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { householderRows } from './householder-rows.js';
import { SLOT, waitWhile, type WorkerData, type WorkspaceMessage } from './tridiagonal-helper.js';

/**
 * The helper thread of the tridiagonalisation (tridiagonal-helper.ts): waits for a step, runs its share of the
 * row pass, reports it done. It never returns to its event loop; the process stops it at exit.
 */
const { control, port } = workerData as WorkerData;
const s = new Int32Array(control);
let workspace: WorkspaceMessage | undefined;
warmUp();
Atomics.store(s, SLOT.ready, 1);
for (let step = 0; ; ) {
  waitWhile(s, SLOT.go, step);
  step = Atomics.load(s, SLOT.go);
  try {
    const generation = Atomics.load(s, SLOT.workspace);
    // Workspaces are posted before the step that first uses them; older ones are skipped.
    while (workspace?.generation !== generation) {
      const next = receiveMessageOnPort(port);
      if (!next) throw new Error(`workspace ${generation} was not posted`);
      workspace = next.message as WorkspaceMessage;
    }
    const n = Atomics.load(s, SLOT.n), c = Atomics.load(s, SLOT.column), split = Atomics.load(s, SLOT.split);
    const fused = Atomics.load(s, SLOT.fused) === 1;
    const vA = new Float64Array(workspace.vA, 0, n), vB = new Float64Array(workspace.vB, 0, n);
    const [v, vNext] = Atomics.load(s, SLOT.vIsA) === 1 ? [vA, vB] : [vB, vA];
    const share = new Float64Array(workspace.share, 0, n);
    if (fused) share.fill(0, c + 1);
    householderRows(new Float64Array(workspace.matrix, 0, n * n), n, c, split, n, v, new Float64Array(workspace.w, 0, n), vNext, share, fused);
  } catch {
    Atomics.store(s, SLOT.failed, 1);
  }
  Atomics.store(s, SLOT.done, step);
  Atomics.notify(s, SLOT.done);
}

/**
 * Runs the row pass until V8 has optimised it: a cold helper runs its shares some 30× slower than the main
 * thread and would make it wait, so it announces itself ready only afterwards (20–40 ms). The optimising
 * compiler works in the background, so no fixed number of passes is enough: passes continue until three in a
 * row take under a tenth of the slowest one.
 */
function warmUp(): void {
  const n = 160;
  const f = (length: number) => new Float64Array(new SharedArrayBuffer(8 * length));
  const a = f(n * n), v = f(n), w = f(n), vNext = f(n), pNext = f(n);
  let slowest = 0;
  for (let k = 0, fast = 0; k < 500 && fast < 3; k++) {
    const t = performance.now();
    householderRows(a, n, 0, 0, n, v, w, vNext, pNext, true);
    const dt = performance.now() - t;
    slowest = Math.max(slowest, dt);
    fast = dt < slowest / 10 ? fast + 1 : 0;
  }
}
