import { useEffect, useRef, useState } from 'react';
import { useInput } from 'ink';
import type { CheckRun } from './check-run.js';
import { useChecks, useFileChanges, useFinish, usePrinted, useSpinner, useTerminalSize } from './hooks.js';
import type { PrintedForms } from './session-run.js';
import { LineView } from './line-view.js';
import type { ProofLibrary, ProofSession } from './session.js';
import { outcomeCode } from './transcript.js';
import { commandsFor, initialWalkState, opened, quits, walkReducer, type Command, type WalkState } from './walk-state.js';
import { walkLayout } from './walk-screen.js';

export interface WalkAppProps {
  readonly library: ProofLibrary;
  readonly session: ProofSession;
  readonly seed: number;
  /** Whether keys can be read (stdin is a terminal). Without keys the view ends when every step is checked. */
  readonly interactive: boolean;
  /** Called once with the exit code before the app unmounts. */
  readonly onExit: (code: number) => void;
  /** The checks of `session` with `seed`, started before the UI loaded. */
  readonly run?: CheckRun;
  /** The formulas of `session` printed before the UI loaded. */
  readonly printed?: PrintedForms;
}

/** The step-by-step walkthrough of a derivation file, with the picker and the help screen. */
export function WalkApp(props: WalkAppProps) {
  const { library, interactive, onExit } = props;
  const [session, setSessionState] = useState(props.session);
  const sessionRef = useRef(session);
  const setSession = (next: ProofSession) => {
    sessionRef.current = next;
    setSessionState(next);
  };
  // Keys can arrive faster than React re-renders, so commands read and write these refs, not a render's state.
  const [state, setState] = useState(() => initialWalkState(props.seed));
  const stateRef = useRef(state);
  const update = (next: WalkState) => {
    stateRef.current = next;
    setState(next);
  };
  const proofs = useRef<readonly string[]>([]);
  const [pickerNote, setPickerNote] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const printed = usePrinted(session, props.printed);
  const checks = useChecks(session, state.seed, props.run);
  const busy = checks.some((c) => c.state === 'queued' || c.state === 'checking');
  const spinnerFrame = useSpinner(busy);
  const { columns, rows } = useTerminalSize();

  const { finish, ended } = useFinish(onExit);

  useEffect(() => () => session.close(), [session]);

  useEffect(() => {
    if (!interactive && !busy) finish(outcomeCode(checks));
  });

  const open = (path: string) => {
    setPickerNote(`opening ${path}…`);
    library.open(path).then(
      (next) => {
        if (ended.current) return next.close();
        setSession(next);
        setPickerNote(undefined);
        update(opened(stateRef.current));
      },
      (e: unknown) => setPickerNote(e instanceof Error ? e.message : String(e)),
    );
  };

  // the file edited on disk: opened and validated again, its unchanged steps keep their results (useChecks),
  // the cursor stays; an edit that cannot be used leaves the last good version on screen, with a notice
  const reload = () => {
    const path = sessionRef.current.doc.file;
    const validated = async () => {
      const next = await library.open(path);
      try {
        await next.validate();
        return next;
      } catch (e) {
        next.close();
        throw e;
      }
    };
    validated().then(
      (next) => {
        if (ended.current || sessionRef.current.doc.file !== path) return next.close();
        setSession(next);
        setNotice(undefined);
        const s = stateRef.current;
        update({ ...s, cursor: Math.min(s.cursor, next.doc.steps.length - 1) });
      },
      (e: unknown) => setNotice(`${path} changed but cannot be used (${e instanceof Error ? e.message : String(e)}); showing it as it was`),
    );
  };
  useFileChanges(session.doc.file, reload, interactive);

  const onCommand = (cmd: Command) => {
    const s = stateRef.current;
    if (quits(s.mode, cmd)) return finish(cmd === 'interrupt' ? 130 : 0);
    if (s.mode === 'picker' && cmd === 'toggle') {
      const path = proofs.current[s.pickerCursor];
      if (path !== undefined) open(path);
      return;
    }
    if (s.mode === 'steps' && cmd === 'picker') {
      proofs.current = library.listProofs();
      setPickerNote(undefined);
      const here = Math.max(0, proofs.current.indexOf(sessionRef.current.doc.file));
      return update({ ...walkReducer(s, cmd, { steps: 0, proofs: proofs.current.length, pane: layoutOf(s).pane }), pickerCursor: here });
    }
    update(walkReducer(s, cmd, { steps: sessionRef.current.doc.steps.length, proofs: proofs.current.length, pane: layoutOf(s).pane }));
  };

  useInput(
    (input, key) => {
      for (const cmd of commandsFor(input, key)) onCommand(cmd);
    },
    { isActive: interactive },
  );

  // the layout of any state with what is on screen now: keys page by the pane of the state they act on
  const layoutOf = (st: WalkState) =>
    walkLayout({
      doc: session.doc,
      state: st,
      printed,
      checks,
      spinnerFrame,
      width: columns,
      height: rows,
      proofs: proofs.current,
      pickerNote,
      interactive,
      ...(notice ? { notice } : {}),
    });

  return <LineView lines={layoutOf(state).lines} />;
}
