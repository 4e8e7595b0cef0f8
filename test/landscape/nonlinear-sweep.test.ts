import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Rational } from '../../src/linalg/index.js';
import { classifyExact } from '../../src/landscape/classify.js';
import { analyzeData } from '../../src/landscape/data.js';
import { parseNetwork } from '../../src/landscape/network.js';
import { reducePoint } from '../../src/landscape/nonlinear/check.js';
import { rescale } from '../../src/landscape/nonlinear/reduction.js';
import { nonlinearSweep } from '../../src/landscape/nonlinear/sweep.js';

describe('dln sweep --model nonlinear', () => {
  const options = { widths: [3, 2, 2, 3], instances: 6, seed: 1, mode: 'exact' as const, data: 'structured' as const, model: 'nonlinear' as const };
  const r = nonlinearSweep(options);

  it('tallies the moved critical points against Corollary 3.2, the reduction checked at every one', () => {
    expect(r.ok).toBe(true);
    expect(r.model).toBe('nonlinear');
    expect(r.models).toHaveLength(6);
    expect(r.reduction).toEqual({ points: r.points, failed: 0 });
    expect(r.points).toBeGreaterThan(40);
    expect(r.checks.localMinimaGlobal.status).toBe('confirmed');
    expect(r.checks.badSaddlesRankDeficient.status).toBe('confirmed');
    expect(r.checks.corollary24.status).toBe('confirmed');
    // q = 1/ρ for even seeds (instance i has seed 1 + i); for odd ones another q, so that φ rescales W_{H+1}
    const qrho = (m: { rho: string; q: string }) => Rational.parse(m.q)!.mul(Rational.parse(m.rho)!).toString();
    r.models.forEach((m, i) => {
      if ((1 + i) % 2 === 0) expect(qrho(m)).toBe('1');
    });
    expect(r.models.filter((m, i) => (1 + i) % 2 === 1 && qrho(m) !== '1').length).toBeGreaterThan(0);
  });

  it('instance i is reproduced alone by seed S + i', () => {
    const alone = nonlinearSweep({ ...options, instances: 1, seed: 4 });
    expect(alone.models[0]).toEqual(r.models[3]);
    expect(alone.instances[0]!.points).toBe(r.instances[3]!.points);
    expect(alone.table).toEqual(nonlinearSweep({ ...options, instances: 1, seed: 4 }).table);
  });

  it('a certificate that does not carry over makes the point fail the reduction (so the sweep would count it)', () => {
    const spec = parseNetwork(readFileSync('fixtures/section-3/paths-2332.json', 'utf8'), 'f');
    const model = spec.model!;
    const data = analyzeData(spec.X, spec.Y, spec.widths);
    const saddle = spec.points.find((p) => p.name === 'strict-saddle')!;
    const other = spec.points.find((p) => p.name === 'bad-saddle')!;
    const right = classifyExact(data, { name: 'x', W: rescale(model, saddle.W) });
    expect(reducePoint(model, spec.X, spec.Y, saddle, right, { mode: 'exact' }).reductionHolds).toBe(true);
    // the linear report of another point: its line is not a line of the nonlinear loss at this W
    const wrong = classifyExact(data, { name: 'x', W: rescale(model, other.W) });
    const nl = reducePoint(model, spec.X, spec.Y, saddle, wrong, { mode: 'exact' });
    expect(nl.reductionHolds).toBe(false);
    expect(nl.ok).toBe(false);
    expect(nl.reason).toMatch(/the reduction FAILED to check at this point \(certificate\)/);
  });
});
