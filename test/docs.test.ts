import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

/**
 * The documentation is executed: every doc in docs/ and README.md, with the convention the docs follow.
 * - A fenced block whose info string is `sh` is run line by line, in a scratch directory holding copies of the
 *   repository's proofs/ and fixtures/ plus the files written by earlier blocks of the same doc. A line starting
 *   `dln ` runs the built CLI (through bash, so globs and redirections work); a trailing `# exit N` gives the
 *   expected exit code (default 0). Lines starting with `npm`, `cd`, `#` or any other program are not run.
 * - A fenced block whose info string names a file (`yaml file=my.proof.yaml`, also json, tex, csv, …) is written
 *   to that path in the scratch directory before the later `sh` blocks run.
 * A doc without runnable blocks is fine.
 */

export type Action =
  | { readonly kind: 'write'; readonly path: string; readonly content: string; readonly line: number }
  | { readonly kind: 'run'; readonly command: string; readonly exit: number; readonly line: number };

/** The actions of a Markdown text, in order. */
export function docActions(markdown: string): Action[] {
  const actions: Action[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^\\s*${fence![0]}{${fence!.length},}\\s*$`).test(lines[j]!); j++) body.push(lines[j]!.slice(indent!.length));
    const words = info!.trim().split(/\s+/);
    const file = words.slice(1).find((w) => w.startsWith('file='));
    if (file) actions.push({ kind: 'write', path: file.slice('file='.length), content: body.join('\n') + '\n', line: i + 1 });
    else if (words[0] === 'sh')
      body.forEach((text, k) => {
        if (!/^dln\s/.test(text)) return;
        const expected = /#\s*exit\s+(\d+)\s*$/.exec(text);
        actions.push({ kind: 'run', command: text, exit: expected ? Number(expected[1]) : 0, line: i + 2 + k });
      });
    i = j;
  }
  return actions;
}

const docs = [
  ...(existsSync(join(repoRoot, 'docs')) ? readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f)) : []),
  'README.md',
];

// `dln` on the PATH of every run line: the built CLI, as after `npm link`
const bin = mkdtempSync(join(tmpdir(), 'dln-docs-bin-'));
writeFileSync(join(bin, 'dln'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'dist', 'cli', 'main.js')}" "$@"\n`);
chmodSync(join(bin, 'dln'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

describe('the convention', () => {
  it('reads sh lines that start with dln, their expected exit, and file blocks, in order', () => {
    const md = [
      'text',
      '```sh',
      'npm ci',
      'dln verify a.proof.yaml          # checks it',
      'dln verify b.proof.yaml   # exit 1',
      '# a comment',
      'pdflatex x.tex',
      '```',
      '```yaml file=a.proof.yaml',
      'title: t',
      '```',
      '```ts',
      'dln is not run here',
      '```',
    ].join('\n');
    expect(docActions(md)).toEqual([
      { kind: 'run', command: 'dln verify a.proof.yaml          # checks it', exit: 0, line: 4 },
      { kind: 'run', command: 'dln verify b.proof.yaml   # exit 1', exit: 1, line: 5 },
      { kind: 'write', path: 'a.proof.yaml', content: 'title: t\n', line: 9 },
    ]);
  });
});

for (const doc of docs) {
  const actions = docActions(readFileSync(join(repoRoot, doc), 'utf8'));
  if (actions.length === 0) continue;
  describe(doc, () => {
    let scratch = '';
    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'dln-docs-'));
      for (const d of ['proofs', 'fixtures']) cpSync(join(repoRoot, d), join(scratch, d), { recursive: true });
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    for (const a of actions) {
      if (a.kind === 'write')
        it(`line ${a.line}: writes ${a.path}`, () => {
          mkdirSync(dirname(join(scratch, a.path)), { recursive: true });
          writeFileSync(join(scratch, a.path), a.content);
        });
      else
        it(`line ${a.line}: ${a.command}`, () => {
          const r = spawnSync('bash', ['-c', a.command], {
            cwd: scratch,
            encoding: 'utf8',
            input: '',
            env: { ...process.env, PATH: `${bin}:${process.env['PATH']}`, NO_COLOR: '1', FORCE_COLOR: '0' },
            timeout: 120_000,
          });
          expect(r.status, `${doc}:${a.line}: ${a.command}\nstdout:\n${r.stdout?.slice(-2000)}\nstderr:\n${r.stderr?.slice(-2000)}`).toBe(a.exit);
        });
    }
  });
}
