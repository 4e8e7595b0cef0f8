import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { useEffect, useRef, useState } from 'react';
import { useApp, useStdout } from 'ink';
import { stepKey } from '../proof/fingerprint.js';
import { startRun, type CheckRun } from './check-run.js';
import { printableSources, type PrintedForms } from './session-run.js';
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

/**
 * Printed forms of the session's steps and defines, filled in as the printer delivers them; `initial` holds those
 * printed before the UI loaded (for the first session), so the first frame does not fall back to the source text.
 */
export function usePrinted(session: ProofSession, initial?: PrintedForms): (source: string) => Printed {
  const [printed, setPrinted] = useState<{ key: ProofSession; map: ReadonlyMap<string, Printed> }>(() => ({
    key: session,
    map: initial?.session === session ? initial.map : new Map(),
  }));
  useEffect(() => {
    let live = true;
    setPrinted((p) => (p.key === session ? p : { key: session, map: new Map() }));
    for (const source of printableSources(session)) {
      const settle = (p: Printed) => {
        if (live) setPrinted((prev) => (prev.key === session ? { key: session, map: new Map(prev.map).set(source, p) } : prev));
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
  const map = printed.key === session ? printed.map : undefined;
  return (source) => map?.get(source) ?? { state: 'pending' };
}

/**
 * Step checks of `session` with `seed`, all asked for at once and shown as they arrive; restarted on change (the
 * previous run's unstarted checks are dropped). `initial` is a run started before the UI loaded, adopted when it
 * is for the same session and seed.
 */
export function useChecks(session: ProofSession, seed: number, initial?: CheckRun): readonly StepCheck[] {
  const adopt = useRef(initial);
  // the last run: a new session of the same file (edited on disk) keeps the results of its unchanged steps
  const last = useRef<CheckRun | undefined>(undefined);
  const queued = (): StepCheck[] => session.doc.steps.map(() => ({ state: 'queued' }));
  const [checks, setChecks] = useState<{ key: object; seed: number; list: readonly StepCheck[] }>(() => ({
    key: session,
    seed,
    list: initial?.session === session && initial.seed === seed ? initial.checks() : queued(),
  }));
  useEffect(() => {
    const early = adopt.current;
    adopt.current = undefined;
    const run = early?.session === session && early.seed === seed ? early : startRun(session, seed, reusable(last.current, session, seed));
    last.current = run;
    setChecks({ key: session, seed, list: run.checks() });
    const unsubscribe = run.subscribe((list) => setChecks({ key: session, seed, list }));
    return () => {
      unsubscribe();
      run.cancel();
    };
  }, [session, seed]);
  // until the effect has reset them, results of another session or seed are not shown
  return checks.key === session && checks.seed === seed ? checks.list : queued();
}

/** The finished checks of `previous` that a run of `session` with `seed` can keep: same file, seed and step key. */
function reusable(previous: CheckRun | undefined, session: ProofSession, seed: number): (index: number) => StepCheck | undefined {
  if (!previous || previous.seed !== seed || previous.session.doc.file !== session.doc.file) return () => undefined;
  const before = previous.session.doc;
  const done = new Map<string, StepCheck>();
  previous.checks().forEach((c, i) => c.state === 'done' && done.set(stepKey(before, i), c));
  return (index) => done.get(stepKey(session.doc, index));
}

/**
 * Calls `onChange` (once things settle) whenever the file at `path` is written, replaced or renamed into place.
 * The directory is watched, not the file: an editor that saves by renaming replaces the file's inode.
 */
export function useFileChanges(path: string, onChange: () => void, active: boolean): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!active) return;
    let timer: NodeJS.Timeout | undefined;
    const target = resolve(path);
    let watcher: FSWatcher;
    try {
      watcher = watch(dirname(target), (_event, name) => {
        if (name === null || resolve(dirname(target), basename(name.toString())) !== target) return;
        clearTimeout(timer);
        timer = setTimeout(() => callback.current(), FILE_SETTLE_MS);
      });
    } catch {
      return; // a directory that cannot be watched: no live reload
    }
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }, [path, active]);
}

/** Debounce for file events: an editor's save is often several writes and a rename. */
const FILE_SETTLE_MS = 150;

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
