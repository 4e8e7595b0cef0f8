"""Shared by the reference scripts: reading a network file and naming parameters as dln does."""
import json
from fractions import Fraction


def parse_entry(v):
    """Network entries are integers, exact decimals or "p/q" strings (docs/network-files.md); Fraction reads all three exactly."""
    return Fraction(str(v)) if not isinstance(v, str) else Fraction(v.strip())


def load_network(path):
    with open(path, encoding='utf8') as f:
        net = json.load(f)
    mat = lambda rows: [[parse_entry(v) for v in row] for row in rows]
    widths = [int(w) for w in net['widths']]
    points = [[mat(w) for w in p['W']] for p in net.get('points', [])]
    return widths, mat(net['X']), mat(net['Y']), points


def parameter_name(layer, row, col):
    """(W_layer)_{row,col}, 1-based, spelled as dln spells it (src/scalar/names.ts), so both emit the same strings.
    The harness still matches answers by (layer, row, col) from each side's "parameters" list, not by spelling."""
    return f'w{layer}r{row}c{col}'


def parameters(widths):
    """Parameters in the paper's order within a layer (row by row, vec(W_k^T)), layers W_1 ... W_{H+1}."""
    out = []
    for k in range(1, len(widths)):
        for a in range(1, widths[k] + 1):
            for b in range(1, widths[k - 1] + 1):
                out.append({'name': parameter_name(k, a, b), 'layer': k, 'row': a, 'col': b})
    return out


def weight_symbols(widths, symbol_of):
    """[W_1, ..., W_{H+1}] as nested lists of whatever symbol_of(name) returns."""
    return [[[symbol_of(parameter_name(k, a, b)) for b in range(1, widths[k - 1] + 1)]
             for a in range(1, widths[k] + 1)] for k in range(1, len(widths))]


def emit_entries(params, gradient, hessian, out):
    """The `dln derive --entries --format json` shape, with `^` for powers as dln prints them."""
    fix = lambda s: s.replace('**', '^')
    json.dump({'parameters': params, 'gradient': [fix(g) for g in gradient],
               'hessian': [[fix(h) for h in row] for row in hessian]}, out)
    out.write('\n')
