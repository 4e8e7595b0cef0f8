#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { InputError } from '../errors.js';
import { oneLine } from '../text.js';

/**
 * The dln command line. Each command lazily imports its module so that start-up stays fast
 * (Ink, KaTeX and nerdamer load only for the commands that use them).
 * Exit codes: 0 all checks hold, 1 a check failed, 2 bad input or usage, 3 internal error (a bug).
 */
const program = new Command();
program
  .name('dln')
  .description('Proof assistant for the loss landscape of deep linear networks (Kawaguchi 2016)')
  .version('0.1.0')
  // Usage errors read like every other bad input: `dln: <what>`, one line (commander's "(Did you mean …?)" included), exit 2.
  .configureOutput({ outputError: (text, write) => write(`dln: ${oneLine(text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' '))} (see --help)\n`) })
  .exitOverride();

/** Registers a command whose action is `run` in a lazily loaded module; `run` returns the exit code. */
export type CommandModule = { run: (...args: never[]) => Promise<number> | number };

function lazy(load: () => Promise<CommandModule>) {
  return async (...args: unknown[]) => {
    const mod = await load();
    process.exitCode = await (mod.run as (...a: unknown[]) => Promise<number> | number)(...args.slice(0, -1));
  };
}

// One registration per command, its options declared next to it; the module loads only when the command runs.
program.command('critical')
  .description('generate the exact critical-point families of a network file and classify each')
  .argument('<network>', 'network file (JSON)')
  .option('--float', 'classify in float64 with stated tolerances')
  .option('--json', 'machine-readable report')
  .option('--seed <n>', 'seed for the random invertible maps (default 1)')
  .option('--max-sets <n>', 'at most this many index sets I (default 64)')
  .action(lazy(() => import('./critical.js')));
program.command('sweep')
  .description('random instances: generate and classify critical points, tabulate them against Theorem 2.3 / Corollary 2.4')
  .option('--widths <list>', 'widths d0,...,d_{H+1}, e.g. 3,2,2,3 (required)')
  .option('--instances <n>', 'number of random instances, 1 to 1000 (required)')
  .option('--seed <n>', 'seed of instance 0; instance i uses seed + i (default 1)')
  .option('--data <kind>', 'structured (Σ with rational eigenvectors, the default) or random (integer entries)')
  .option('--model <model>', 'linear (the default) or nonlinear: the ReLU path model of Section 3, against Corollary 3.2')
  .option('--float', 'classify in float64 with stated tolerances')
  .option('--json', 'machine-readable report')
  .action(lazy(() => import('./sweep.js')));
program.command('check')
  .description('classify candidate points of a network file with certificates (loss, gradient, Hessian, hypotheses (A), theorem cross-check)')
  .argument('<network>', 'network file (JSON)')
  .option('--point <name>', 'only the point with this name')
  .option('--float', 'float64 with stated tolerances instead of exact rationals')
  .option('--json', 'machine-readable report')
  .option('--format <format>', 'text, latex (a classification table) or json (default text)')
  .action(lazy(() => import('./check.js')));
program.command('nonlinear')
  .description('the nonlinear model of Section 3 a network file declares: expected output, loss and classification by the reduction to the linear model')
  .argument('<network>', 'network file (JSON) with a "model" object')
  .option('--point <name>', 'only the point with this name')
  .option('--float', 'classify the linear model in float64 with stated tolerances')
  .option('--json', 'machine-readable report')
  .option('--monte-carlo <n>', 'also estimate E_Z[Ŷ] from n random draws of the gates, with its 1/√n error band')
  .option('--seed <n>', 'seed of the Monte Carlo draws (default 1)')
  .action(lazy(() => import('./nonlinear.js')));
program.command('derive')
  .description('gradient and Hessian of the loss: matrix form, or expanded entries for concrete widths (--entries)')
  .option('--network <file>', 'widths and numeric data from a network file')
  .option('--widths <list>', 'widths d0,...,d_{H+1}, e.g. 2,3,2 (with --symbolic-data)')
  .option('--symbolic-data', 'one symbol per entry of X (xr{a}c{s}) and Y (yr{a}c{s})')
  .option('--samples <m>', 'number of samples with --symbolic-data (default d0)')
  .option('--hessian', 'also the Hessian')
  .option('--entries', 'entrywise polynomials (at most 200 parameters, 1 500 000 terms)')
  .option('--loss <expr>', 'a loss of your own, e.g. "fro2(W2*W1*X - Y)/2 + lambda/2*(fro2(W1) + fro2(W2))" (implies --entries)')
  .option('--format <format>', 'text, latex or json (default text)')
  .option('--json', 'same as --format json')
  .action(lazy(() => import('./derive.js')));
program.command('verify')
  .description('check every step of derivation files; a false step gets a concrete counterexample')
  .argument('<proofs...>', 'derivation files (*.proof.yaml, or LaTeX documents *.tex), or directories of *.proof.yaml files')
  .option('--trials <n>', 'random instances per step (default 24)')
  .option('--seed <n>', 'seed of the random instances (default 1)')
  .option('--json', 'machine-readable results (same as --format json)')
  .option('--format <format>', 'text (a report; failures also as file:line:col lines on stderr), json or diagnostics (only those lines)')
  .option('--strict', 'also fail (exit 1) on steps only tested on the sizes tried, not verified for all sizes')
  .option('--watch', 'check again whenever a file changes, only the steps that changed')
  .action(lazy(() => import('./verify.js')));
program.command('latex')
  .description('LaTeX appendix of derivation files, every step checked and its status stated')
  .argument('<proofs...>', 'derivation files (*.proof.yaml, or LaTeX documents *.tex), or directories of *.proof.yaml files')
  .option('-o, --output <file>', 'the .tex file to write (required)')
  .option('--standalone', 'a complete document (article, amsmath, amssymb) instead of a fragment for \\input')
  .option('--no-compile', 'do not compile the appendix with pdflatex before writing it (by default it is, when pdflatex is installed)')
  .option('--seed <n>', 'seed of the randomized step checks (default 1)')
  .option('--trials <n>', 'random instances per step (default 24)')
  .option('--evidence <mode>', 'full (a note under every step, default), brief (a mark per step, one table per proof) or none')
  .option('--json', 'machine-readable summary of what was written')
  .action(lazy(() => import('./latex.js')));
program.command('html')
  .description('static HTML page of derivation files (KaTeX rendered server-side, readable offline), every step checked')
  .argument('<proofs...>', 'derivation files (*.proof.yaml, or LaTeX documents *.tex), or directories of *.proof.yaml files')
  .option('-o, --output <file>', 'the .html file to write (required)')
  .option('--seed <n>', 'seed of the randomized step checks (default 1)')
  .option('--trials <n>', 'random instances per step (default 24)')
  .option('--evidence <mode>', 'full (a note under every step, default), brief (a mark per step, one table per proof) or none')
  .option('--json', 'machine-readable summary of what was written')
  .action(lazy(() => import('./html.js')));
program.command('walk')
  .description('terminal walkthrough of a derivation (default: Lemma 4.1); --network explores the points of a network')
  .argument('[proof]', 'derivation file (*.proof.yaml)')
  .option('--network <file>', 'explore the candidate points of a network file instead')
  .option('--seed <n>', 'seed of the randomized step checks, or with --network of the critical-point families (default 1)')
  .action(lazy(() => import('./walk.js')));

/** The commands, for the one-line usage `dln` prints when given none. */
const COMMANDS = program.commands.map((c) => c.name()).join(', ');

// A reader that stops early (`dln verify … | head`) is not an error of dln.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

async function main(): Promise<void> {
  if (process.argv.length <= 2) {
    process.stderr.write(`dln: give a command: ${COMMANDS} (see dln --help)\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof InputError) {
      process.stderr.write(`dln: ${oneLine(e.message)}\n`);
      process.exitCode = 2;
      return;
    }
    // one line like every error (the first frame says where); DLN_DEBUG=1 adds the whole stack for a bug report
    const frame = e instanceof Error ? /\n\s*at (.*)/.exec(e.stack ?? '')?.[1] : undefined;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`dln: internal error (a bug in dln, please report it): ${oneLine(what)}${frame ? ` at ${oneLine(frame)}` : ''}\n`);
    if (process.env.DLN_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 3;
  }
}

await main();
