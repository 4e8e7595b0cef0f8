import type { StepCheck } from './evidence.js';
import type { ReportState } from './explorer-screen.js';
import type { ExplorerEntry, ExplorerSession, ProofSession } from './session.js';
import type { Printed } from './step-lines.js';

/** Lets pending input and rendering run between two checks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks the steps of `session` one after another with `seed`, reporting each change of a step's state
 * (0-based index). Stops quietly when `signal` aborts (a new seed or another proof). A checker that throws
 * leaves the step not checked, with the message.
 */
export async function runChecks(
  session: ProofSession,
  seed: number,
  onChange: (index: number, check: StepCheck) => void,
  signal?: AbortSignal,
): Promise<void> {
  const n = session.doc.steps.length;
  for (let i = 0; i < n; i++) {
    if (signal?.aborted) return;
    onChange(i, { state: 'checking' });
    let check: StepCheck;
    try {
      check = { state: 'done', result: await session.check(i + 1, seed) };
    } catch (e) {
      check = { state: 'error', message: e instanceof Error ? e.message : String(e) };
    }
    if (signal?.aborted) return;
    onChange(i, check);
    await yieldToEventLoop();
  }
}

/** Checks every step and returns the outcomes in order (for the transcript). */
export async function checkAll(session: ProofSession, seed: number): Promise<StepCheck[]> {
  const checks: StepCheck[] = session.doc.steps.map(() => ({ state: 'queued' }));
  await runChecks(session, seed, (i, c) => {
    checks[i] = c;
  });
  return checks;
}

/** Every text of the document the printer is asked for: steps, and the defines' names and bodies. */
export const printableSources = (session: ProofSession): string[] => [
  ...new Set([...session.doc.steps.map((s) => s.text), ...session.doc.defines.flatMap((d) => [d.name, d.expr])]),
];

/** Prints every step and define of `session`; a source that cannot be printed keeps its error. */
export async function printAll(session: ProofSession): Promise<(source: string) => Printed> {
  const sources = printableSources(session);
  const settled = await Promise.allSettled(sources.map((s) => session.present(s)));
  const printed = new Map<string, Printed>();
  sources.forEach((source, i) => {
    const r = settled[i]!;
    printed.set(
      source,
      r.status === 'fulfilled'
        ? { state: 'ready', presentation: r.value }
        : { state: 'error', message: r.reason instanceof Error ? r.reason.message : String(r.reason) },
    );
  });
  return (source) => printed.get(source) ?? { state: 'pending' };
}

/** Every entry's report, in order; a check that throws keeps its message. */
export async function reportAll(session: ExplorerSession): Promise<{ entry: ExplorerEntry; report: ReportState }[]> {
  const out: { entry: ExplorerEntry; report: ReportState }[] = [];
  for (const entry of session.entries) {
    try {
      out.push({ entry, report: { state: 'ready', view: await session.report(entry.key) } });
    } catch (e) {
      out.push({ entry, report: { state: 'error', message: e instanceof Error ? e.message : String(e) } });
    }
  }
  return out;
}
