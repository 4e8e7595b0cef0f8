import { useEffect, useRef, useState } from 'react';
import { useApp, useStdout } from 'ink';
import { printableSources, runChecks } from './session-run.js';
import { SPINNER, type StepCheck } from './evidence.js';
import type { ProofSession } from './session.js';
import type { Printed } from './step-lines.js';

/** The terminal's size, updated on resize (Ink redraws on resize, but only state changes re-lay out text). */
export function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

/** A spinner frame that advances while `active`. */
export function useSpinner(active: boolean): number {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % SPINNER.length), 80);
    return () => clearInterval(timer);
  }, [active]);
  return frame;
}

/** Printed forms of the session's steps and defines, filled in as the printer delivers them. */
export function usePrinted(session: ProofSession): (source: string) => Printed {
  const [printed, setPrinted] = useState<ReadonlyMap<string, Printed>>(new Map());
  useEffect(() => {
    let live = true;
    setPrinted(new Map());
    for (const source of printableSources(session)) {
      const settle = (p: Printed) => {
        if (live) setPrinted((m) => new Map(m).set(source, p));
      };
      session.present(source).then(
        (presentation) => settle({ state: 'ready', presentation }),
        (e: unknown) => settle({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    }
    return () => {
      live = false;
    };
  }, [session]);
  return (source) => printed.get(source) ?? { state: 'pending' };
}

/** Step checks of `session` with `seed`, run in the background one step at a time; restarted on change. */
export function useChecks(session: ProofSession, seed: number): readonly StepCheck[] {
  const queued = (): StepCheck[] => session.doc.steps.map(() => ({ state: 'queued' }));
  const [checks, setChecks] = useState<{ key: object; seed: number; list: readonly StepCheck[] }>(() => ({
    key: session,
    seed,
    list: queued(),
  }));
  useEffect(() => {
    const abort = new AbortController();
    setChecks({ key: session, seed, list: queued() });
    void runChecks(
      session,
      seed,
      (i, c) => setChecks((prev) => (prev.key === session && prev.seed === seed ? { ...prev, list: prev.list.map((x, j) => (j === i ? c : x)) } : prev)),
      abort.signal,
    );
    return () => abort.abort();
  }, [session, seed]);
  // until the effect has reset them, results of another session or seed are not shown
  return checks.key === session && checks.seed === seed ? checks.list : queued();
}

/**
 * Ends the app once with an exit code (a second call, e.g. q pressed while finishing, does nothing); `ended`
 * tells work that completes later (a session being opened) that nobody will use it.
 */
export function useFinish(onExit: (code: number) => void): { finish: (code: number) => void; ended: { readonly current: boolean } } {
  const { exit } = useApp();
  const ended = useRef(false);
  const finish = (code: number) => {
    if (ended.current) return;
    ended.current = true;
    onExit(code);
    exit();
  };
  return { finish, ended };
}
