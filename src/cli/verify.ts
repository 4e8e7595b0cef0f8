import { watch as watchDir } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { readDerivation } from '../api/derivations.js';
import { InputError } from '../errors.js';
import { claimToText, proseText } from '../expr/index.js';
import { checkStep, DEFAULT_TRIALS } from '../proof/check.js';
import { stepKey } from '../proof/fingerprint.js';
import { type ProofResult, type StepResult, allPassed, countStatuses, stepPasses, tallyText } from '../proof/result.js';
import type { ProofSetting } from '../proof/setting.js';
import { oneLine, printable } from '../text.js';
import { evidenceLines, evidenceSummary, statusGlyph } from '../tui/evidence.js';
import { plainText } from '../tui/lines.js';
import { STATUS } from '../tui/status.js';
import { intOption } from './options.js';
import { proofPaths } from './proof-paths.js';

interface VerifyOptions {
  trials?: string;
  seed?: string;
  json?: boolean;
  format?: string;
  watch?: boolean;
  /** `tested` steps fail too. */
  strict?: boolean;
}

type Format = 'text' | 'json' | 'diagnostics';
const FORMATS: readonly Format[] = ['text', 'json', 'diagnostics'];

interface Checked {
  readonly setting: ProofSetting;
  readonly result: ProofResult;
}

/**
 * `dln verify PROOF… [--format text|json|diagnostics] [--strict] [--watch]`: every file is parsed and shape-checked
 * before anything is checked or printed. A directory stands for its `*.proof.yaml` files. In text format the report
 * goes to stdout and a `file:line:col: error: step N: …` line per failed step (warning: not checked, or only
 * tested under --strict) to stderr, for editors; `--format diagnostics` prints only those lines, on stdout.
 */
export async function run(args: string[], opts: VerifyOptions): Promise<number> {
  if (opts.json && opts.format !== undefined && opts.format !== 'json') throw new InputError('--json', `conflicts with --format ${opts.format}`);
  const format = (opts.json ? 'json' : (opts.format ?? 'text')) as Format;
  if (!FORMATS.includes(format)) throw new InputError('--format', `expected text, json or diagnostics, got "${format}"`);
  const trials = intOption(opts.trials, 'trials', DEFAULT_TRIALS, 1, 1000);
  const seed = intOption(opts.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const strict = !!opts.strict;
  const files = proofPaths(args);
  if (opts.watch) return watch(files, format, seed, trials, strict);
  const checked = check(files, seed, trials, () => undefined);
  print(checked, format, strict);
  return checked.every((c) => allPassed(c.result, strict)) ? 0 : 1;
}

/** Parses every file, then checks each step, or takes its result from `cached` (by file and step key). */
function check(files: readonly string[], seed: number, trials: number, cached: (file: string, key: string) => StepResult | undefined): Checked[] {
  const settings = files.map(readDerivation);
  return settings.map((setting) => {
    const { doc } = setting;
    const steps = doc.steps.map((_, i) => cached(doc.file, stepKey(doc, i)) ?? checkStep(setting, i, { seed, trials }));
    return { setting, result: { file: doc.file, title: doc.title, seed, trials, steps } };
  });
}

function print(checked: readonly Checked[], format: Format, strict: boolean): void {
  if (format === 'json') {
    const ok = checked.every((c) => allPassed(c.result, strict));
    const proofs = checked.map(({ setting, result }) => ({
      ...result,
      assume: setting.doc.assume.map((a) => a.text),
      steps: result.steps.map((s, j) => {
        const step = setting.doc.steps[j]!;
        return { ...s, claim: step.text, line: step.line, column: step.column };
      }),
      ok: allPassed(result, strict),
    }));
    process.stdout.write(`${JSON.stringify({ ok, proofs }, null, 2)}\n`);
    return;
  }
  const diagnostics = checked.flatMap((c) => diagnosticLines(c, strict));
  if (format === 'diagnostics') {
    if (diagnostics.length > 0) process.stdout.write(`${diagnostics.join('\n')}\n`);
    return;
  }
  process.stdout.write(checked.map(report).join('\n') + '\n');
  if (diagnostics.length > 0) process.stderr.write(`${diagnostics.join('\n')}\n`);
}

/**
 * `file:line:col: error: step N: …` for a failed step, `warning:` for one not checked or, under --strict, only
 * tested (the gcc/tsc format).
 */
function diagnosticLines({ setting, result }: Checked, strict: boolean): string[] {
  return result.steps.flatMap((s, i) => {
    if (stepPasses(s.status, strict)) return [];
    const step = setting.doc.steps[i]!;
    const severity = s.status === 'failed' ? 'error' : 'warning';
    const ce = s.counterexample;
    const at = ce ? ` (counterexample: ${Object.entries(ce.bindings).map(([k, v]) => `${k}=${v}`).join(', ')}, seed ${ce.seed})` : '';
    return [`${printable(result.file)}:${step.line}:${step.column}: ${severity}: step ${s.step}: ${evidenceSummary({ state: 'done', result: s })}${at}`];
  });
}

function report({ setting, result: r }: Checked): string {
  const { doc } = setting;
  const out = [proseText(doc.title), `  ${printable(r.file)} — seed ${r.seed}, ${r.trials} trials per step`];
  const conditional = doc.assume.length > 0;
  if (conditional)
    out.push(`  assume: ${doc.assume.map((a) => proseText(a.text)).join('; ')} — every step is checked only on instances that satisfy these`);
  r.steps.forEach((s, i) => {
    const check = { state: 'done', result: s } as const;
    const under = conditional ? '(under assume) ' : '';
    out.push(`  ${statusGlyph(check)} ${String(s.step).padStart(2)}  ${under}${claimToText(setting.claims[i]!.claim)}`);
    if (s.status !== 'verified') {
      // where to look: the file, line and column of the step (a .tex document's for its derivations)
      const step = doc.steps[i]!;
      out.push(`      ${printable(r.file)}:${step.line}:${step.column}: step ${s.step}: ${STATUS[s.status].word}`);
      // a tested step says on which sizes and why no more; a failed or unchecked one shows all its evidence
      out.push(plainText(evidenceLines(check, s.status !== 'tested', 100)).replace(/^/gm, '      '));
    }
  });
  out.push(`  ${tallyText(countStatuses(r.steps.map((s) => s.status)))}`);
  return out.join('\n');
}

/** Debounce for file events: an editor's save is often several writes and a rename. */
const SETTLE_MS = 150;

/**
 * Checks the files, then again whenever one of them changes, each time only the steps whose key changed (the
 * others keep their result); a malformed file is reported on one line and watching goes on. Runs until
 * interrupted.
 */
function watch(files: readonly string[], format: Format, seed: number, trials: number, strict: boolean): Promise<number> {
  const results = new Map<string, StepResult>();
  const cacheKey = (file: string, key: string) => `${resolve(file)}\n${key}`;
  const once = () => {
    const started = performance.now();
    let reused = 0;
    let checked: Checked[];
    try {
      checked = check(files, seed, trials, (file, key) => {
        const r = results.get(cacheKey(file, key));
        if (r) reused += 1;
        return r;
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      process.stderr.write(`dln: ${oneLine(e.message)}\n`);
      return;
    }
    results.clear();
    for (const { setting, result } of checked)
      result.steps.forEach((s, i) => results.set(cacheKey(setting.doc.file, stepKey(setting.doc, i)), s));
    print(checked, format, strict);
    const total = checked.reduce((n, c) => n + c.result.steps.length, 0);
    const tally = tallyText(countStatuses(checked.flatMap((c) => c.result.steps.map((s) => s.status))));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const line = `dln verify --watch: ${tally}; checked ${total - reused} of ${total} steps in ${seconds} s (the others unchanged); watching for changes`;
    (format === 'text' ? process.stdout : process.stderr).write(`${line}\n`);
  };
  once();
  let timer: NodeJS.Timeout | undefined;
  const names = new Set(files.map((f) => resolve(f)));
  // directories, not files: an editor that saves by renaming a new file into place replaces the watched inode
  for (const dir of new Set(files.map((f) => dirname(resolve(f)))))
    watchDir(dir, (_event, name) => {
      if (name === null || !names.has(resolve(dir, basename(name.toString())))) return;
      clearTimeout(timer);
      timer = setTimeout(once, SETTLE_MS);
    });
  return new Promise<number>(() => {});
}
