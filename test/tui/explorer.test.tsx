import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { ExplorerApp, type NetworkLibrary } from '../../src/tui/explorer-app.js';
import { initialExplorerState } from '../../src/tui/explorer-state.js';
import { explorerScreen, explorerTranscript } from '../../src/tui/explorer-screen.js';
import { openExplorer } from '../../src/tui/explorer-session.js';
import { groupSpectrum } from '../../src/tui/charts.js';
import { lineSamples, polynomialText } from '../../src/tui/polynomial.js';
import { reportAll } from '../../src/tui/session-run.js';
import { fixture, until } from './fake-session.js';

afterEach(() => cleanup());

/** The picker's files: the test fixtures' network files, opened for real. */
const library = (opened: string[] = []): NetworkLibrary => ({
  listNetworks: () => [fixture('h1-diag.json'), fixture('missing.json')],
  open: (path, seed) => {
    opened.push(`${path}@${seed}`);
    return openExplorer(path, seed);
  },
});

describe('certificate polynomials', () => {
  it('prints the non-zero terms with superscript powers', () => {
    // docs/mathematics.md §6: along (t, t, t) from the origin of the scalar chain, L − L(0) = −8t³ + 5t⁶/2
    expect(polynomialText(['0', '0', '0', '-8', '0', '0', '5/2'])).toBe('−8 t³ + 5/2 t⁶');
    expect(polynomialText([0, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toBe('−t + t² + 3 t¹¹');
    expect(polynomialText(['0', '0'])).toBe('0');
  });

  it('samples the polynomial exactly where the lowest term dominates', () => {
    const s = lineSamples(['0', '0', '0', '-8', '0', '0', '5/2'], 5);
    const T = 1.2 * (8 / 2.5) ** (1 / 3);
    [-T, -T / 2, 0, T / 2, T].forEach((t, i) => expect(s[i]!.t).toBeCloseTo(t, 12));
    for (const { t, delta } of s) expect(delta).toBeCloseTo(-8 * t ** 3 + 2.5 * t ** 6, 10);
  });
});

describe('explorer session over a network file', () => {
  it('lists the points and the critical-point families, and reports each with the full spectrum', async () => {
    const session = openExplorer(fixture('h1-diag.json'));
    expect(session.widths).toEqual([3, 2, 3]);
    const points = session.entries.filter((e) => e.kind === 'point');
    expect(points.map((e) => [e.name, e.expect])).toEqual([
      ['zero', 'strict-saddle'],
      ['I = {1,2}', 'global-min'],
      ['I = {1,3}, expected wrongly', 'global-min'],
    ]);
    expect(new Set(session.entries.map((e) => e.key)).size).toBe(session.entries.length);
    const zero = await session.report('point:zero');
    expect(zero.report.classification).toBe('strict-saddle');
    expect(zero.report.loss).toBe('7');
    // docs/mathematics.md §5: at W = 0 the spectrum is ±3, ±2, ±1, each twice
    const groups = groupSpectrum(zero.eigenvalues, 20);
    expect(groups.map((g) => g.count)).toEqual([2, 2, 2, 2, 2, 2]);
    [3, 2, 1, -1, -2, -3].forEach((v, i) => expect(groups[i]!.value).toBeCloseTo(v, 9));
    const min = await session.report('point:I = {1,2}');
    expect(min.report.classification).toBe('global-min');
    expect(min.report.loss).toBe('1/2');
    // docs/mathematics.md §5: λ_min(Hessian) = 0 at the global minimum
    expect(Math.min(...min.eigenvalues)).toBeCloseTo(0, 9);
  });

  it('the families are the Baldi–Hornik index sets with the critical values of docs/mathematics.md §5', async () => {
    const session = openExplorer(fixture('h1-diag.json'));
    const expected: Record<string, [string, string]> = {
      '{1,2}': ['1/2', 'global-min'],
      '{1,3}': ['2', 'strict-saddle'],
      '{2,3}': ['9/2', 'strict-saddle'],
      '{1}': ['5/2', 'strict-saddle'],
      '{2}': ['5', 'strict-saddle'],
      '{3}': ['13/2', 'strict-saddle'],
      '{}': ['7', 'strict-saddle'],
    };
    const families = session.entries.filter((e) => e.kind === 'family');
    const found: Record<string, [string, string]> = {};
    for (const f of families) {
      const { report } = await session.report(f.key);
      found[`{${(report.indexSet ?? []).join(',')}}`] = [String(report.loss), report.classification];
    }
    expect(found).toEqual(expected);
  });

  it('transcript: every point with its verdict, spectrum and certificate', async () => {
    const session = openExplorer(fixture('h1-diag.json'));
    const text = explorerTranscript(session, await reportAll(session));
    expect(text).toContain('✓ zero: strict-saddle (as expected) · exact');
    expect(text).toContain('Hessian 12×12: 6 positive, 6 negative, 0 zero eigenvalues (exact)');
    expect(text).toMatch(/\n {2}−3 █+│ +×2\n/);
    expect(text).toContain('certificate: negative curvature');
    expect(text).toContain('✓ I = {1,2}: global-min (as expected) · exact');
    // docs/mathematics.md §5: I = {1,3} has critical value 2 and is a strict saddle, so this expectation fails
    expect(text).toContain('✗ I = {1,3}, expected wrongly: strict-saddle (expected global-min) · exact');
    expect(text).toContain('loss 2   L* 1/2   critical value 2');
  });
});

describe('explorer UI', () => {
  it('shows the first point, moves to the others, and quits with q', async () => {
    const exits: number[] = [];
    const app = render(<ExplorerApp session={openExplorer(fixture('h1-diag.json'))} library={library()} onExit={(c) => exits.push(c)} />);
    const frame = () => app.lastFrame() ?? '';
    await until(() => frame().includes('Hessian 12×12'), frame);
    expect(frame()).toContain('H = 1, d_1 = 2, diag(3,2,1) data (docs/mathematics.md §5) · widths 3-2-3');
    expect(frame()).toMatch(/› zero {2}expect strict-saddle {2}✓ strict-saddle/);
    expect(frame()).toContain('spectrum (float64; zeros counted exactly):');
    app.stdin.write('j');
    await until(() => frame().includes('I = {1,2}: global-min (as expected)'), frame);
    expect(frame()).toMatch(/› I = \{1,2\} {2}expect global-min {2}✓ global-min/);
    app.stdin.write('j');
    await until(() => frame().includes('strict-saddle (expected global-min)'), frame);
    app.stdin.write('k');
    app.stdin.write('k');
    await until(() => /› zero/.test(frame()), frame);
    app.stdin.write('q');
    await until(() => exits.length > 0, frame);
    expect(exits).toEqual([0]);
  });

  it('?, ⏎, l, r and p do what the help says', async () => {
    const exits: number[] = [];
    const opened: string[] = [];
    const app = render(<ExplorerApp session={openExplorer(fixture('h1-diag.json'))} library={library(opened)} onExit={(c) => exits.push(c)} />);
    const frame = () => app.lastFrame() ?? '';
    await until(() => frame().includes('Hessian 12×12'), frame);
    // ⏎: the weights of the point (W = 0 for "zero") and every eigenvalue
    expect(frame()).not.toContain('weights:');
    app.stdin.write('\r');
    await until(() => frame().includes('weights:'), frame);
    expect(frame()).toMatch(/W_1 = ⎡ 0  0  0 ⎤/);
    expect(frame()).toMatch(/W_2 = ⎡ 0  0 ⎤/);
    app.stdin.write('\r');
    await until(() => !frame().includes('weights:'), frame);
    // l: the point as LaTeX source
    app.stdin.write('l');
    await until(() => frame().includes('\\begin{bmatrix}'), frame);
    expect(frame()).toContain('W_{1} = \\begin{bmatrix} 0 & 0 & 0 \\\\ 0 & 0 & 0 \\end{bmatrix}');
    expect(frame()).toContain('(n_+, n_-, n_0) = (6, 6, 0)');
    app.stdin.write('l');
    await until(() => frame().includes('Hessian 12×12'), frame);
    // ?: the help, Esc back
    app.stdin.write('?');
    await until(() => frame().includes('Reading a report'), frame);
    expect(frame()).toContain('r            build the critical-point families again with the next seed');
    app.stdin.write('\u001B');
    await until(() => frame().includes('Hessian 12×12'), frame);
    expect(exits).toEqual([]);
    // r: the same file with the families of the next seed
    app.stdin.write('r');
    await until(() => frame().includes('families seed 2'), frame);
    expect(opened).toEqual([`${fixture('h1-diag.json')}@2`]);
    // p: the picker; a file that cannot be opened is reported there, Esc returns
    app.stdin.write('p');
    await until(() => frame().includes('Open a network file:'), frame);
    expect(frame()).toMatch(/› .*h1-diag\.json {2}\(open\)/);
    app.stdin.write('j');
    app.stdin.write('\r');
    await until(() => frame().includes('missing.json: no such file'), frame);
    app.stdin.write('\u001B');
    await until(() => frame().includes('Hessian 12×12'), frame);
    app.stdin.write('q');
    await until(() => exits.length > 0, frame);
    expect(exits).toEqual([0]);
  });

  it('fits the frame in the terminal and scrolls the report', () => {
    const session = openExplorer(fixture('h1-diag.json'));
    const base = {
      name: session.name,
      file: session.file,
      widths: session.widths,
      entries: session.entries,
      state: initialExplorerState(1),
      report: () => undefined,
      spinnerFrame: 0,
      width: 60,
      height: 12,
      files: [],
    };
    const loading = explorerScreen(base);
    expect(loading.length).toBeLessThanOrEqual(11);
    expect(loading.map((l) => l.text).join('\n')).toContain('checking zero…');
    for (const l of loading) expect(Array.from(l.text).length).toBeLessThanOrEqual(60);
  });
});
