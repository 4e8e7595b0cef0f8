import type { ProofDocument } from '../proof/document.js';
import { SPINNER, statusTone, type StepCheck } from './evidence.js';
import { line, lines, viewport, type Line, type Pane } from './lines.js';
import { abbreviation, referencedDefines, stepLines, stepRow, type Printed } from './step-lines.js';
import { STATUSES } from '../proof/result.js';
import { STATUS, tallyGlyphs } from './status.js';
import { tally } from './transcript.js';
import { footerText, type WalkState } from './walk-state.js';
import { truncate, wrap } from './wrap.js';
import { proseText } from '../expr/latex/prose.js';

/** Everything one frame of the walkthrough depends on. */
export interface WalkFrame {
  readonly doc: ProofDocument;
  readonly state: WalkState;
  readonly printed: (source: string) => Printed;
  readonly checks: readonly StepCheck[];
  readonly spinnerFrame: number;
  readonly width: number;
  readonly height: number;
  /** Paths offered by the picker, and what it is doing (opening a file, or why that failed). */
  readonly proofs: readonly string[];
  readonly pickerNote?: string;
  /** False when stdin is not a terminal: no keys, so no footer. */
  readonly interactive: boolean;
  /** A message about the file itself (an edit that cannot be read), shown under the header. */
  readonly notice?: string;
}

const rule = (width: number): Line => line('─'.repeat(Math.max(1, width)), 'dim');

/** Rows of the proof's summary shown above the steps (all of it is in the help screen). */
const SUMMARY_ROWS = 2;

function summaryLines(summary: string | undefined, width: number, rows: number): Line[] {
  if (!summary || rows === 0) return [];
  const all = wrap(summary, width);
  if (all.length <= rows) return lines(all);
  const more = ' … (? for all)';
  const last = Array.from(all[rows - 1]!).slice(0, Math.max(1, width - more.length)).join('').trimEnd();
  return lines([...all.slice(0, rows - 1), last + more]);
}

function progressText(f: WalkFrame): string {
  const n = f.checks.length;
  const finished = f.checks.filter((c) => c.state === 'done' || c.state === 'error');
  const counts = tallyGlyphs(tally(finished));
  if (finished.length < n) return `checking ${SPINNER[f.spinnerFrame % SPINNER.length]} ${finished.length}/${n} · ${counts}`;
  return `checked ${n}/${n} · ${counts}`;
}

/** The walkthrough as lines, at most `height - 1` of them (a frame as tall as the terminal makes Ink clear it). */
export const walkScreen = (f: WalkFrame): Line[] => walkLayout(f).lines;

/**
 * The frame's lines and its scrollable pane (the current step's detail, or the help; none in the picker), whose
 * size the key handling needs to page and to stop at the end.
 */
export function walkLayout(f: WalkFrame): { lines: Line[]; pane: Pane } {
  const { doc, state, width } = f;
  const height = Math.max(6, f.height - 1);
  const footer = f.interactive ? lines(wrap(footerText(state.mode), width), 'dim') : [];
  const header = [
    line(truncate(proseText(doc.title), width), 'heading'),
    line(truncate([progressText(f), `seed ${state.seed}`, doc.source && proseText(doc.source)].filter(Boolean).join(' · '), width), 'dim'),
    ...summaryLines(doc.summary && proseText(doc.summary), width, height >= 20 ? SUMMARY_ROWS : 0),
    ...(f.notice ? lines(wrap(f.notice, width), 'warn') : []),
    rule(width),
  ];
  const room = Math.max(1, height - header.length - footer.length - 1);
  const frame = (body: Line[], pane: Pane) => ({ lines: [...header, ...body, rule(width), ...footer], pane });
  if (state.mode === 'help') {
    const help = helpLines(width, doc);
    return frame(viewport(help, room, state.scroll), { rows: room, lines: help.length });
  }
  if (state.mode === 'picker') return frame(viewport(pickerLines(f, room), room, 0), { rows: room, lines: 0 });
  const { body, pane } = stepsBody(f, room);
  return frame(body, pane);
}

function stepsBody(f: WalkFrame, room: number): { body: Line[]; pane: Pane } {
  const { doc, state, width } = f;
  const n = doc.steps.length;
  // the list takes up to a third of the room; the current step's detail the rest
  const listRows = Math.min(n, Math.max(1, Math.floor(room / 3)));
  const start = Math.max(0, Math.min(state.cursor - Math.floor(listRows / 2), n - listRows));
  const list: Line[] = [];
  for (let i = start; i < start + listRows; i++) {
    const step = doc.steps[i]!;
    const check = f.checks[i] ?? { state: 'queued' };
    const row = stepRow(step, f.printed(step.text), check, f.spinnerFrame);
    const here = i === state.cursor;
    list.push(line(truncate(`${here ? '›' : ' '} ${row}`, width), here ? 'accent' : statusTone(check)));
  }
  const step = doc.steps[state.cursor]!;
  const detail = stepLines(
    {
      step,
      total: n,
      defines: referencedDefines(doc, step).map((d) => abbreviation(d, f.printed)),
      printed: f.printed(step.text),
      check: f.checks[state.cursor] ?? { state: 'queued' },
      latex: state.latex,
      expanded: state.expanded,
      spinnerFrame: f.spinnerFrame,
    },
    width,
  );
  if (!state.expanded && (f.checks[state.cursor]?.state ?? 'queued') === 'done')
    detail.push(line('  (⏎ or → for the full evidence)', 'dim'));
  const detailRows = Math.max(1, room - listRows - 1);
  return { body: [...list, rule(width), ...viewport(detail, detailRows, state.scroll)], pane: { rows: detailRows, lines: detail.length } };
}

function pickerLines(f: WalkFrame, room: number): Line[] {
  const out: Line[] = [line('Open a derivation file:', 'heading')];
  if (f.proofs.length === 0) out.push(line('  (no derivation files found)', 'dim'));
  const rows = Math.max(1, room - 3);
  const start = Math.max(0, Math.min(f.state.pickerCursor - Math.floor(rows / 2), f.proofs.length - rows));
  f.proofs.slice(start, start + rows).forEach((p, k) => {
    const here = start + k === f.state.pickerCursor;
    const current = p === f.doc.file ? '  (open)' : '';
    out.push(line(truncate(`${here ? '›' : ' '} ${p}${current}`, f.width), here ? 'accent' : 'plain'));
  });
  if (f.pickerNote) out.push(...lines(wrap(f.pickerNote, f.width), 'warn'));
  return out;
}

export function helpLines(width: number, doc: ProofDocument): Line[] {
  const w = (s: string) => lines(wrap(s, width, '      ', '  '));
  const about = [doc.source ? `Source: ${proseText(doc.source)}` : '', doc.summary ? proseText(doc.summary) : ''].filter(Boolean);
  return [
    ...(about.length > 0 ? [line('About this proof', 'heading'), ...about.flatMap((a) => lines(wrap(a, width, '  ', '  '))), line('')] : []),
    line('Keys', 'heading'),
    ...w('↑ ↓ or k j   move between steps'),
    ...w('⏎ or →       show or hide the full evidence (← hides it)'),
    ...w('PgUp PgDn    scroll the step when it is taller than the terminal'),
    ...w('l            show the formula as LaTeX source, again for Unicode'),
    ...w('p            open another derivation file'),
    ...w('r            check every step again with the next seed'),
    ...w('?            this help'),
    ...w('q Esc        quit'),
    line(''),
    line('Step status', 'heading'),
    ...STATUSES.flatMap((s) => w(`${STATUS[s].glyph}  ${STATUS[s].legend}`)),
    ...w('·  waiting to be checked; a spinner marks the step being checked'),
  ];
}
