import { describe, expect, it } from 'vitest';
import { criticalReport, type CriticalReport, type FamilyReport } from '../../src/landscape/critical.js';
import { structuredData } from '../../src/landscape/random.js';
import { sweep, SweepTally, type SweepOptions, type SweepReport } from '../../src/landscape/sweep.js';
import { seededRng } from '../../src/linalg/random.js';

const options = (widths: number[], instances: number, extra: Partial<SweepOptions> = {}): SweepOptions => ({
  widths, instances, seed: 1, mode: 'exact', data: 'structured', ...extra,
});

const row = (r: SweepReport, family: string, label: string) => r.table.find((x) => x.family === family && x.label === label);
const sumTotals = (rows: SweepReport['table']) => rows.reduce((s, x) => s + x.total, 0);

/** The counts add up: rows split by middle rank, tables = points = Σ per-instance points. */
function expectConsistentCounts(r: SweepReport) {
  for (const x of [...r.table, ...r.tableWithoutA]) expect(x.rankP + x.rankBelowP).toBe(x.total);
  expect(sumTotals(r.table) + sumTotals(r.tableWithoutA)).toBe(r.points);
  expect(r.instances.reduce((s, i) => s + i.points, 0)).toBe(r.points);
}

describe('dln sweep core', () => {
  it('H = 1 ([3,2,3]): global minima and strict saddles only, one global minimum per instance (docs/mathematics.md §5)', () => {
    const N = 6;
    const r = sweep(options([3, 2, 3], N));
    expectConsistentCounts(r);
    expect(r.withoutA.instances).toBe(0);
    // Baldi–Hornik: every I ⊆ {1,2,3} with |I| ≤ 2 (7 sets, ∅ being W = 0), exactly one of them the global minimum.
    expect(r.points).toBe(7 * N);
    expect(r.skippedIndexSets).toBe(0);
    expect(new Set(r.table.map((x) => x.label))).toEqual(new Set(['global-min', 'strict-saddle']));
    expect(sumTotals(r.table.filter((x) => x.label === 'global-min'))).toBe(N);
    // H = 1: W_H⋯W_2 is the identity, so every point has rank = p.
    expect(r.table.every((x) => x.rankBelowP === 0)).toBe(true);
    expect(r.checks.corollary24).toMatchObject({ status: 'confirmed', badSaddles: 0 });
    expect(r.checks.badSaddlesRankDeficient).toMatchObject({ status: 'confirmed', badSaddles: 0, offending: 0 });
    expect(r.checks.localMinimaGlobal).toMatchObject({ status: 'confirmed', psdNonGlobal: 0 });
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('H = 2 ([3,2,2,3]): bad saddles only where rank(W_H⋯W_2) < p, W = 0 among them (docs/mathematics.md §3)', () => {
    const N = 5;
    const r = sweep(options([3, 2, 2, 3], N));
    expectConsistentCounts(r);
    expect(r.withoutA.instances).toBe(0);
    // Per instance: ∅ (full middle), {i} (full and rank-1 middles), {i,j} (full), W = 0, three pairs of zero layers.
    expect(r.points).toBe((1 + 3 * 2 + 3 + 1 + 3) * N);
    const bad = r.table.filter((x) => x.label === 'bad-saddle');
    expect(bad.length).toBeGreaterThan(0);
    for (const x of bad) expect(x.rankP).toBe(0);
    expect(row(r, 'zero', 'bad-saddle')?.total).toBe(N); // W = 0 with H ≥ 2 is always a bad saddle
    // The example of docs/mathematics.md §3: I = {1} through a rank-1 middle is a bad saddle.
    expect(row(r, 'index-set', 'bad-saddle')?.rankBelowP).toBeGreaterThanOrEqual(N);
    expect(sumTotals(r.table.filter((x) => x.label === 'global-min'))).toBe(N);
    expect(r.table.some((x) => x.label === 'undetermined' || x.label === 'not-critical')).toBe(false);
    expect(r.checks.badSaddlesRankDeficient).toMatchObject({ status: 'confirmed', offending: 0 });
    expect(r.checks.badSaddlesRankDeficient.badSaddles).toBe(sumTotals(bad));
    expect(r.checks.corollary24.status).toBe('confirmed');
    // Every PSD non-global point here has an exact decreasing line.
    expect(r.checks.localMinimaGlobal.status).toBe('confirmed');
    expect(r.checks.localMinimaGlobal.psdNonGlobal).toBe(sumTotals(bad));
    expect(r.ok).toBe(true);
  });

  it('H = 3 ([3,3,2,2,3]): every non-global PSD point gets an exact decreasing line, even where they are rare', () => {
    // At I = {1} through rank-1 middles the quartic term is negative only in a thin cone of the Hessian's null
    // space (about 1 random direction in 100): the float-guided search must find one, verified exactly.
    const r = sweep(options([3, 3, 2, 2, 3], 6));
    expect(r.checks.localMinimaGlobal.psdNonGlobal).toBeGreaterThan(0);
    expect(r.checks.localMinimaGlobal.status).toBe('confirmed');
    expect(r.ok).toBe(true);
  });

  it('float mode labels every point as exact mode does (same instances)', () => {
    const exact = sweep(options([3, 2, 2, 3], 4));
    const float = sweep(options([3, 2, 2, 3], 4, { mode: 'float' }));
    expect(float.table).toEqual(exact.table);
    expect(float.ok).toBe(true);
  });

  it('instance i of seed S is the single instance of seed S + i', () => {
    const all = sweep(options([3, 2, 2, 3], 3, { seed: 40 }));
    const alone = [40, 41, 42].map((seed) => sweep(options([3, 2, 2, 3], 1, { seed })));
    expect(all.instances[2]).toEqual({ ...alone[2]!.instances[0], index: 2 });
    // The table of the whole sweep is the sum of the single-instance tables.
    const summed = new Map<string, number[]>();
    for (const r of alone)
      for (const x of r.table) {
        const c = summed.get(`${x.family} ${x.label}`) ?? [0, 0];
        summed.set(`${x.family} ${x.label}`, [c[0]! + x.rankP, c[1]! + x.rankBelowP]);
      }
    expect(new Map(all.table.map((x) => [`${x.family} ${x.label}`, [x.rankP, x.rankBelowP]]))).toEqual(summed);
  });

  it('random data: index sets that split irrational eigenvalues are skipped and counted', () => {
    const r = sweep(options([3, 2, 3], 4, { data: 'random' }));
    expectConsistentCounts(r);
    // Integer 3×4 data: Σ's eigenvalues are irrational in general, so of the 7 index sets only ∅ remains.
    expect(r.points + r.skippedIndexSets).toBe(7 * 4);
    expect(r.skippedIndexSets).toBeGreaterThan(0);
    expect(r.ok).toBe(true);
  });

  it('instances where (A) fails are reported apart, never tested', () => {
    const r = sweep(options([2, 3, 3], 3)); // d_y = 3 > d_x = 2
    expectConsistentCounts(r);
    expect(r.withoutA).toEqual({ instances: 3, parts: { 'dy-le-dx': 3 } });
    expect(r.table).toEqual([]);
    expect(r.tableWithoutA.length).toBeGreaterThan(0);
    expect(r.instances.every((i) => !i.hypothesesHold && i.failed.includes('dy-le-dx'))).toBe(true);
    for (const c of Object.values(r.checks)) expect(c.status).toBe('not-applicable');
    expect(r.ok).toBe(true);
  });
});

describe('SweepTally verdicts on reports with a planted fault', () => {
  const opts = options([3, 2, 2, 3], 1);
  const real = (seed: number): CriticalReport => {
    const rng = seededRng(seed);
    const { X, Y } = structuredData(rng, 3, 3, 4);
    return criticalReport({ name: 't', widths: [3, 2, 2, 3], X, Y, points: [] }, 'exact', rng);
  };
  const plant = (r: CriticalReport, change: (p: FamilyReport) => Partial<FamilyReport>, holds = r.network.hypotheses.holds): CriticalReport => {
    const i = r.points.findIndex((p) => p.classification === 'strict-saddle' && p.rankMiddle === p.p);
    return {
      ...r,
      network: { ...r.network, hypotheses: holds ? r.network.hypotheses : { holds: false, failed: [{ part: 'dy-le-dx', detail: 'planted' }] } },
      points: r.points.map((p, j) => (j === i ? { ...p, ...change(p) } : p)),
    };
  };

  it('a bad saddle with rank(W_H⋯W_2) = p under (A) is a violation, with its seed', () => {
    const tally = new SweepTally(opts);
    tally.add(0, 7, real(7));
    // Planted with `ok`, the expectation and the classifier's theorem note all silent: the sweep's own check must catch it.
    tally.add(1, 8, plant(real(8), () => ({ classification: 'bad-saddle', expect: null })));
    const r = tally.report();
    expect(r.ok).toBe(false);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({ instance: 1, seed: 8, classification: 'bad-saddle' });
    expect(r.violations[0]!.note).toMatch(/rank\(W_H⋯W_2\) = p = 2/);
    expect(r.checks.badSaddlesRankDeficient).toMatchObject({ status: 'violated', offending: 1 });
    expect(r.instances.map((i) => i.violations)).toEqual([0, 1]);
  });

  it('a point not as predicted under (A) is a violation; the same without (A) is not', () => {
    const tally = new SweepTally(opts);
    tally.add(0, 3, plant(real(3), (p) => ({ ok: false, expect: p.expect, classification: 'undetermined' })));
    tally.add(1, 4, plant(real(4), () => ({ ok: false, classification: 'undetermined' }), false));
    const r = tally.report();
    expect(r.violations.map((v) => v.seed)).toEqual([3]);
    expect(r.violations[0]!.note).toMatch(/^predicted strict-saddle/);
    expect(r.withoutA.instances).toBe(1);
    expect(r.tableWithoutA.find((x) => x.label === 'undetermined')?.total).toBe(1);
  });

  it('a failed construction is a violation even where (A) fails', () => {
    const tally = new SweepTally(opts);
    tally.add(0, 5, plant(real(5), () => ({ predictionsHold: false, ok: false }), false));
    const r = tally.report();
    expect(r.ok).toBe(false);
    expect(r.violations[0]).toMatchObject({ seed: 5, note: expect.stringMatching(/construction failed/) });
  });
});

describe('SweepTally: internal errors', () => {
  it('a disagreement of the two classifiers or a point that threw is an internal error with its seed', () => {
    const rng = seededRng(9);
    const { X, Y } = structuredData(rng, 3, 3, 4);
    const r = criticalReport({ name: 't', widths: [3, 2, 2, 3], X, Y, points: [] }, 'exact', rng);
    expect(r.errors).toEqual([]);
    const planted: CriticalReport = {
      ...r,
      points: r.points.map((p, j) => (j === 0 ? { ...p, crossCheck: { ...p.crossCheck, agrees: false, note: 'planted' } } : p)),
      errors: [{ point: 'lost', message: 'planted throw' }],
    };
    const tally = new SweepTally(options([3, 2, 2, 3], 1));
    tally.add(0, 9, planted);
    const out = tally.report();
    expect(out.ok).toBe(false);
    expect(out.internalErrors).toEqual([
      { instance: 0, seed: 9, message: 'point "lost": planted throw' },
      { instance: 0, seed: 9, message: `point "${r.points[0]!.name}": planted` },
    ]);
  });
});
