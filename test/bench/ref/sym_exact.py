"""Reference for `dln check NETWORK.json --json` (exact): SymPy over QQ.

usage: sym_exact.py NETWORK.json > answer.json
For the first point, exactly over SymPy's QQ (PythonMPQ unless gmpy2 is installed): the products A_k, Z_k, E and
Q_jk as DomainMatrix over QQ; loss and gradient (Lemma 4.1); the full Hessian entry by entry from the Lemma 4.3
entrywise form; and its inertia by symmetric elimination (congruence, Sylvester's law of inertia): a non-zero
diagonal pivot of smallest bit size, else a 2x2 pivot on a non-zero off-diagonal entry (its diagonal is zero, so the
block has one positive and one negative eigenvalue). SymPy's own Matrix.LDLdecomposition does no pivoting and fails
on the zero pivots that every critical point here has, hence this elimination.
"""
import json
import sys

from sympy import QQ
from sympy.polys.matrices import DomainMatrix

from common import load_network


def dm(rows):
    return DomainMatrix([[QQ(v.numerator, v.denominator) for v in row] for row in rows], (len(rows), len(rows[0])), QQ)


def eye(n):
    return DomainMatrix.eye(n, QQ)


def hessian(widths, ws, a, z, e):
    """Lemma 4.3, entrywise: d2L/d(W_j)_{ab} d(W_k)_{ce} = (A_j^T A_k)_{ac} (Z_j Z_k^T)_{be} + [j<k] (Q_jk)_{ea} (A_k^T E Z_j^T)_{cb}."""
    n_layers = len(ws)
    offsets = [0]
    for k in range(1, n_layers + 1):
        offsets.append(offsets[-1] + widths[k] * widths[k - 1])
    n = offsets[-1]
    h = [[QQ(0)] * n for _ in range(n)]
    for j in range(1, n_layers + 1):
        for k in range(j, n_layers + 1):
            gn_a = (a[j].transpose() * a[k]).to_list()
            gn_z = (z[j] * z[k].transpose()).to_list()
            if j < k:
                q = eye(widths[j])
                for t in range(j + 1, k):
                    q = ws[t - 1] * q
                q = q.to_list()
                m = (a[k].transpose() * e * z[j].transpose()).to_list()
            dj, dk = widths[j - 1], widths[k - 1]
            for ra in range(widths[j]):
                for rb in range(dj):
                    row = h[offsets[j - 1] + ra * dj + rb]
                    for rc in range(widths[k]):
                        for re in range(dk):
                            v = gn_a[ra][rc] * gn_z[rb][re]
                            if j < k:
                                v += q[re][ra] * m[rc][rb]
                            col = offsets[k - 1] + rc * dk + re
                            row[col] = v
                            h[col][offsets[j - 1] + ra * dj + rb] = v
    return h


def size(v):
    return v.numerator.bit_length() + v.denominator.bit_length()


def inertia(h):
    """Counts (positive, negative, zero) by symmetric elimination with 1x1 and 2x2 pivots."""
    a = [row[:] for row in h]
    pos = neg = 0
    zero = QQ(0)
    while a:
        n = len(a)
        diag = [(size(a[i][i]), i) for i in range(n) if a[i][i] != zero]
        if diag:
            _, p = min(diag)
            d = a[p][p]
            if d > zero:
                pos += 1
            else:
                neg += 1
            prow = a[p]
            rest = [i for i in range(n) if i != p]
            new = []
            for i in rest:
                f = a[i][p]
                row = a[i]
                if f == zero:
                    new.append([row[j] for j in rest])
                else:
                    f = f / d
                    new.append([row[j] - f * prow[j] if prow[j] != zero else row[j] for j in rest])
            a = new
            continue
        off = [(size(a[i][j]), i, j) for i in range(n) for j in range(i + 1, n) if a[i][j] != zero]
        if not off:
            break  # the rest is the zero matrix
        _, p, r = min(off)
        b = a[p][r]  # block [[0, b], [b, 0]]: one positive, one negative eigenvalue
        pos += 1
        neg += 1
        rest = [i for i in range(n) if i != p and i != r]
        prow, rrow = a[p], a[r]
        new = []
        for i in rest:
            # Schur complement: S = A - [A_ip A_ir] [[0, 1/b], [1/b, 0]] [A_pj; A_rj] = A - (A_ip A_rj + A_ir A_pj) / b
            fp, fr = a[i][p] / b, a[i][r] / b
            row = a[i]
            new.append([row[j] - fp * rrow[j] - fr * prow[j] for j in rest])
        a = new
    return pos, neg, len(h) - pos - neg


def main() -> int:
    widths, x, y, points = load_network(sys.argv[1])
    ws = [dm(w) for w in points[0]]
    n_layers = len(ws)
    z = {1: dm(x)}
    for k in range(2, n_layers + 2):
        z[k] = ws[k - 2] * z[k - 1]
    a = {n_layers: eye(widths[-1])}
    for k in range(n_layers - 1, 0, -1):
        a[k] = a[k + 1] * ws[k]
    e = z[n_layers + 1] - dm(y)
    loss = sum((v * v for row in e.to_list() for v in row), QQ(0)) / 2
    gradient_zero = all(v == 0 for k in range(1, n_layers + 1)
                        for row in (a[k].transpose() * e * z[k].transpose()).to_list() for v in row)
    h = hessian(widths, ws, a, z, e)
    pos, neg, zer = inertia(h)
    json.dump({'loss': str(loss), 'gradientZero': gradient_zero, 'size': len(h),
               'inertia': {'positive': pos, 'negative': neg, 'zero': zer}}, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
