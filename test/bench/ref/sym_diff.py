"""Reference for `dln derive --network F --entries --hessian --format json`: SymPy expressions, expand + diff.

usage: sym_diff.py NETWORK.json > answer.json
L = 1/2 ||W_{H+1} ... W_1 X - Y||_F^2 with sympy.Matrix, then sympy.expand(L); gradient entries are
sympy.diff(L, w) and Hessian entries sympy.diff(dL/dw_i, w_j) (upper triangle, mirrored). The derivative of an
expanded polynomial is already expanded, so no further expand is needed.
"""
import sys

import sympy

from common import emit_entries, load_network, parameters, weight_symbols


def main() -> int:
    widths, x, y, _ = load_network(sys.argv[1])
    params = parameters(widths)
    syms = sympy.symbols([p['name'] for p in params])
    by_name = {p['name']: s for p, s in zip(params, syms)}
    ws = [sympy.Matrix(w) for w in weight_symbols(widths, by_name.__getitem__)]
    rat = lambda m: sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in row] for row in m])
    z = rat(x)
    for w in ws:
        z = w * z
    e = z - rat(y)
    loss = sympy.expand(sum(v ** 2 for v in e) / 2)
    grad = [sympy.diff(loss, s) for s in syms]
    n = len(syms)
    hess = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            hess[i][j] = hess[j][i] = str(sympy.diff(grad[i], syms[j]))
    emit_entries(params, [str(g) for g in grad], hess, sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main())
