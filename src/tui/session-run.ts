import { startRun } from './check-run.js';
import type { StepCheck } from './evidence.js';
import type { ReportState } from './explorer-screen.js';
import type { ExplorerEntry, ExplorerSession, ProofSession } from './session.js';
import type { Printed } from './step-lines.js';

/** Checks every step and returns the outcomes in order (for the transcript). */
export const checkAll = (session: ProofSession, seed: number): Promise<readonly StepCheck[]> => startRun(session, seed).done;

/** Every text of the document the printer is asked for: steps, and the defines' names and bodies. */
export const printableSources = (session: ProofSession): string[] => [
  ...new Set([...session.doc.steps.map((s) => s.text), ...session.doc.defines.flatMap((d) => [d.name, d.expr])]),
];

/** Formulas of a session, printed (ahead of the UI, for its first frame). */
export interface PrintedForms {
  readonly session: ProofSession;
  readonly map: ReadonlyMap<string, Printed>;
}

/** Prints every step and define of `session`; a source that cannot be printed keeps its error. */
export async function printedForms(session: ProofSession): Promise<PrintedForms> {
  const sources = printableSources(session);
  const settled = await Promise.allSettled(sources.map((s) => session.present(s)));
  const map = new Map<string, Printed>();
  sources.forEach((source, i) => {
    const r = settled[i]!;
    map.set(
      source,
      r.status === 'fulfilled'
        ? { state: 'ready', presentation: r.value }
        : { state: 'error', message: r.reason instanceof Error ? r.reason.message : String(r.reason) },
    );
  });
  return { session, map };
}

/** Printed forms as a lookup (a source not printed is pending). */
export const lookup =
  ({ map }: PrintedForms) =>
  (source: string): Printed =>
    map.get(source) ?? { state: 'pending' };

/** The printed form of every step and define, as a lookup. */
export const printAll = async (session: ProofSession): Promise<(source: string) => Printed> => lookup(await printedForms(session));

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
