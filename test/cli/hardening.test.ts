import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { latexProblems, pdflatex } from '../render/tools.js';
import { HARDENING_CASES, PROTOTYPE_NAMES, network, proof, prototypeProof } from './hardening-cases.js';

/**
 * Issue 12: every example refused with one clean line (or given its correct verdict), nothing clobbered, nothing
 * injected. Each command runs in a scratch directory with a generous kill timeout that only catches a hang (the
 * one-second target is a benchmark's business).
 */

const MAIN = join(repoRoot, 'dist', 'cli', 'main.js');

function run(args: readonly string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { status: r.status ?? -1, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function scratch(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'dln-hardening-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Exit 2 with exactly one line `dln: …` on stderr and nothing on stdout. */
function expectRefusal(r: ReturnType<typeof run>, message?: RegExp): void {
  expect(r.signal).toBeNull();
  expect(r.stdout).toBe('');
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr.endsWith('\n')).toBe(true);
  const lines = r.stderr.slice(0, -1).split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dln: /);
  expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f]/);
  if (message) expect(lines[0]!.slice('dln: '.length)).toMatch(message);
}

describe('every example of issue 12', () => {
  it.each(HARDENING_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const r = run(c.args, scratch(c.files));
    if (c.exit === 2) expectRefusal(r, c.message);
    else {
      // nothing on stderr but the file:line:col diagnostics of steps that failed or were not checked
      for (const l of r.stderr.split('\n').filter(Boolean)) expect(l).toMatch(/^[^:\n]+:\d+:\d+: (error|warning): step \d+: /);
      expect(r.status).toBe(c.exit);
    }
  });
});

describe('names that are keys of Object.prototype', () => {
  const cases = PROTOTYPE_NAMES.flatMap((name) => (['shape', 'define', 'range', 'size'] as const).map((role) => [name, role] as const));
  it.each(cases)('%s as a %s: checked like any other name (a true step verified, a false one refuted)', (name, role) => {
    const r = run(['verify', 'p.proof.yaml', '--json', '--trials', '6'], scratch({ 'p.proof.yaml': prototypeProof(role, name) }));
    if (name === '__proto__') {
      // not a name at all (names start with a letter): refused like any other, in every role
      expectRefusal(r, /"__proto__" is not a (range )?name/);
      return;
    }
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { proofs: { steps: { status: string }[] }[] };
    expect(out.proofs[0]!.steps.map((s) => s.status)).toEqual(['verified', 'failed']);
  });
});

describe('input files that are not regular files', () => {
  it('a FIFO without a writer is refused at once, never opened for a blocking read', () => {
    const dir = scratch();
    const fifo = join(dir, 'n.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectRefusal(run(['check', fifo], dir), /is a pipe \(FIFO\); dln reads only regular files$/);
    expectRefusal(run(['verify', fifo], dir), /is a pipe \(FIFO\); dln reads only regular files$/);
  });

  it('a file beyond the size limit is refused before it is read', () => {
    const dir = scratch({ 'p.proof.yaml': `# ${'x'.repeat(1 << 20)}\n` });
    expectRefusal(run(['verify', 'p.proof.yaml'], dir), /^p\.proof\.yaml: is 1048579 bytes, more than the limit of 1048576 bytes/);
  });
});

describe('-o never replaces what is not a regular file, and writes regular files atomically', () => {
  const good = proof('  shapes: { a: [], b: [] }\n', '(a + b)*(a - b) = a*a - b*b');

  it('refuses a symbolic link (to /dev/null): the link and its target stay as they were', () => {
    const dir = scratch({ 'p.proof.yaml': good });
    symlinkSync('/dev/null', join(dir, 'out.tex'));
    for (const cmd of ['latex', 'html']) {
      expectRefusal(run([cmd, 'p.proof.yaml', '-o', 'out.tex'], dir), /^out\.tex: is a symbolic link; dln does not write through links/);
      expect(lstatSync(join(dir, 'out.tex')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(dir, 'out.tex'))).toBe('/dev/null');
    }
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['out.tex', 'p.proof.yaml']);
  });

  it('refuses a link to a regular file, which keeps its content', () => {
    const dir = scratch({ 'p.proof.yaml': good, 'real.tex': 'keep me\n' });
    symlinkSync('real.tex', join(dir, 'link.tex'));
    expectRefusal(run(['latex', 'p.proof.yaml', '-o', 'link.tex'], dir), /is a symbolic link/);
    expect(readFileSync(join(dir, 'real.tex'), 'utf8')).toBe('keep me\n');
  });

  it('refuses a FIFO, a directory and a device at once, before any step is checked', () => {
    const dir = scratch({ 'p.proof.yaml': good });
    expect(spawnSync('mkfifo', [join(dir, 'pipe.tex')]).status).toBe(0);
    mkdirSync(join(dir, 'sub.tex'));
    expectRefusal(run(['latex', 'p.proof.yaml', '-o', 'pipe.tex'], dir), /^pipe\.tex: exists and is not a regular file \(a device, pipe or socket\)/);
    expectRefusal(run(['html', 'p.proof.yaml', '-o', 'sub.tex'], dir), /^sub\.tex: is a directory/);
    expectRefusal(run(['latex', 'p.proof.yaml', '-o', '/dev/null'], dir), /^\/dev\/null: exists and is not a regular file/);
    expect(lstatSync(join(dir, 'pipe.tex')).isFIFO()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('replaces an existing regular file whole, keeps its permissions and leaves no temporary file', () => {
    const dir = scratch({ 'p.proof.yaml': good, 'out.html': 'old\n' });
    chmodSync(join(dir, 'out.html'), 0o640);
    const r = run(['html', 'p.proof.yaml', '-o', 'out.html'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(statSync(join(dir, 'out.html')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['out.html', 'p.proof.yaml']);
  });

  it('refuses to write over one of the derivation files it reads', () => {
    const dir = scratch({ 'p.proof.yaml': good });
    expectRefusal(run(['latex', 'p.proof.yaml', '-o', './p.proof.yaml'], dir), /^\.\/p\.proof\.yaml: is one of the derivation files given/);
    expect(readFileSync(join(dir, 'p.proof.yaml'), 'utf8')).toBe(good);
  });

  it('leaves nothing behind when the directory cannot be written', () => {
    const dir = scratch({ 'p.proof.yaml': good });
    expectRefusal(run(['latex', 'p.proof.yaml', '-o', join(dir, 'missing', 'out.tex')], dir), /out\.tex: cannot write \(ENOENT\)$/);
    expect(readdirSync(dir)).toEqual(['p.proof.yaml']);
  });
});

describe('LaTeX from user-controlled text', () => {
  it('a file name with line breaks and TeX commands stays inside its comment, and the appendix compiles', () => {
    const name = 'x\n\\input{hostname}\n\\immediate\\openout1=pwned.tex.proof.yaml';
    const dir = scratch({ [name]: proof('  shapes: { a: [] }\n', 'a*a = a*a') });
    const r = run(['latex', name, '-o', 'out.tex', '--standalone'], dir);
    expect(r.status, r.stderr).toBe(0);
    const tex = readFileSync(join(dir, 'out.tex'), 'utf8');
    const first = tex.split('\n')[0]!;
    expect(first).toBe('% Generated by dln from x<U+000A>\\input{hostname}<U+000A>\\immediate\\openout1=pwned.tex.proof.yaml.');
    expect(tex.split('\n').filter((l) => l.includes('\\input') || l.includes('\\openout')).every((l) => l.startsWith('%'))).toBe(true);
    const compiled = pdflatex(tex, 'named');
    expect(latexProblems(compiled.log, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(existsSync(join(compiled.dir, 'pwned.tex'))).toBe(false);
    // the stdout summary names the file on one line
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('x_y_z as an index name: verify, latex and html agree, and the appendix compiles', () => {
    const dir = scratch({ 'p.proof.yaml': proof('  shapes: { a: [], x_y: [] }\n  ranges: { x_y_z: [1, 2] }\n', 'sum(i_j_k, 1, 3, a*i_j_k) = 6*a', 'x_y*x_y_z = x_y_z*x_y') });
    expect(run(['verify', 'p.proof.yaml'], dir).status).toBe(0);
    expect(run(['html', 'p.proof.yaml', '-o', 'p.html'], dir).status).toBe(0);
    const r = run(['latex', 'p.proof.yaml', '-o', 'p.tex', '--standalone'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; pdflatex compiles it\n$/);
    const tex = readFileSync(join(dir, 'p.tex'), 'utf8');
    expect(tex).toContain('\\mathit{x\\_y\\_z}');
    expect(tex).toContain('x_{y}');
    const compiled = pdflatex(tex, 'underscores');
    expect(latexProblems(compiled.log, Number.POSITIVE_INFINITY)).toEqual([]);
  });

  it('an appendix pdflatex rejects is not written: exit 1 and the first error, never "wrote"', () => {
    const dir = scratch({ 'p.proof.yaml': proof('  shapes: { a: [] }\n', 'a = a'), 'out.tex': 'old\n' });
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // a pdflatex that fails as pdflatex does, with its log
    writeFileSync(join(bin, 'pdflatex'), '#!/bin/sh\nprintf "! Undefined control sequence.\\nl.42 \\\\oops\\n" > appendix.log\nexit 1\n');
    chmodSync(join(bin, 'pdflatex'), 0o755);
    const r = run(['latex', 'p.proof.yaml', '-o', 'out.tex', '--standalone'], dir, { PATH: `${bin}:${process.env.PATH}` });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dln: out.tex: pdflatex cannot compile the appendix (Undefined control sequence. (line 42)); nothing written — a bug in dln, please report it\n');
    expect(readFileSync(join(dir, 'out.tex'), 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['bin', 'out.tex', 'p.proof.yaml']);
  });

  it('without pdflatex the appendix is written and the summary says it was not compiled', () => {
    const dir = scratch({ 'p.proof.yaml': proof('  shapes: { a: [] }\n', 'a = a') });
    const r = run(['latex', 'p.proof.yaml', '-o', 'out.tex'], dir, { PATH: '/nonexistent' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; not compiled \(pdflatex not found\)\n$/);
    expect(run(['latex', 'p.proof.yaml', '-o', 'out.tex', '--no-compile', '--json'], dir).stdout).toMatch(/"compiled": null/);
  });
});

describe('messages', () => {
  it('a network point name with a line break is refused in one line', () => {
    const dir = scratch({ 'n.json': network((n) => ((n.points as { name: string }[])[0]!.name = 'a\nb')) });
    expectRefusal(run(['check', 'n.json'], dir), /^n\.json: points\[0\]\.name: contains the control character \\n$/);
  });

  it('a file name with a line break is escaped in the message', () => {
    expectRefusal(run(['verify', 'no\nsuch.proof.yaml'], scratch()), /^no\\nsuch\.proof\.yaml: no such file$/);
  });
});
