import { SPINNER } from './evidence.js';
import { explorerFooter, type ExplorerState } from './explorer-state.js';
import { line, lines, viewport, type Line, type Pane } from './lines.js';
import { reportLatex, reportLines } from './report-lines.js';
import type { ExplorerEntry, PointView } from './session.js';
import { truncate, wrap } from './wrap.js';

export type ReportState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly view: PointView }
  | { readonly state: 'error'; readonly message: string };

export interface ExplorerFrame {
  readonly name: string;
  readonly file: string;
  readonly widths: readonly number[];
  readonly entries: readonly ExplorerEntry[];
  readonly state: ExplorerState;
  /** The report state of an entry, by key. */
  readonly report: (key: string) => ReportState | undefined;
  readonly spinnerFrame: number;
  readonly width: number;
  readonly height: number;
  /** Network files the picker offers, and what it is doing (opening one, or why that failed). */
  readonly files: readonly string[];
  readonly pickerNote?: string;
}

function entryRow(e: ExplorerEntry, r: ReportState | undefined, spinnerFrame: number): string {
  const verdict =
    r?.state === 'ready'
      ? `${r.view.report.ok ? '✓' : '✗'} ${r.view.report.classification}`
      : r?.state === 'loading'
        ? `${SPINNER[spinnerFrame % SPINNER.length]} checking`
        : r?.state === 'error'
          ? '? error'
          : '·';
  const expect = e.expect ? `  expect ${e.expect}` : '';
  return `${e.kind === 'family' ? '[family] ' : ''}${e.name}${expect}  ${verdict}`;
}

/** The point explorer as lines: the network, its points and families, and the chosen point's report. */
export const explorerScreen = (f: ExplorerFrame): Line[] => explorerLayout(f).lines;

/** The frame's lines and its scrollable pane (the chosen point's report, or the help). */
export function explorerLayout(f: ExplorerFrame): { lines: Line[]; pane: Pane } {
  const { width, state } = f;
  const height = Math.max(8, f.height - 1);
  const rule = line('─'.repeat(Math.max(1, width)), 'dim');
  const footer = lines(wrap(explorerFooter(state.mode), width), 'dim');
  const header = [
    line(truncate(`${f.name} · widths ${f.widths.join('-')}`, width), 'heading'),
    line(truncate(`${f.file} · ${f.entries.length} entr${f.entries.length === 1 ? 'y' : 'ies'} · families seed ${state.seed}`, width), 'dim'),
    rule,
  ];
  const room = Math.max(2, height - header.length - footer.length - 1);
  const frame = (body: Line[], pane: Pane) => ({ lines: [...header, ...body, rule, ...footer], pane });
  if (state.mode === 'help') {
    const help = explorerHelp(width);
    return frame(viewport(help, room, state.scroll), { rows: room, lines: help.length });
  }
  if (state.mode === 'picker') return frame(viewport(pickerLines(f, room), room, 0), { rows: room, lines: 0 });
  const n = f.entries.length;
  const listRows = Math.min(n, Math.max(1, Math.floor(room / 4)));
  const start = Math.max(0, Math.min(state.cursor - Math.floor(listRows / 2), n - listRows));
  const list = f.entries.slice(start, start + listRows).map((e, k) => {
    const here = start + k === state.cursor;
    const r = f.report(e.key);
    const tone = here ? 'accent' : r?.state === 'ready' ? (r.view.report.ok ? 'ok' : 'bad') : 'dim';
    return line(truncate(`${here ? '›' : ' '} ${entryRow(e, r, f.spinnerFrame)}`, width), tone);
  });
  const chosen = f.entries[state.cursor];
  const r = chosen ? f.report(chosen.key) : undefined;
  const detailRows = Math.max(1, room - listRows - 1);
  const detail: Line[] =
    n === 0
      ? [line('(the network file has no points)', 'dim')]
      : r?.state === 'ready'
        ? state.latex
          ? lines(reportLatex(r.view), 'formula')
          : reportLines(r.view, { width, spectrumRows: 12, plotRows: 7, expanded: state.expanded })
        : r?.state === 'error'
          ? lines(wrap(`cannot check ${chosen!.name}: ${r.message}`, width), 'warn')
          : [line(`${SPINNER[f.spinnerFrame % SPINNER.length]} checking ${chosen!.name}…`, 'dim')];
  if (r?.state === 'ready' && !state.latex && !state.expanded) detail.push(line('(⏎ or → for the weights and every eigenvalue)', 'dim'));
  return frame([...list, rule, ...viewport(detail, detailRows, state.scroll)], { rows: detailRows, lines: detail.length });
}

function pickerLines(f: ExplorerFrame, room: number): Line[] {
  const out: Line[] = [line('Open a network file:', 'heading')];
  if (f.files.length === 0) out.push(line('  (no network files found)', 'dim'));
  const rows = Math.max(1, room - 3);
  const start = Math.max(0, Math.min(f.state.pickerCursor - Math.floor(rows / 2), f.files.length - rows));
  f.files.slice(start, start + rows).forEach((p, k) => {
    const here = start + k === f.state.pickerCursor;
    const current = p === f.file ? '  (open)' : '';
    out.push(line(truncate(`${here ? '›' : ' '} ${p}${current}`, f.width), here ? 'accent' : 'plain'));
  });
  if (f.pickerNote) out.push(...lines(wrap(f.pickerNote, f.width), 'warn'));
  return out;
}

/** The explorer's help: its keys and how to read a report. */
export function explorerHelp(width: number): Line[] {
  const w = (s: string) => lines(wrap(s, width, '      ', '  '));
  return [
    line('Keys', 'heading'),
    ...w('↑ ↓ or k j   choose a point of the file or a critical-point family member'),
    ...w('⏎ or →       show or hide the point\'s weights W_1 … W_{H+1} and every eigenvalue (← hides them)'),
    ...w('l            show the point as LaTeX source (weights as bmatrix, loss, inertia), again for the report'),
    ...w('p            open another network file'),
    ...w('r            build the critical-point families again with the next seed (other invertible maps)'),
    ...w('PgUp PgDn    scroll the report when it is taller than the terminal'),
    ...w('?            this help'),
    ...w('q Esc        quit'),
    line(''),
    line('Reading a report', 'heading'),
    ...w('✓/✗         the classification agrees (or not) with the file\'s expect, or a family\'s predicted label'),
    ...w('Hessian      its inertia: exact counts of positive, negative and zero eigenvalues (the verdict)'),
    ...w('spectrum     float64 eigenvalues as bars, negative left of the axis, positive right; equal values share a row (×k); when rows run out, neighbours of one sign share a bin; the zero row counts the exact zero eigenvalues'),
    ...w('certificate  the direction that proves the classification; for a saddle, the loss along its line as a plot'),
  ];
}

/** The explorer's plain-text transcript: every entry's report in full, in file order. */
export function explorerTranscript(
  f: { readonly name: string; readonly file: string; readonly widths: readonly number[] },
  reports: readonly { readonly entry: ExplorerEntry; readonly report: ReportState }[],
): string {
  const out: string[] = [`${f.name} · widths ${f.widths.join('-')}`, `File: ${f.file}`];
  for (const { entry, report } of reports) {
    out.push('');
    if (report.state === 'ready') out.push(...reportLines(report.view, { width: 80, spectrumRows: 12, plotRows: 9 }).map((l) => l.text));
    else out.push(`? ${entry.name}: ${report.state === 'error' ? `cannot check: ${report.message}` : 'not checked'}`);
  }
  return out.join('\n') + '\n';
}
