import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { budget, isCleanLine } from './arbitraries.js';

/**
 * The command line under fuzzing: random commands, options and values (hostile strings, special files as inputs
 * and outputs) run as a user would run them. The contract: exit 0, 1 or 2 only (never 3, never killed), exit 2 with
 * exactly one clean line on stderr, the heap within 1 GB (node's limit set so, a larger heap aborts the process),
 * and no special file replaced. A run taking over a minute is killed and fails the property.
 */

const dir = mkdtempSync(join(tmpdir(), 'dln-fuzz-cli-'));
spawnSync('mkfifo', [join(dir, 'fifo')]);
mkdirSync(join(dir, 'dir'));
symlinkSync('/dev/null', join(dir, 'null-link'));
writeFileSync(join(dir, 'bad.proof.yaml'), 'title: t\ngiven:\n  shapes: { constructor: [] }\nsteps:\n  - claim: constructor*2 = 2*constructor\n');
writeFileSync(join(dir, 'huge.json'), '{"name":"n","widths":[1,1,1],"X":[[1e400]],"Y":[[1]],"points":[]}');

const inputs = ['proofs/scalar-chain.proof.yaml', 'fixtures/scalar-chain.json', 'fixtures/h1-table.json', join(dir, 'bad.proof.yaml'), join(dir, 'huge.json'), join(dir, 'fifo'), join(dir, 'dir'), '/dev/zero', 'no-such-file', join(dir, 'null-link')];
const outputs = [join(dir, 'out.tex'), join(dir, 'fifo'), join(dir, 'dir'), join(dir, 'null-link'), join(dir, 'missing', 'x.tex')];
const hostile = ['', '0', '-1', '1e9', 'abc', '\n', '\u001b[31m', 'x'.repeat(3000), '--', '-', 'constructor', '__proto__', 'ℝ', '2,1,2', '3,2,3', '17,1,17', '1,1', '3,2,3,'];

/** value pools per option: plausible values (cheap to run) and hostile ones */
const OPTIONS: Readonly<Record<string, readonly string[]>> = {
  '--trials': ['1', '2', '0', '1001', '2.5'],
  '--seed': ['1', '7', '-3', '4294967296', '0x10'],
  '--json': [],
  '--float': [],
  '--point': ['zero', 'I = {1,2}', 'nope'],
  '--format': ['text', 'latex', 'json', 'html'],
  '--max-sets': ['1', '2', '0', '99999999999'],
  '--widths': ['2,1,2', '3,2,3', '2,2,2', '17,1,17', '1,1', '0,1,2', '3,2,3,', '1025,1,1'],
  '--instances': ['1', '2', '0', '1001', '-5'],
  '--data': ['structured', 'random', 'other'],
  '--network': inputs,
  '--symbolic-data': [],
  '--samples': ['1', '2', '0', '100000'],
  '--hessian': [],
  '--entries': [],
  '--standalone': [],
  '--no-compile': [],
  '-o': outputs,
  '--bogus': [],
};
const COMMANDS: Readonly<Record<string, readonly string[]>> = {
  verify: ['--trials', '--seed', '--json'],
  check: ['--point', '--float', '--json', '--format'],
  critical: ['--float', '--json', '--seed', '--max-sets'],
  sweep: ['--widths', '--instances', '--seed', '--data', '--float', '--json'],
  derive: ['--network', '--widths', '--symbolic-data', '--samples', '--hessian', '--entries', '--format', '--json'],
  latex: ['-o', '--standalone', '--seed', '--trials', '--json', '--no-compile'],
  html: ['-o', '--seed', '--trials', '--json'],
  walk: ['--network', '--seed'],
};

const option = (name: string) => {
  const values = OPTIONS[name] ?? [];
  return values.length === 0
    ? fc.constant([name])
    : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...hostile) }).map((v) => [name, v]);
};

const argv: fc.Arbitrary<string[]> = fc
  .oneof({ weight: 8, arbitrary: fc.constantFrom(...Object.keys(COMMANDS)) }, { weight: 1, arbitrary: fc.constantFrom('chek', '', '--help', 'ℝ') })
  .chain((command) => {
    const names = [...(COMMANDS[command] ?? []), '--bogus'];
    return fc.tuple(
      fc.array(fc.oneof(fc.constantFrom(...inputs), fc.constantFrom(...hostile)), { maxLength: 2 }),
      fc.uniqueArray(fc.constantFrom(...names), { maxLength: 4 }).chain((chosen) => (chosen.length ? fc.tuple(...chosen.map(option)) : fc.constant([] as string[][]))),
    ).map(([positional, opts]) => [command, ...positional, ...opts.flat()].filter((a, i) => i > 0 || a !== ''));
  });

describe('the command line under fuzzing', () => {
  it('exits 0, 1 or 2, with one clean line on 2, within bounded memory, and replaces no special file', () => {
    fc.assert(
      fc.property(argv, (args) => {
        const r = spawnSync(process.execPath, ['--max-old-space-size=1024', join(repoRoot, 'dist', 'cli', 'main.js'), ...args], {
          cwd: repoRoot,
          encoding: 'utf8',
          input: '',
          env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
          timeout: 60_000,
        });
        expect(r.signal, JSON.stringify(args)).toBeNull();
        expect([0, 1, 2], `${JSON.stringify(args)}: ${r.stderr}`).toContain(r.status);
        if (r.status === 2) {
          expect(r.stderr.endsWith('\n')).toBe(true);
          const lines = r.stderr.slice(0, -1).split('\n');
          expect(lines, JSON.stringify(args)).toHaveLength(1);
          expect(lines[0]).toMatch(/^dln: /);
          expect(isCleanLine(lines[0]!)).toBe(true);
        }
        expect(readlinkSync(join(dir, 'null-link'))).toBe('/dev/null');
        expect(statSync(join(dir, 'fifo')).isFIFO()).toBe(true);
        expect(statSync(join(dir, 'dir')).isDirectory()).toBe(true);
        expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
      }),
      budget(30),
    );
  }, 180_000);
});
