"""Reference for `dln check NETWORK.json --float --json`: NumPy (float64, LAPACK).

usage: np_check.py NETWORK.json > answer.json
For the first point: loss, gradient (Lemma 4.1), Sigma's spectrum and L*, the full Hessian from the Lemma 4.3
formulas assembled block by block with vectorised kron/einsum, and its spectrum by numpy.linalg.eigvalsh.
Parameter order: W_1 ... W_{H+1}, each row by row (vec(W_k^T)); the spectrum does not depend on the order.
"""
import json
import sys

import numpy as np

from common import load_network


def hessian(widths, ws, a, z, e):
    """Lemma 4.3, entrywise form, block by block (a, z: dicts of A_k and Z_k, 1-based; e = E)."""
    n_layers = len(ws)
    sizes = [widths[k] * widths[k - 1] for k in range(1, n_layers + 1)]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    n = int(offsets[-1])
    hess = np.empty((n, n))
    for j in range(1, n_layers + 1):
        for k in range(j, n_layers + 1):
            block = np.kron(a[j].T @ a[k], z[j] @ z[k].T)
            if j < k:
                # Q_jk = W_{k-1} ... W_{j+1}; residual part (Q_jk)_{ea} (A_k^T E Z_j^T)_{cb} at row (a,b), column (c,e)
                q = np.eye(widths[j])
                for t in range(j + 1, k):
                    q = ws[t - 1] @ q
                m = a[k].T @ e @ z[j].T
                block += np.einsum('ea,cb->abce', q, m).reshape(block.shape)
            rj, rk = slice(offsets[j - 1], offsets[j]), slice(offsets[k - 1], offsets[k])
            hess[rj, rk] = block
            if j < k:
                hess[rk, rj] = block.T
    return hess


def main() -> int:
    widths, x, y, points = load_network(sys.argv[1])
    f = lambda m: np.array([[float(v) for v in row] for row in m], dtype=np.float64)
    x, y = f(x), f(y)
    ws = [f(w) for w in points[0]]
    n_layers = len(ws)  # H + 1; ws[k-1] is W_k
    dy = y.shape[0]
    # Z_k = W_{k-1} ... W_1 X and A_k = W_{H+1} ... W_{k+1}, 1-based k
    z = {1: x}
    for k in range(2, n_layers + 2):
        z[k] = ws[k - 2] @ z[k - 1]
    a = {n_layers: np.eye(dy)}
    for k in range(n_layers - 1, 0, -1):
        a[k] = a[k + 1] @ ws[k]
    e = z[n_layers + 1] - y
    loss = 0.5 * float(np.sum(e * e))
    grads = [a[k].T @ e @ z[k].T for k in range(1, n_layers + 1)]
    grad_max = max(float(np.max(np.abs(g))) for g in grads)

    sigma = y @ x.T @ np.linalg.solve(x @ x.T, x @ y.T)
    lam = np.sort(np.linalg.eigvalsh(sigma))[::-1]
    p = min(widths[1:-1])
    loss_star = 0.5 * (float(np.sum(y * y)) - float(np.sum(lam[:min(p, dy)])))

    hess = hessian(widths, ws, a, z, e)
    eig = np.linalg.eigvalsh(hess)
    json.dump({'loss': loss, 'lossStar': loss_star, 'gradientMaxAbs': grad_max, 'size': hess.shape[0],
               'minEigenvalue': float(eig[0]), 'maxEigenvalue': float(eig[-1])}, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
