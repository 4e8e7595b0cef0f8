import fc from 'fast-check';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';

/**
 * Generators for the fuzz suite: text an attacker or a careless user might give dln. Each mixes well-formed
 * pieces (so that deep parts of the pipeline are reached) with the hostile values issue 12 found: prototype
 * names, Unicode and control characters, huge and tiny numbers, deep nesting, long chains.
 */

/** Seeded and bounded: the suite is reproducible and stays within its CI time budget. */
export const budget = (numRuns: number) => ({ seed: 12, numRuns, endOnFailure: true });

export const HOSTILE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'ℝ', 'é', '𝐀', '$x', 'x_y_z', 'k+1', 'a\nb', 'a\u001b[31m', ''];
const NAMES = ['a', 'b', 'A', 'B', 'X', 'Y', 'L', 'E', 'k', 'j', 'i', 'H', 'm', 'p', 'n'];
const NUMBERS = ['0', '1', '2', '3', '-1', '0.5', '1/3', '1e400', '1e-400', '1e160', '9007199254740993', '4503599627370496*4', '123456789012345678901234567890', '1000000000', '-3'];
const FUNCTIONS = ['kron', 'vec', 'inv', 'pinv', 'trace', 'fro2', 'inner', 'prod', 'grad', 'hess', 'd', 'sum', 'entry', 'commutation', 'I', 'zeros', 'iszero', 'psd', 'rank', 'subset', 'range', 'min', 'transpose', 'foo'];
const BINARY = [' + ', ' - ', '*', '/', ' == ', ' <= ', ' >= ', ' < ', ' != ', ' and ', ' or ', ', ', ' = '];
const GARBAGE = ['(', ')', '[', ']', '{', '}', ';', '\n', '"', "'", '^', '!', '?', '\u0000', '\u001b', '\u2028', '.', ':', '#', '%', '\\'];

const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES) });
const atom = fc.oneof(
  { weight: 4, arbitrary: name },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('W', 'A', 'Z', 'd'), fc.constantFrom('k', 'j', 'k-1', 'H+1', '1', '0', '-1', 'k+1000000')).map(([f, i]) => `${f}[${i}]`) },
);

/** Expressions: a grammar of dln's language, with repetition (long chains) and nesting (deep calls). */
export const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 2, arbitrary: fc.tuple(tie('e'), fc.constantFrom(...BINARY), tie('e')).map(([a, op, b]) => `${a}${op}${b}`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('e'), { minLength: 0, maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`) },
    { weight: 1, arbitrary: tie('e').map((e) => `(${e})'`) },
    { weight: 1, arbitrary: tie('e').map((e) => `not ${e}`) },
    // long chains and deep nesting, of atoms (so that the text stays of the size a user could write)
    { weight: 1, arbitrary: fc.tuple(atom, fc.integer({ min: 2, max: 3000 }), fc.constantFrom(' + ', '*', '/', ' and ')).map(([e, n, op]) => Array(n).fill(e).join(op)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('not ', '-', 'd(', 'trace(', '('), fc.integer({ min: 2, max: 3000 }), atom).map(([f, n, e]) => f.repeat(n) + e + (f.endsWith('(') ? ')'.repeat(n) : '')) },
    { weight: 1, arbitrary: fc.tuple(tie('e'), fc.constantFrom(...GARBAGE), tie('e')).map(([a, g, b]) => `${a}${g}${b}`) },
  ),
})).e;

/** A claim: an equation (chain) or a predicate. */
export const claim = fc.oneof(fc.tuple(expression, expression).map(([a, b]) => `${a} = ${b}`), expression);

const size = fc.oneof(fc.constantFrom(...NUMBERS, 'd[k]', 'd[k-1]', 'd[0]', 'H+1', 'm', 'p', 'k', 'k*1000', 'd[k]*d[k-1]', 'min(d[1], d[2])'), name);

/** A derivation file as a YAML-ready object, some of it malformed on purpose. */
const proofObject = fc.record(
  {
    title: fc.oneof(fc.constantFrom('t', 'ℝ 𝐀 é ⊗', 'a\u001b[2Jb', '50% & #2 $y$ \\input{x}'), fc.string()),
    given: fc.record(
      {
        shapes: fc.dictionary(fc.oneof(name, fc.constantFrom('W[k]', 'D[k]', 'W[constructor]')), fc.oneof(fc.constant([] as string[]), fc.tuple(size, size)), { maxKeys: 4 }),
        ranges: fc.dictionary(name, fc.tuple(size, size), { maxKeys: 3 }),
        define: fc.dictionary(fc.oneof(name, fc.constantFrom('A[k]', 'Z[k]')), expression, { maxKeys: 3 }),
        assume: fc.array(fc.oneof(fc.constantFrom('critical', 'psd-hessian', 'A', 'W = 0', 'W[1] = 0'), claim), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    steps: fc.array(fc.oneof(claim.map((c) => ({ claim: c })), claim.map((c) => ({ holds: c, because: 'why' }))), { minLength: 0, maxLength: 3 }),
  },
  { requiredKeys: ['title'] },
);

/**
 * Terms over the declared names of `wellTyped` below: scalars a, b (sizes and numbers mix with them), the 2×2
 * matrix A, the family W[k] with the data X, Y; so that many generated claims pass the shape check and reach
 * the checker, the hypotheses samplers and the printers.
 */
const typedTerm: fc.Arbitrary<string> = fc.letrec<{ s: string; M: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.constantFrom('a', 'b', '2', '1/3', 'm', 'H', '0.5', '1e-300') },
    { weight: 2, arbitrary: fc.tuple(tie('s'), fc.constantFrom(' + ', ' - ', '*', '/'), tie('s')).map(([x, op, y]) => `(${x}${op}${y})`) },
    { weight: 1, arbitrary: tie('M').map((M) => `trace(${M})`) },
    { weight: 1, arbitrary: tie('M').map((M) => `fro2(${M})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('i', 'k', 'constructor'), fc.constantFrom('1', 'H', 'k', '-2', '3'), tie('s')).map(([i, hi, b]) => `sum(${i}, 1, ${hi}, ${b}*${i})`) },
    { weight: 1, arbitrary: fc.constant('fro2(prod(W, H+1, 1)*X - Y)/2') },
  ),
  M: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.constantFrom('A', 'I(2)', 'zeros(2, 2)', "A'", 'commutation(1, 2)', 'W[1]*X - W[1]*X + zeros(d[1], m)') },
    { weight: 2, arbitrary: fc.tuple(tie('M'), fc.constantFrom(' + ', ' - ', '*'), tie('M')).map(([x, op, y]) => `(${x}${op}${y})`) },
    { weight: 1, arbitrary: fc.tuple(tie('s'), tie('M')).map(([x, M]) => `${x}*${M}`) },
    { weight: 1, arbitrary: tie('M').map((M) => `inv(${M} + 3*I(2))`) },
    { weight: 1, arbitrary: tie('M').map((M) => `pinv(${M})`) },
    { weight: 1, arbitrary: fc.constantFrom('kron(A, I(1))', 'grad(fro2(W[1]*X - Y)/2, W[1])*0 + zeros(d[1], d[0])', 'd(A)', 'hess(a*a*fro2(W[1]), W[1], W[1])') },
  ),
})).s;

const typedStep = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(typedTerm, typedTerm).map(([x, y]) => ({ claim: `${x} = ${y}` })) },
  { weight: 1, arbitrary: typedTerm.map((x) => ({ claim: `${x} = ${x}` })) },
  { weight: 1, arbitrary: fc.tuple(typedTerm, fc.constantFrom(' >= ', ' == ', ' < '), typedTerm).map(([x, op, y]) => ({ holds: `${x}${op}${y}` })) },
  { weight: 1, arbitrary: fc.constantFrom('iszero(A - A)', "psd(A*A')", 'rank(A) <= 2', 'subset(range(A), range(I(2)))', 'not (a == b) or a == b').map((h) => ({ holds: h })) },
);

/** A mostly well-formed derivation file: declared names, a range, small defines, typed claims, maybe hypotheses. */
const wellTyped = fc.record({
  title: fc.oneof({ weight: 6, arbitrary: fc.constant('t') }, { weight: 1, arbitrary: fc.constantFrom('ℝ 𝐀 é ⊗ 50% & #2 $y$ \\input{x}', '日本') }),
  given: fc.record({
    shapes: fc.constant({ a: [], b: [], A: [2, 2], X: ['d[0]', 'm'], Y: ['d[H+1]', 'm'], 'W[k]': ['d[k]', 'd[k-1]'] }),
    ranges: fc.oneof(fc.constant({}), fc.constant({ H: [1, 2] }), fc.constant({ H: [1, 2], k: [1, 'H+1'] }), fc.constant({ constructor: [1, 2] })),
    define: fc.dictionary(fc.constantFrom('S', 'T', 'toString'), typedTerm, { maxKeys: 2 }),
    assume: fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.subarray(['critical', 'A', 'a >= 0', 'W[1] = 0']) }),
  }),
  steps: fc.array(typedStep, { minLength: 1, maxLength: 3 }),
});

/** Derivation file text: well-formed YAML of a random file, then perhaps a directive, a BOM or a few raw edits. */
export const proofText = fc
  .tuple(fc.oneof(wellTyped, proofObject), fc.constantFrom('', '%YAML 1.1\n---\n', '\uFEFF', '%YAML 1.2\n---\n'), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', ':', '\n', '- ', '{', '"', '  ', '\t', '&a ', '*a', '!!js/function ')), { maxLength: 1 }))
  .map(([doc, prefix, edits]) => {
    let text = prefix + stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });
    for (const [at, insert] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i);
    }
    return text;
  });

const ENTRIES: unknown[] = [0, 1, -2, 3, 0.1, '1/3', '-7/2', '0.25', 1e-300, 'NaN', 'Infinity', '1e999999999', `${'9'.repeat(2000)}`, `1/${'3'.repeat(1300)}`, null, [], {}, true, 'x'];
const entry = fc.oneof({ weight: 40, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(...ENTRIES) });
const matrix = (rows: number, cols: number) => fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** A network file's text: mostly consistent shapes (so checks run), with hostile entries, names and raw tokens. */
export const networkText = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 4 })
  .chain((widths) => {
    const m = fc.integer({ min: 1, max: 4 });
    return m.chain((samples) =>
      fc.record({
        name: fc.oneof(fc.constant('net'), fc.constantFrom(...HOSTILE_NAMES)),
        widths: fc.oneof({ weight: 6, arbitrary: fc.constant(widths as unknown[]) }, { weight: 1, arbitrary: fc.constantFrom([0, 1, 2], [1, 1025, 1], [3, '2', 3], [1e400], [40, 1, 40], []) }),
        X: matrix(widths[0]!, samples),
        Y: matrix(widths[widths.length - 1]!, samples),
        points: fc.array(
          fc.record({
            name: fc.oneof(fc.constantFrom('p', 'q', 'zero'), fc.constantFrom(...HOSTILE_NAMES)),
            W: fc.tuple(...widths.slice(1).map((d, k) => matrix(d, widths[k]!))),
            expect: fc.constantFrom('global-min', 'strict-saddle', 'bad-saddle', 'bogus'),
          }, { requiredKeys: ['name', 'W'] }),
          { maxLength: 2 },
        ),
      }, { requiredKeys: ['widths', 'X', 'Y'] }),
    );
  })
  .chain((net) =>
    fc.tuple(fc.constant(JSON.stringify(net)), fc.constantFrom('', '\uFEFF'), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', 'NaN', '1e400', '-', '{', ']', ',', '"__proto__":1,', '"constructor":{},')), { maxLength: 2 })).map(([text, bom, edits]) => {
      let out = text;
      for (const [at, insert] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + insert + out.slice(i);
      }
      return bom + out;
    }),
  );

/**
 * The outcome of running f on input in process, as the CLI would report it: 'ok', or a refusal (exit 2) with its
 * message. Any other error is a contract violation (the CLI's exit 3) and is rethrown, failing the property.
 */
export function outcome(f: () => unknown): { kind: 'ok' } | { kind: 'refused'; message: string } {
  try {
    f();
    return { kind: 'ok' };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { kind: 'refused', message: e.message };
  }
}

/** A line as the CLI prints it: printable, of bounded length. */
export function isCleanLine(line: string): boolean {
  return line.length <= 420 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(line);
}
