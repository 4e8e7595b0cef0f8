import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReactElement } from 'react';
import { InputError } from '../errors.js';
import type { Line } from '../tui/lines.js';
import { listNetworkFiles, openProofFile, proofLibrary } from '../tui/library.js';
import { startRun, type CheckRun } from '../tui/check-run.js';
import type { StepCheck } from '../tui/evidence.js';
import { prepaint, type Prepainted } from '../tui/prepaint.js';
import { lookup, printedForms, reportAll } from '../tui/session-run.js';
import { outcomeCode, transcript } from '../tui/transcript.js';
import { initialWalkState } from '../tui/walk-state.js';
import { walkScreen } from '../tui/walk-screen.js';

/**
 * `dln walk [PROOF] [--seed S] [--network FILE]`: the terminal walkthrough of a derivation (default Lemma 4.1),
 * or with --network the point explorer. When stdout is not a terminal it prints a plain-text transcript
 * instead and exits 0 only if every step is verified. Ink is imported only when a terminal UI is drawn; the
 * first frame is drawn before it loads (prepaint), from the same screen function the UI draws with, with the
 * formulas printed and redrawn as verdicts arrive: the steps are checked from the start, not once Ink is ready.
 */
export interface WalkOptions {
  readonly seed?: string;
  readonly network?: string;
}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The package's own derivations (the default walkthrough and the picker's list). */
const proofsDir = () => shortPath(join(packageRoot, 'proofs'));
/** The package's own network files (the explorer picker's list). */
const fixturesDir = () => shortPath(join(packageRoot, 'fixtures'));
export const DEFAULT_PROOF = 'lemma-4.1.proof.yaml';
const engineUrl = new URL('../tui/proof-engine.js', import.meta.url);

/** A path as the user would type it from here: relative when under the working directory. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function parseSeed(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff)
    throw new InputError('--seed', `expected an integer from 0 to 4294967295, got '${text}'`);
  return Number(text);
}

export async function run(proof: string | undefined, options: WalkOptions): Promise<number> {
  const seed = parseSeed(options.seed);
  if (options.network !== undefined) {
    if (proof !== undefined) throw new InputError('walk', 'give a derivation file or --network, not both');
    return explore(options.network, seed);
  }
  const path = proof ?? join(proofsDir(), DEFAULT_PROOF);
  const session = openProofFile(path, engineUrl);
  // checking starts now: this thread prints the formulas, draws the first frame, validates the file and checks
  // steps until Ink is loaded, checker threads joining the run if it is long
  const stopHelping = session.helpHere();
  const run = startRun(session, seed);
  const abort = (e: unknown): never => {
    session.close();
    throw e;
  };
  const printed = await printedForms(session).catch(abort);
  if (!process.stdout.isTTY) {
    await session.validate().catch(abort);
    try {
      const checks = await run.done;
      process.stdout.write(transcript({ doc: session.doc, seed, printed: lookup(printed), checks }));
      return outcomeCode(checks);
    } finally {
      session.close();
    }
  }
  const dirs = proof === undefined ? [proofsDir()] : [proofsDir(), dirname(proof)];
  const interactive = process.stdin.isTTY === true;
  const frame = (checks: readonly StepCheck[]) =>
    walkScreen({
      doc: session.doc,
      state: initialWalkState(seed),
      printed: lookup(printed),
      checks,
      spinnerFrame: 0,
      ...terminalSize(),
      proofs: [],
      interactive,
    });
  const painted = prepaint(process.stdout, process.stdin, frame(run.checks()), terminalSize().width);
  await session.validate().catch((e: unknown) => {
    painted.handOver();
    painted.abandon();
    abort(e);
  });
  const unfollow = follow(painted, run, frame);
  // Ink loads once every verdict is in or at the first key press: until then this thread checks and draws
  await Promise.race([run.done, painted.keyPressed]);
  stopHelping();
  unfollow();
  return withInk(painted, session, async () => {
    const [{ createElement }, { WalkApp }] = await Promise.all([import('react'), import('../tui/walk-app.js')]);
    const library = proofLibrary(dirs, engineUrl);
    return (onExit) => createElement(WalkApp, { library, session, seed, interactive, onExit, run, printed });
  });
}

/** The shortest time between two frames drawn before Ink has loaded. */
const REDRAW_MS = 50;

/**
 * Redraws the frame as verdicts arrive: at most every REDRAW_MS (a frame costs this thread time it would rather
 * spend checking), and at once when the last verdict is in. Returns the function that stops it.
 */
function follow(painted: Prepainted, run: CheckRun, frame: (checks: readonly StepCheck[]) => readonly Line[]): () => void {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    timer = undefined;
    last = performance.now();
    painted.redraw(frame(run.checks()));
  };
  const unsubscribe = run.subscribe((checks) => {
    if (checks.every((c) => c.state === 'done' || c.state === 'error') || performance.now() - last >= REDRAW_MS) {
      clearTimeout(timer);
      draw();
    } else timer ??= setTimeout(draw, REDRAW_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

const terminalSize = () => ({ width: process.stdout.columns || 80, height: process.stdout.rows || 24 });

/**
 * Loads Ink and the app and mounts the app in the place of the frame drawn before (`painted`). Resolves with the
 * exit code the app reports; `session` is closed if the UI cannot be loaded.
 */
async function withInk(
  painted: Prepainted,
  session: { close(): void },
  loadApp: () => Promise<(onExit: (code: number) => void) => ReactElement>,
): Promise<number> {
  let loaded: [typeof import('ink'), (onExit: (code: number) => void) => ReactElement];
  try {
    loaded = await Promise.all([import('ink'), loadApp()]);
  } catch (e) {
    painted.abandon();
    session.close();
    throw e;
  }
  const [{ render }, element] = loaded;
  let code = 0;
  painted.handOver();
  const app = render(element((c) => (code = c)), { exitOnCtrlC: false });
  await app.waitUntilExit();
  return code;
}

/**
 * The point explorer; without a terminal on both ends, the report of every point as text (exit 1 if any is not
 * as expected). `seed` is the critical-point families' (`dln critical --seed`).
 */
async function explore(path: string, seed: number): Promise<number> {
  const [{ openExplorer }, { explorerScreen, explorerTranscript }, { initialExplorerState }] = await Promise.all([
    import('../tui/explorer-session.js'),
    import('../tui/explorer-screen.js'),
    import('../tui/explorer-state.js'),
  ]);
  const session = openExplorer(path, seed);
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    const reports = await reportAll(session);
    process.stdout.write(explorerTranscript(session, reports));
    return reports.every((r) => r.report.state === 'ready' && r.report.view.report.ok) ? 0 : 1;
  }
  const first = explorerScreen({
    name: session.name,
    file: session.file,
    widths: session.widths,
    entries: session.entries,
    state: initialExplorerState(seed),
    report: () => undefined,
    spinnerFrame: 0,
    ...terminalSize(),
    files: [],
  });
  const dirs = [fixturesDir(), dirname(path)];
  return withInk(prepaint(process.stdout, process.stdin, first, terminalSize().width), session, async () => {
    const [{ createElement }, { ExplorerApp }] = await Promise.all([import('react'), import('../tui/explorer-app.js')]);
    const library = { listNetworks: () => listNetworkFiles(dirs), open: openExplorer };
    return (onExit) => createElement(ExplorerApp, { session, library, onExit });
  });
}
