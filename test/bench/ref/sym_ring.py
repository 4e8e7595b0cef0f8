"""Reference for `dln derive --network F --entries --hessian --format json`: SymPy's sparse polynomial ring.

usage: sym_ring.py NETWORK.json > answer.json
L = 1/2 ||W_{H+1} ... W_1 X - Y||_F^2 is built in sympy.polys.rings over QQ (expanded by construction), then the
gradient and Hessian by PolyElement.diff; the Hessian's lower triangle mirrors the upper one.
"""
import sys

from sympy import QQ
from sympy.polys.rings import ring

from common import emit_entries, load_network, parameters, weight_symbols


def main() -> int:
    widths, x, y, _ = load_network(sys.argv[1])
    params = parameters(widths)
    _, *gens = ring(','.join(p['name'] for p in params), QQ)
    by_name = {p['name']: g for p, g in zip(params, gens)}
    ws = weight_symbols(widths, by_name.__getitem__)
    z = [[QQ(v.numerator, v.denominator) for v in row] for row in x]
    for w in ws:  # Z <- W_k Z, so the degree grows one layer at a time
        z = [[sum((w_row[t] * z[t][j] for t in range(len(z))), gens[0] * 0) for j in range(len(z[0]))] for w_row in w]
    loss = gens[0] * 0
    for zr, yr in zip(z, y):
        for zv, yv in zip(zr, yr):
            e = zv - QQ(yv.numerator, yv.denominator)
            loss += e * e
    loss = loss * QQ(1, 2)
    grad = [loss.diff(g) for g in gens]
    n = len(gens)
    hess = [[None] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            hess[i][j] = hess[j][i] = str(grad[i].diff(gens[j]))
    emit_entries(params, [str(g) for g in grad], hess, sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main())
