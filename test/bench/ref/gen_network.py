"""Deterministic benchmark networks in the network-file format of docs/network-files.md, written to stdout.

usage: gen_network.py data     WIDTHS SEED   data only (X, Y), for `dln derive --network`
       gen_network.py critical WIDTHS SEED   data plus one exact strict-saddle critical point (H >= 1)

`data`: X is d_0 x (d_0 + 1) and Y is d_y x (d_0 + 1), entries small integers and halves from a fixed LCG.

`critical`: data whose Sigma has rational eigenvectors, and a critical point that is not a global minimum,
so that `dln check` runs its whole pipeline (gradient, hypotheses (A), Sigma, L*, Hessian, inertia, certificate):
  X = Q (a d_x x d_x rational orthogonal matrix, a product of two Householder reflections), m = d_x;
  Y = R [diag(s) | 0] Q with R rational orthogonal (d_y x d_y) and s distinct, so Sigma = Y Y^T = R diag(s^2) R^T;
  index set I = {2, ..., min(p, d_y)} (top eigenvector left out, so the point is a saddle);
  W_1 = G_1 [S_I; 0], W_k = G_k J G_{k-1}^{-1} (J the padded identity, rank = p), W_{H+1} = [R_I, 0] G_H^{-1},
  with G_k unimodular (product of unit bidiagonal matrices, integer inverse with bounded entries).
  Then W_{H+1}...W_1 = R_I S_I = U_I U_I^T Y X^T (X X^T)^{-1}, the point is critical (checked exactly below) and
  rank(W_H...W_2) = p, so by Theorem 2.3 (iv) it is a strict saddle.
"""
import json
import sys
from fractions import Fraction as F


class Lcg:
    def __init__(self, seed: int) -> None:
        self.s = (seed * 2654435761 + 12345) % 2**32

    def next(self) -> int:
        self.s = (1664525 * self.s + 1013904223) % 2**32
        return self.s

    def int(self, lo: int, hi: int) -> int:
        return lo + self.next() % (hi - lo + 1)


def zeros(r, c):
    return [[F(0)] * c for _ in range(r)]


def eye(n):
    m = zeros(n, n)
    for i in range(n):
        m[i][i] = F(1)
    return m


def mul(a, b):
    bt = list(zip(*b))
    return [[sum((x * y for x, y in zip(row, col)), F(0)) for col in bt] for row in a]


def transpose(a):
    return [list(r) for r in zip(*a)]


def householder(v):
    """I - 2 v v^T / (v^T v): rational and orthogonal."""
    n = len(v)
    vv = sum(F(x * x) for x in v)
    return [[(F(1) if i == j else F(0)) - F(2 * v[i] * v[j]) / vv for j in range(n)] for i in range(n)]


def rational_orthogonal(n, rng):
    def vec():
        while True:
            v = [rng.int(-3, 3) for _ in range(n)]
            if any(v):
                return v
    return mul(householder(vec()), householder(vec()))


def unimodular(n, rng):
    """L U with unit bidiagonal L, U (off-diagonals in {-1, 0, 1}): det 1, and the inverse has small integers."""
    lo, up = eye(n), eye(n)
    for i in range(n - 1):
        lo[i + 1][i] = F(rng.int(-1, 1))
        up[i][i + 1] = F(rng.int(-1, 1))
    lo_inv, up_inv = eye(n), eye(n)
    # inverse of a unit bidiagonal matrix: entries are signed products of consecutive off-diagonals
    for i in range(n):
        for j in range(i):
            p = F(1)
            for t in range(j, i):
                p *= -lo[t + 1][t]
            lo_inv[i][j] = p
            q = F(1)
            for t in range(j, i):
                q *= -up[t][t + 1]
            up_inv[j][i] = q
    return mul(lo, up), mul(up_inv, lo_inv)


def product(ws):
    """W_{H+1} ... W_1 for ws = [W_1, ..., W_{H+1}]."""
    p = ws[0]
    for w in ws[1:]:
        p = mul(w, p)
    return p


def gradient_is_zero(ws, x, y):
    """Lemma 4.1: dL/dW_k = A_k^T E Z_k^T, checked exactly for every k."""
    e = [[a - b for a, b in zip(r1, r2)] for r1, r2 in zip(mul(product(ws), x), y)]
    for k in range(len(ws)):
        z = x if k == 0 else mul(product(ws[:k]), x)
        a = eye(len(y)) if k == len(ws) - 1 else product(ws[k + 1:])
        g = mul(mul(transpose(a), e), transpose(z))
        if any(v != 0 for row in g for v in row):
            return False
    return True


def fmt(v: F):
    return v.numerator if v.denominator == 1 else f'{v.numerator}/{v.denominator}'


def dump(m):
    return [[fmt(v) for v in row] for row in m]


def data_network(widths, seed):
    rng = Lcg(seed)
    d0, dy = widths[0], widths[-1]
    m = d0 + 1
    entry = lambda: F(rng.int(-6, 6), rng.int(1, 2))
    x = [[entry() for _ in range(m)] for _ in range(d0)]
    y = [[entry() for _ in range(m)] for _ in range(dy)]
    return {'name': f'bench data {widths} seed {seed}', 'widths': widths, 'X': dump(x), 'Y': dump(y), 'points': []}


def critical_network(widths, seed):
    rng = Lcg(seed)
    dx, dy, hidden = widths[0], widths[-1], widths[1:-1]
    if dy > dx or not hidden:
        raise SystemExit('critical networks need d_y <= d_x and at least one hidden layer')
    p = min(hidden)
    q = rational_orthogonal(dx, rng)
    r = rational_orthogonal(dy, rng)
    s = [F(dy + 2 - i) for i in range(dy)]  # distinct, decreasing
    sfull = zeros(dy, dx)
    for i in range(dy):
        sfull[i][i] = s[i]
    x = q
    y = mul(mul(r, sfull), q)
    index = list(range(1, min(p, dy)))  # 0-based {2..min(p,d_y)}: leaves out the top eigenvector
    gs = [unimodular(d, rng) for d in hidden]
    # W_1 = G_1 [S_I; 0]
    top = zeros(hidden[0], dx)
    for t, i in enumerate(index):
        top[t] = list(sfull[i])
    ws = [mul(gs[0][0], top)]
    for k in range(1, len(hidden)):
        j = zeros(hidden[k], hidden[k - 1])
        for t in range(min(hidden[k], hidden[k - 1])):
            j[t][t] = F(1)
        ws.append(mul(mul(gs[k][0], j), gs[k - 1][1]))
    last = zeros(dy, hidden[-1])
    for t, i in enumerate(index):
        for a in range(dy):
            last[a][t] = r[a][i]
    ws.append(mul(last, gs[-1][1]))
    if not gradient_is_zero(ws, x, y):
        raise SystemExit('internal error: generated point is not critical')
    loss = sum(v * v for i, v in enumerate(s) if i not in index) / 2
    return {
        'name': f'bench critical {widths} seed {seed}, I = {[i + 1 for i in index]}, L = {loss}',
        'widths': widths,
        'X': dump(x),
        'Y': dump(y),
        'points': [{'name': 'saddle', 'W': [dump(w) for w in ws], 'expect': 'strict-saddle'}],
    }


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ('data', 'critical'):
        sys.stderr.write(__doc__ or '')
        return 2
    widths = [int(w) for w in sys.argv[2].split(',')]
    seed = int(sys.argv[3])
    net = data_network(widths, seed) if sys.argv[1] == 'data' else critical_network(widths, seed)
    json.dump(net, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
