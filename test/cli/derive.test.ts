import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dln-derive-'));
function network(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('dln derive --entries --format json', () => {
  it('scalar chain (docs/mathematics.md §6): parameters, gradient and Hessian strings of a hand derivation', () => {
    // L = ½(5w² − 16w + 13), w = w₁w₂w₃
    const r = runCli(['derive', '--network', 'fixtures/scalar-chain.json', '--entries', '--hessian', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['parameters', 'gradient', 'hessian']);
    expect(out.parameters).toEqual([
      { name: 'w1r1c1', layer: 1, row: 1, col: 1 },
      { name: 'w2r1c1', layer: 2, row: 1, col: 1 },
      { name: 'w3r1c1', layer: 3, row: 1, col: 1 },
    ]);
    expect(out.gradient).toEqual([
      '5*w1r1c1*w2r1c1^2*w3r1c1^2 - 8*w2r1c1*w3r1c1',
      '5*w1r1c1^2*w2r1c1*w3r1c1^2 - 8*w1r1c1*w3r1c1',
      '5*w1r1c1^2*w2r1c1^2*w3r1c1 - 8*w1r1c1*w2r1c1',
    ]);
    expect(out.hessian[0]).toEqual([
      '5*w2r1c1^2*w3r1c1^2',
      '10*w1r1c1*w2r1c1*w3r1c1^2 - 8*w3r1c1',
      '10*w1r1c1*w2r1c1^2*w3r1c1 - 8*w2r1c1',
    ]);
    expect(out.hessian[2][1]).toBe(out.hessian[1][2]);
  });

  it('lists parameters layer by layer, row by row, and omits the Hessian without --hessian', () => {
    const r = runCli(['derive', '--widths', '2,3,1', '--symbolic-data', '--entries', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['parameters', 'gradient']);
    expect(out.parameters.map((p: { name: string }) => p.name)).toEqual([
      'w1r1c1', 'w1r1c2', 'w1r2c1', 'w1r2c2', 'w1r3c1', 'w1r3c2', 'w2r1c1', 'w2r1c2', 'w2r1c3',
    ]);
    expect(out.gradient).toHaveLength(9);
    // default m = d_0 = 2 samples: the data symbols of sample 2 appear, none of a third
    expect(out.gradient.join(' ')).toMatch(/xr2c2/);
    expect(out.gradient.join(' ')).not.toMatch(/xr\dc3/);
  });

  it('--widths with --entries implies --symbolic-data (there is no other data)', () => {
    const implied = runCli(['derive', '--widths', '2,2,2', '--hessian', '--entries', '--json']);
    expect(implied.status).toBe(0);
    expect(implied.stdout).toBe(runCli(['derive', '--widths', '2,2,2', '--hessian', '--entries', '--json', '--symbolic-data']).stdout);
    expect(JSON.parse(implied.stdout).hessian).toHaveLength(8);
  });

  it('--samples sets the number of symbolic samples', () => {
    const out = JSON.parse(runCli(['derive', '--widths', '1,1,1', '--symbolic-data', '--samples', '3', '--entries', '--json']).stdout);
    // ∂/∂w₁ ½Σ_s (w₂w₁x_s − y_s)² = Σ_s (w₂w₁x_s − y_s) w₂x_s
    expect(out.gradient[0]).toBe(
      'w1r1c1*w2r1c1^2*xr1c1^2 + w1r1c1*w2r1c1^2*xr1c2^2 + w1r1c1*w2r1c1^2*xr1c3^2 - w2r1c1*xr1c1*yr1c1 - w2r1c1*xr1c2*yr1c2 - w2r1c1*xr1c3*yr1c3',
    );
  });

  it('reads rational data exactly', () => {
    const path = network('halves.json', { name: 'halves', widths: [1, 1, 1], X: [['1/2', 0.5]], Y: [['3/2', '-1']], points: [] });
    const out = JSON.parse(runCli(['derive', '--network', path, '--entries', '--hessian', '--json']).stdout);
    // w = w₁w₂: L = ½((w/2 − 3/2)² + (w/2 + 1)²) = w²/4 − w/4 + 13/8, so ∂L/∂w₁ = (w/2 − 1/4)·w₂
    expect(out.gradient).toEqual(['1/2*w1r1c1*w2r1c1^2 - 1/4*w2r1c1', '1/2*w1r1c1^2*w2r1c1 - 1/4*w1r1c1']);
    expect(out.hessian).toEqual([
      ['1/2*w2r1c1^2', 'w1r1c1*w2r1c1 - 1/4'],
      ['w1r1c1*w2r1c1 - 1/4', '1/2*w1r1c1^2'],
    ]);
  });
});

describe('dln derive --entries text and latex', () => {
  it('text: the loss, one line per gradient entry, the Hessian upper triangle', () => {
    const r = runCli(['derive', '--network', 'fixtures/scalar-chain.json', '--entries', '--hessian']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('L = 5/2*w1r1c1^2*w2r1c1^2*w3r1c1^2 - 8*w1r1c1*w2r1c1*w3r1c1 + 13/2');
    expect(lines).toContain('∂L/∂w2r1c1 = 5*w1r1c1^2*w2r1c1*w3r1c1^2 - 8*w1r1c1*w3r1c1');
    expect(lines).toContain('∂²L/∂w1r1c1² = 5*w2r1c1^2*w3r1c1^2');
    expect(lines.filter((l) => l.startsWith('∂²L/'))).toHaveLength(6);
  });

  it('latex: every line renders with KaTeX (strict)', () => {
    for (const args of [
      ['--network', 'fixtures/scalar-chain.json'],
      ['--widths', '2,1,2', '--symbolic-data'],
    ]) {
      const r = runCli(['derive', ...args, '--entries', '--hessian', '--format', 'latex']);
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(() => katex.renderToString(line, { throwOnError: true, strict: 'error' })).not.toThrow();
    }
  });
});

describe('dln derive: bad input is one line on stderr, exit 2, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['widths not a list', ['--widths', '2,x', '--symbolic-data'], /--widths: expected at least three/],
    ['a single width', ['--widths', '3', '--symbolic-data'], /--widths/],
    ['no hidden layer', ['--widths', '3,2', '--symbolic-data'], /at least three/],
    ['a zero width', ['--widths', '2,0,1', '--symbolic-data'], /positive integer/],
    ['neither source', [], /exactly one of --network/],
    ['both sources', ['--widths', '1,1,1', '--symbolic-data', '--network', 'fixtures/scalar-chain.json'], /exactly one of/],
    ['widths without data, too short', ['--widths', '2,2'], /--widths: expected at least three/],
    ['symbolic data with a network', ['--network', 'fixtures/scalar-chain.json', '--symbolic-data'], /--symbolic-data/],
    ['samples without symbolic data', ['--network', 'fixtures/scalar-chain.json', '--samples', '2'], /--samples/],
    ['bad samples', ['--widths', '1,1,1', '--symbolic-data', '--samples', '-1'], /--samples/],
    ['too many parameters', ['--widths', '10,10,11', '--symbolic-data'], /210 parameters; .* at most 200/],
    ['too many symbols', ['--widths', '10,5,10', '--symbolic-data', '--samples', '20'], /100 weights and 400 data symbols exceed 400 symbols/],
    ['unknown format', ['--network', 'fixtures/scalar-chain.json', '--format', 'xml'], /--format: expected text, latex or json/],
    ['--json against --format', ['--network', 'fixtures/scalar-chain.json', '--json', '--format', 'latex'], /--json: conflicts/],
    ['missing network file', ['--network', join(dir, 'nope.json')], /nope\.json: no such file/],
  ];
  for (const [label, args, message] of cases) {
    it(label, () => {
      const r = runCli(['derive', ...args, '--entries']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^dln: /);
      expect(r.stderr).toMatch(message);
    });
  }

  it('a malformed network file names the file', () => {
    const path = network('broken.json', '{ "widths": [1, 1], ');
    const r = runCli(['derive', '--network', path, '--entries']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('broken.json');
    expect(r.stdout).toBe('');
  });

  it('an expansion beyond the term budget is refused, not attempted for minutes', () => {
    // [4,4,4,4,4] with m = 4 symbolic samples: far beyond the limits, and the products it takes say so at once
    const r = runCli(['derive', '--widths', '4,4,4,4,4', '--symbolic-data', '--entries', '--hessian', '--json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^dln: --widths: expanding the gradient and Hessian of widths \[4,4,4,4,4\] takes about [\d.]+e\+\d+ monomial products, more than the limit of 2e\+7/);
    expect(r.stdout).toBe('');
    // [10,10,10]: within the product estimate, beyond the terms bounded before expanding
    const t = runCli(['derive', '--widths', '10,10,10', '--symbolic-data', '--entries', '--hessian', '--json']);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/^dln: --widths: the gradient and Hessian of widths \[10,10,10\] can have up to \d+ terms, more than the limit of 1500000/);
    expect(t.stdout).toBe('');
  });
});
