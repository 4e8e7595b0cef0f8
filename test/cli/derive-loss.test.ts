import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * `dln derive --loss` against SymPy: SymPy builds the same regularised loss from symbol matrices, differentiates it
 * itself (in its sparse polynomial ring), and evaluates its derivatives and dln's printed ones at a random rational
 * point (this test needs python3
 * with SymPy, as the benchmarks do: `apt-get install python3-sympy`).
 */
const SYMPY = String.raw`
import json, random, re, sys
import sympy
inp = json.load(sys.stdin)
w, m = inp['widths'], inp['samples']
def mat(name, rows, cols):
    return sympy.Matrix(rows, cols, lambda i, j: sympy.Symbol(name(i + 1, j + 1)))
W = [mat(lambda a, b, k=k: f'w{k}r{a}c{b}', w[k], w[k - 1]) for k in range(1, len(w))]
X = mat(lambda a, s: f'xr{a}c{s}', w[0], m)
Y = mat(lambda a, s: f'yr{a}c{s}', w[-1], m)
lam = sympy.Symbol('lamda')  # lambda is a Python keyword: SymPy's parser reads lamda
fro2 = lambda A: sum(v ** 2 for v in A)
P = W[1] * W[0]
L = fro2(P * X - Y) / 2 + lam / 2 * (fro2(W[0]) + fro2(W[1]))
names = [p['name'] for p in inp['dln']['parameters']]
theta = [sympy.Symbol(n) for n in names]
gens = sorted(L.free_symbols, key=lambda s: s.name)
rng = random.Random(inp['seed'])
values = [sympy.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for _ in gens]
point = dict(zip(gens, values))
# SymPy's own derivatives: the loss as a polynomial in its sparse ring, differentiated there
Lp = sympy.Poly(L, *gens)
dL = [Lp.diff(t) for t in theta]
at = lambda p: str(p.eval(point) if p.free_symbols else p.as_expr())
local = {s.name: s for s in gens}
parse = lambda text: sympy.Poly(sympy.sympify(re.sub(r'\blambda\b', 'lamda', text).replace('^', '**'), locals=local), *gens)
grad = [[at(d), at(parse(g))] for d, g in zip(dL, inp['dln']['gradient'])]
hess = [[at(dL[i].diff(theta[j])), at(parse(inp['dln']['hessian'][i][j]))] for i in range(len(theta)) for j in range(i, len(theta))]
print(json.dumps({'symbols': len(gens), 'gradient': grad, 'hessian': hess}))
`;

describe('dln derive --loss against SymPy', () => {
  it('a regularised two-layer loss: gradient and Hessian agree with SymPy at a random rational point', () => {
    const probe = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' });
    if (probe.status !== 0) throw new Error('python3 with SymPy is needed for this test (apt-get install python3-sympy)');
    const loss = 'fro2(W2*W1*X - Y)/2 + lambda/2*(fro2(W1) + fro2(W2))';
    const r = runCli(['derive', '--widths', '2,3,2', '--symbolic-data', '--samples', '2', '--loss', loss, '--hessian', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const dln = JSON.parse(r.stdout);
    for (const seed of [1]) {
      const py = spawnSync('python3', ['-c', SYMPY], {
        input: JSON.stringify({ widths: [2, 3, 2], samples: 2, seed, dln }),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(py.stderr).toBe('');
      const out = JSON.parse(py.stdout) as { symbols: number; gradient: [string, string][]; hessian: [string, string][] };
      // 12 weights, 8 data entries and λ all get values
      expect(out.symbols).toBe(21);
      expect(out.gradient).toHaveLength(12);
      expect(out.hessian).toHaveLength(78); // the upper triangle; dln's Hessian is symmetric (checked below)
      for (const [sympyValue, dlnValue] of [...out.gradient, ...out.hessian]) expect(dlnValue).toBe(sympyValue);
      expect(out.gradient.some(([v]) => v !== '0')).toBe(true);
    }
    dln.hessian.forEach((row: string[], i: number) => row.forEach((h, j) => expect(h).toBe(dln.hessian[j][i])));
  });

  it('--loss errors are one line, exit 2', () => {
    const r = runCli(['derive', '--widths', '2,3,2', '--loss', 'fro2(W1)/trace(W2*W1)']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('dln: --loss: the loss divides by a quantity that depends on the weights or parameters: it must be a polynomial in them\n');
    expect(r.stdout).toBe('');
  });
});
