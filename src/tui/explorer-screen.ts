import { SPINNER } from './evidence.js';
import { line, lines, viewport, type Line } from './lines.js';
import { reportLines } from './report-lines.js';
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
  readonly cursor: number;
  readonly scroll: number;
  /** The report state of an entry, by key. */
  readonly report: (key: string) => ReportState | undefined;
  readonly spinnerFrame: number;
  readonly width: number;
  readonly height: number;
}

export const EXPLORER_FOOTER = '↑↓/jk choose a point · PgUp/PgDn scroll the report · q quit';

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
export function explorerScreen(f: ExplorerFrame): Line[] {
  const { width } = f;
  const height = Math.max(8, f.height - 1);
  const rule = line('─'.repeat(Math.max(1, width)), 'dim');
  const footer = lines(wrap(EXPLORER_FOOTER, width), 'dim');
  const header = [
    line(truncate(`${f.name} · widths ${f.widths.join('-')}`, width), 'heading'),
    line(truncate(`${f.file} · ${f.entries.length} entr${f.entries.length === 1 ? 'y' : 'ies'}`, width), 'dim'),
    rule,
  ];
  const room = Math.max(2, height - header.length - footer.length - 1);
  const n = f.entries.length;
  const listRows = Math.min(n, Math.max(1, Math.floor(room / 4)));
  const start = Math.max(0, Math.min(f.cursor - Math.floor(listRows / 2), n - listRows));
  const list = f.entries.slice(start, start + listRows).map((e, k) => {
    const here = start + k === f.cursor;
    const r = f.report(e.key);
    const tone = here ? 'accent' : r?.state === 'ready' ? (r.view.report.ok ? 'ok' : 'bad') : 'dim';
    return line(truncate(`${here ? '›' : ' '} ${entryRow(e, r, f.spinnerFrame)}`, width), tone);
  });
  const chosen = f.entries[f.cursor];
  const r = chosen ? f.report(chosen.key) : undefined;
  const detailRows = Math.max(1, room - listRows - 1);
  const detail: Line[] =
    n === 0
      ? [line('(the network file has no points)', 'dim')]
      : r?.state === 'ready'
        ? reportLines(r.view, { width, spectrumRows: 12, plotRows: 7 })
        : r?.state === 'error'
          ? lines(wrap(`cannot check ${chosen!.name}: ${r.message}`, width), 'warn')
          : [line(`${SPINNER[f.spinnerFrame % SPINNER.length]} checking ${chosen!.name}…`, 'dim')];
  return [...header, ...list, rule, ...viewport(detail, detailRows, f.scroll), rule, ...footer];
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
