import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('usage errors', () => {
  it.each([
    [['check'], /^dln: missing required argument 'network' \(see --help\)$/],
    [['verify'], /^dln: missing required argument 'proofs' \(see --help\)$/],
    [['bogus'], /^dln: unknown command 'bogus' \(see --help\)$/],
    [['verfy', 'x'], /^dln: unknown command 'verfy' \(Did you mean verify\?\) \(see --help\)$/],
    [['check', 'fixtures/h1-table.json', '--bogus'], /^dln: unknown option '--bogus' \(see --help\)$/],
  ])('%j: one line, exit 2', (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('--help and --version exit 0', () => {
    expect(runCli(['--help']).status).toBe(0);
    const v = runCli(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe('0.1.0');
  });
});
