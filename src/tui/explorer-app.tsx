import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { ReportState } from './explorer-screen.js';
import { explorerScreen } from './explorer-screen.js';
import { useFinish, useSpinner, useTerminalSize } from './hooks.js';
import { LineView } from './line-view.js';
import type { ExplorerSession } from './session.js';
import { commandsFor, quits } from './walk-state.js';

export interface ExplorerAppProps {
  readonly session: ExplorerSession;
  readonly onExit: (code: number) => void;
}

/** The point explorer (keys required): the network's points; the chosen one's report is checked on demand. */
export function ExplorerApp({ session, onExit }: ExplorerAppProps) {
  const [cursor, setCursor] = useState(0);
  const [scroll, setScroll] = useState(0);
  const [reports, setReports] = useState<ReadonlyMap<string, ReportState>>(new Map());
  const requested = useRef(new Set<string>());
  const { columns, rows } = useTerminalSize();
  const chosen = session.entries[cursor];
  const spinnerFrame = useSpinner(chosen !== undefined && reports.get(chosen.key)?.state !== 'ready');

  const { finish } = useFinish(onExit);

  useEffect(() => () => session.close(), [session]);

  // each report is asked for once, when its entry is first chosen
  useEffect(() => {
    if (!chosen || requested.current.has(chosen.key)) return;
    const key = chosen.key;
    requested.current.add(key);
    setReports((m) => new Map(m).set(key, { state: 'loading' }));
    session.report(key).then(
      (view) => setReports((m) => new Map(m).set(key, { state: 'ready', view })),
      (e: unknown) => setReports((m) => new Map(m).set(key, { state: 'error', message: e instanceof Error ? e.message : String(e) })),
    );
  }, [chosen, session]);

  useInput(
    (input, key) => {
      for (const cmd of commandsFor(input, key)) {
        if (quits('steps', cmd)) return finish(cmd === 'interrupt' ? 130 : 0);
        const n = session.entries.length;
        if (cmd === 'up' || cmd === 'down') {
          setCursor((c) => Math.max(0, Math.min(n - 1, c + (cmd === 'up' ? -1 : 1))));
          setScroll(0);
        } else if (cmd === 'pageUp') setScroll((s) => Math.max(0, s - 5));
        else if (cmd === 'pageDown') setScroll((s) => s + 5);
      }
    },
  );

  return (
    <LineView
      lines={explorerScreen({
        name: session.name,
        file: session.file,
        widths: session.widths,
        entries: session.entries,
        cursor,
        scroll,
        report: (key) => reports.get(key),
        spinnerFrame,
        width: columns,
        height: rows,
      })}
    />
  );
}
