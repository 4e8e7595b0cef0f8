import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import { explorerReducer, initialExplorerState, type ExplorerState } from './explorer-state.js';
import type { ReportState } from './explorer-screen.js';
import { explorerLayout } from './explorer-screen.js';
import { useFinish, useSpinner, useTerminalSize } from './hooks.js';
import { LineView } from './line-view.js';
import type { ExplorerSession } from './session.js';
import { commandsFor, quits, type Command } from './walk-state.js';

/** The network files the explorer's picker offers, and how to open one (throws an InputError for a bad file). */
export interface NetworkLibrary {
  listNetworks(): readonly string[];
  open(path: string, seed: number): ExplorerSession;
}

export interface ExplorerAppProps {
  readonly session: ExplorerSession;
  readonly library: NetworkLibrary;
  readonly onExit: (code: number) => void;
}

/** The point explorer (keys required): the network's points; the chosen one's report is checked on demand. */
export function ExplorerApp({ library, onExit, ...props }: ExplorerAppProps) {
  const [session, setSession] = useState(props.session);
  const [state, setState] = useState(() => initialExplorerState(props.session.seed));
  // keys can arrive faster than React re-renders: commands read and write the refs
  const stateRef = useRef(state);
  const sessionRef = useRef(session);
  const update = (next: ExplorerState) => {
    stateRef.current = next;
    setState(next);
  };
  const files = useRef<readonly string[]>([]);
  const [pickerNote, setPickerNote] = useState<string>();
  const [reports, setReports] = useState<{ session: ExplorerSession; map: ReadonlyMap<string, ReportState> }>({ session, map: new Map() });
  const requested = useRef(new Map<ExplorerSession, Set<string>>());
  const { columns, rows } = useTerminalSize();
  const chosen = session.entries[state.cursor];
  const reportOf = (key: string) => (reports.session === session ? reports.map.get(key) : undefined);
  const spinnerFrame = useSpinner(chosen !== undefined && reportOf(chosen.key)?.state !== 'ready');
  const { finish } = useFinish(onExit);

  useEffect(() => () => session.close(), [session]);

  // each report is asked for once per session, when its entry is first chosen
  useEffect(() => {
    if (!chosen) return;
    const asked = requested.current.get(session) ?? new Set<string>();
    requested.current.set(session, asked);
    if (asked.has(chosen.key)) return;
    const key = chosen.key;
    asked.add(key);
    const set = (r: ReportState) =>
      setReports((prev) => (prev.session === session ? { session, map: new Map(prev.map).set(key, r) } : { session, map: new Map([[key, r]]) }));
    set({ state: 'loading' });
    session.report(key).then(
      (view) => set({ state: 'ready', view }),
      (e: unknown) => set({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, [chosen, session]);

  /** Opens `path` with `seed` in place of the current session; a bad file is reported in the picker. */
  const open = (path: string, seed: number): boolean => {
    try {
      const next = library.open(path, seed);
      sessionRef.current = next;
      setSession(next);
      setPickerNote(undefined);
      return true;
    } catch (e) {
      setPickerNote(e instanceof Error ? e.message : String(e));
      return false;
    }
  };

  const layoutOf = (st: ExplorerState) =>
    explorerLayout({
      name: session.name,
      file: session.file,
      widths: session.widths,
      entries: session.entries,
      state: st,
      report: reportOf,
      spinnerFrame,
      width: columns,
      height: rows,
      files: files.current,
      pickerNote,
    });

  const onCommand = (cmd: Command) => {
    const s = stateRef.current;
    if (quits(s.mode === 'points' ? 'steps' : s.mode, cmd)) return finish(cmd === 'interrupt' ? 130 : 0);
    if (s.mode === 'picker' && cmd === 'toggle') {
      const path = files.current[s.pickerCursor];
      if (path !== undefined && open(path, s.seed)) update({ ...s, mode: 'points', cursor: 0, scroll: 0 });
      return;
    }
    const counts = { entries: sessionRef.current.entries.length, files: files.current.length, pane: layoutOf(s).pane };
    if (s.mode === 'points' && cmd === 'picker') {
      files.current = library.listNetworks();
      setPickerNote(undefined);
      return update({ ...explorerReducer(s, cmd, counts), pickerCursor: Math.max(0, files.current.indexOf(sessionRef.current.file)) });
    }
    const next = explorerReducer(s, cmd, counts);
    // a new seed: the same file with other critical-point families, the cursor kept on the file's points
    if (next.seed !== s.seed && open(sessionRef.current.file, next.seed)) {
      const points = sessionRef.current.entries.filter((e) => e.kind === 'point').length;
      return update({ ...next, cursor: s.cursor < points ? s.cursor : 0 });
    }
    update(next);
  };

  useInput((input, key) => {
    for (const cmd of commandsFor(input, key)) onCommand(cmd);
  });

  return <LineView lines={layoutOf(state).lines} />;
}
