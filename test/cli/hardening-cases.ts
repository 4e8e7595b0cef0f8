import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.js';

/**
 * The examples of issue 12, each as the files it needs and the command that used to hang, exhaust memory, exit 3,
 * clobber a file or print a broken message. `test/cli/hardening.test.ts` runs each one.
 */
export interface HardeningCase {
  readonly name: string;
  /** Files to write in the case's scratch directory (relative names). */
  readonly files?: Readonly<Record<string, string>>;
  /** The dln arguments, run in the scratch directory. */
  readonly args: readonly string[];
  readonly exit: 0 | 1 | 2;
  /** For exit 2: what the one line says (after `dln: `). */
  readonly message?: RegExp;
}

/** A derivation file from its `given:` block (YAML lines, indented by two) and claim lines. */
export function proof(given: string, ...steps: string[]): string {
  const lines = steps.map((s) => (s.startsWith('holds: ') ? `  - ${s}` : `  - claim: ${JSON.stringify(s)}`));
  return `title: hardening case\ngiven:\n${given}steps:\n${lines.join('\n')}\n`;
}

/** fixtures/h1-table.json with one change made to the parsed object, or to the text. */
export function network(change: (net: Record<string, unknown>) => void = () => {}, text?: (json: string) => string): string {
  const net = JSON.parse(readFileSync(join(repoRoot, 'fixtures', 'h1-table.json'), 'utf8')) as Record<string, unknown>;
  change(net);
  const json = JSON.stringify(net);
  return text ? text(json) : json;
}

const nested = (f: string, n: number, inner: string) => Array.from({ length: n }).reduce<string>((e) => `${f}(${e})`, inner);
const kron7 = Array.from({ length: 7 }).reduce<string>((e) => `kron(${e}, A)`, 'A');
const defineChain = ['    D0: A', ...Array.from({ length: 20 }, (_, i) => `    D${i + 1}: D${i}*D${i}`)].join('\n');
const scalarA = '  shapes: { a: [] }\n';

export const HARDENING_CASES: readonly HardeningCase[] = [
  // Hangs and memory blow-ups: refused by the cost model before any instance is drawn.
  { name: 'a range of a billion values', files: { 'p.proof.yaml': proof(`${scalarA}  ranges: { k: [1, 1000000000] }\n`, 'a*k = k*a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml:\d+: ranges\.k: k can take 1000000000 values, more than the limit of 256$/ },
  { name: 'a 3000×3000 shape', files: { 'p.proof.yaml': proof('  shapes: { A: [3000, 3000] }\n', 'A + A = 2*A') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml:\d+: shapes\.A: A can be 3000×3000 .*limit of 1000 rows or columns$/ },
  { name: 'seven nested kron of a 3×3', files: { 'p.proof.yaml': proof('  shapes: { A: [3, 3] }\n', `${kron7} = ${kron7}`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml:\d+: step 1: kron\(.*\) can be \d+×\d+ \(\d+ entries\) .*limit of 40000 entries$/ },
  { name: 'a sum of a billion terms', files: { 'p.proof.yaml': proof(scalarA, 'sum(i, 1, 1000000000, a) = a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: sum over i can have 1000000000 terms, more than the limit of 1000$/ },
  { name: 'twenty defines, each squaring the one before', files: { 'p.proof.yaml': proof(`  shapes: { A: [2, 2] }\n  define:\n${defineChain}\n`, 'D20 = D20') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /define\.D9: define D9 has degree up to 512 in the sampled entries, more than the limit of 256$/ },
  {
    name: 'twenty defines, each doubling the one before (expansion without degree)',
    files: { 'p.proof.yaml': proof(`  shapes: { A: [2, 2] }\n  define:\n    D0: A\n${Array.from({ length: 20 }, (_, i) => `    D${i + 1}: D${i} + D${i}`).join('\n')}\n`, 'D20 = D20') },
    args: ['verify', 'p.proof.yaml'],
    exit: 2,
    message: /define\.D17: define D17 has 262143 nodes with its defines written out, more than the limit of 200000$/,
  },
  {
    name: 'twelve defines squaring a + b (degree 4096)',
    files: { 'p.proof.yaml': proof(`  shapes: { a: [], b: [] }\n  define:\n    D0: a + b\n${Array.from({ length: 12 }, (_, i) => `    D${i + 1}: D${i}*D${i}`).join('\n')}\n`, 'D12 = D12') },
    args: ['verify', 'p.proof.yaml'],
    exit: 2,
    message: /define\.D9: define D9 has degree up to 512 in the sampled entries, more than the limit of 256$/,
  },
  { name: '1300 factors 1e-300', files: { 'p.proof.yaml': proof(scalarA, `a*${Array(1300).fill('1e-300').join('*')} = a`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the claim ".*" has number literals of \d+ bits with its defines written out, more than the limit of 20000$/ },
  { name: 'H: [1000000, 1000000]', files: { 'p.proof.yaml': proof(`${scalarA}  ranges: { H: [1000000, 1000000] }\n`, 'a = a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /ranges\.H: H reaches 1000000, more than the limit of 15$/ },
  {
    name: 'ten nested d(…)',
    files: { 'p.proof.yaml': proof('  shapes: { X: ["d[0]", m], Y: ["d[H+1]", m], "W[k]": ["d[k]", "d[k-1]"] }\n  define:\n    L: fro2(prod(W, H+1, 1)*X - Y)/2\n', `${nested('d', 10, 'L')} = 0`) },
    args: ['verify', 'p.proof.yaml'],
    exit: 2,
    message: /step 1: the claim ".*" differentiates 10 times \(nested d, grad, hess\), more than the limit of 4$/,
  },
  { name: 'a network entry that is a fraction of 100 000 digits', files: { 'n.json': network((n) => ((n.X as unknown[][])[0]![0] = `${'7'.repeat(100_000)}/${'3'.repeat(100_000)}`)) }, args: ['check', 'n.json'], exit: 2, message: /^n\.json: X row 1 column 1: is larger than the limit of 4096 bits in numerator and denominator$/ },
  { name: 'dln check /dev/zero', args: ['check', '/dev/zero'], exit: 2, message: /^\/dev\/zero: is a device; dln reads only regular files$/ },
  { name: 'dln verify on a directory without derivation files', args: ['verify', '.'], exit: 2, message: /^\.: a directory without \.proof\.yaml files$/ },
  { name: 'derive in matrix form, --widths 10,10,10 --hessian', args: ['derive', '--widths', '10,10,10', '--hessian'], exit: 2, message: /^--widths: W_1 has d_1·d_0 = 100 entries; the matrix form with --hessian checks weight matrices of at most 16 entries/ },
  { name: 'derive in matrix form, --network with widths [3,1024,3]', files: { 'n.json': network((n) => ((n.widths = [3, 1024, 3]), (n.points = []))) }, args: ['derive', '--network', 'n.json'], exit: 2, message: /^n\.json: W_1 has d_1·d_0 = 3072 entries; the matrix form checks weight matrices of at most 100 entries/ },
  { name: 'derive --entries past the term budget (refused before expanding)', args: ['derive', '--widths', '2,2,2,2,2,2,2,2,2,2,2', '--symbolic-data', '--entries'], exit: 2, message: /^--widths: expanding the gradient of widths \[2,2,2,2,2,2,2,2,2,2,2\] takes about [\d.]+e\+7 monomial products, more than the limit of 2e\+7/ },
  { name: 'derive --entries --hessian on a deep network file', files: { 'n.json': network((n) => ((n.widths = [3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3]), (n.points = []))) }, args: ['derive', '--network', 'n.json', '--entries', '--hessian'], exit: 2, message: /^n\.json: expanding the gradient and Hessian of widths .* monomial products, more than the limit/ },
  { name: 'derive --entries whose output would take a gigabyte (refused before expanding)', args: ['derive', '--widths', '3,3,3,3,3,3', '--symbolic-data', '--entries'], exit: 2, message: /^--widths: the gradient of widths \[3,3,3,3,3,3\] can have up to \d+ terms, more than the limit of 1500000/ },

  // Exit 3 on plain bad input.
  { name: 'I(j) with a negative range', files: { 'p.proof.yaml': proof(`${scalarA}  ranges: { j: [-3, -1] }\n`, 'trace(I(j)) = j') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: I\(j\) has a negative size \(j × j\)$/ },
  { name: 'zeros(0-1, 2)', files: { 'p.proof.yaml': proof(scalarA, 'zeros(0-1, 2) = zeros(0-1, 2)') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: zeros\(-1, 2\) has a negative size/ },
  { name: 'trace(I(1-2)) = 0', files: { 'p.proof.yaml': proof(scalarA, 'trace(I(1-2)) = 0') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: I\(-1\) has a negative size/ },
  { name: 'I(100000000)', files: { 'p.proof.yaml': proof(scalarA, 'trace(I(100000000)) = 100000000') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: I\(100000000\) can be 100000000×100000000 .*limit of 1000 rows or columns$/ },
  { name: 'a sum of 4000 terms', files: { 'p.proof.yaml': proof(scalarA, `${Array(4000).fill('a').join(' + ')} = 4000*a`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the expression has 16006 characters, more than the limit of 10000$/ },
  { name: 'a product of 5000 factors', files: { 'p.proof.yaml': proof(scalarA, `${Array(5000).fill('a').join('*')} = a`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the expression has \d+ characters, more than the limit of 10000$/ },
  { name: '3000 nested not', files: { 'p.proof.yaml': proof(scalarA, `holds: ${'not '.repeat(3000)}(a == a)`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the expression has 12008 characters, more than the limit of 10000$/ },
  { name: '500 nested not', files: { 'p.proof.yaml': proof(scalarA, `holds: ${'not '.repeat(500)}(a == a)`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the expression is nested more than 100 levels deep/ },
  { name: '2000 nested brackets', files: { 'p.proof.yaml': proof(scalarA, `${'('.repeat(2000)}a${')'.repeat(2000)} = a`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: the expression is nested more than 100 levels deep/ },
  // found by the fuzz suite: nerdamer refused the symbolic check's text with an error that ended the command
  { name: 'a constant division by zero leaves the step unchecked', files: { 'p.proof.yaml': proof(scalarA, '1/3 = 2/(2 - 2)') }, args: ['verify', 'p.proof.yaml'], exit: 1 },
  { name: 'a sum of 2000 terms is checked (one level deep)', files: { 'p.proof.yaml': proof(scalarA, `${Array(2000).fill('a').join('+')} = 2000*a`) }, args: ['verify', 'p.proof.yaml'], exit: 0 },
  { name: 'a size past 2^53', files: { 'p.proof.yaml': proof('  shapes: { A: ["4503599627370496*4", 2] }\n', 'A = A') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /shapes\.A: a size coefficient \(18014398509481984\) is not an integer below 2\^53$/ },
  { name: 'a size literal past 2^53', files: { 'p.proof.yaml': proof('  shapes: { A: [9007199254740993, 2] }\n', 'A = A') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /shapes\.A: expected a size or index expression/ },
  { name: 'an entry 1e400 in a network file is classified exactly (the fixture’s points are no longer as expected)', files: { 'n.json': network(undefined, (t) => t.replace('"X":[[1', '"X":[[1e400')) }, args: ['check', 'n.json'], exit: 1 },
  { name: 'a Y entry 1e160 is classified exactly (the fixture’s points are no longer as expected)', files: { 'n.json': network(undefined, (t) => t.replace('"Y":[[3', '"Y":[[1e160')) }, args: ['check', 'n.json'], exit: 1 },
  { name: 'a Y entry 1e-160 is classified in float mode (the points are no longer as expected)', files: { 'n.json': network(undefined, (t) => t.replace('"Y":[[3', '"Y":[[1e-160')) }, args: ['check', 'n.json', '--float'], exit: 1 },
  { name: 'an accented index name', files: { 'p.proof.yaml': proof(`${scalarA}  ranges: { é: [1, 2] }\n`, 'a = a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml:\d+: ranges: "é" is not a range name \(a letter, then letters, digits or _ \(ASCII only\)\)$/ },
  { name: 'ℝ as a Σ index', files: { 'p.proof.yaml': proof(scalarA, 'sum(ℝ, 1, 3, a) = 3*a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /step 1: "ℝ" is not a name dln accepts/ },
  { name: 'a mathematical bold letter as a size', files: { 'p.proof.yaml': proof('  shapes: { A: ["𝐀", 2] }\n', 'A = A') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /shapes\.A: "𝐀" is not a name dln accepts/ },

  // Messages.
  { name: 'a newline and an ESC sequence in a key', files: { 'p.proof.yaml': proof('  shapes: { "a\\nb\\u001b[31m": [] }\n', 'a = a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml: shapes\.a\\nb\\x1b\[31m: "a b\\x1b\[31m" is not a name/ },
  { name: 'an ESC in a title', files: { 'p.proof.yaml': 'title: "a\\e[2Jb"\nsteps:\n  - claim: 1 = 1\n' }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^p\.proof\.yaml:1: 'title' contains the control character \\x1b$/ },
  { name: 'a 6 KB expression in a message', files: { 'p.proof.yaml': proof('  shapes: { a: [], b: [] }\n', `holds: ${Array(1500).fill('a*b').join(' + ')}`) }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /^.{1,300}$/ },
  { name: 'a network file with a byte-order mark', files: { 'n.json': `\uFEFF${network()}` }, args: ['check', 'n.json'], exit: 0 },
  { name: 'a %YAML 1.1 directive', files: { 'p.proof.yaml': `%YAML 1.1\n---\n${proof('  shapes: { Y: [], n: [] }\n', 'Y*n = n*Y')}` }, args: ['verify', 'p.proof.yaml'], exit: 0 },
  { name: 'dln with no command', args: [], exit: 2, message: /^give a command: critical, sweep, check, nonlinear, derive, verify, latex, html, walk \(see dln --help\)$/ },
  { name: 'a mistyped command', args: ['chek'], exit: 2, message: /^unknown command 'chek' \(Did you mean check\?\) \(see --help\)$/ },
  { name: 'a range name that is an expression', files: { 'p.proof.yaml': proof(`${scalarA}  ranges: { "k+1": [1, 2] }\n`, 'a = a') }, args: ['verify', 'p.proof.yaml'], exit: 2, message: /ranges: "k\+1" is not a range name/ },
];

/** Names of Object.prototype that a file may use for its own matrices, defines, ranges and sizes. */
export const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'] as const;

/**
 * A file using `name` in one role, with a true step and a false one: the checker must verify the first and refute
 * the second, exactly as for any other name.
 */
export function prototypeProof(role: 'shape' | 'define' | 'range' | 'size', name: string): string {
  switch (role) {
    case 'shape':
      return proof(`  shapes: { ${name}: [], B: [2, 2] }\n`, `${name}*B = B*${name}`, `${name} = ${name} + 1`);
    case 'define':
      return proof(`${scalarA}  define:\n    ${name}: a*a\n`, `${name} = a*a`, `${name} = a`);
    case 'range':
      return proof(`${scalarA}  ranges: { ${name}: [1, 2] }\n`, `a*${name} = ${name}*a`, `a*${name} = ${name}*a + 1`);
    case 'size':
      return proof(`  shapes: { A: [${name}, 2] }\n`, 'A + A = 2*A', 'A = 2*A');
  }
}
