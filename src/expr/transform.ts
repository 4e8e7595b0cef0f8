import type { Definitions, Expr, Kind } from './ast.js';
import { specs } from './registry.js';
import { Size } from './size.js';
import type { NodeSpec } from './spec.js';

/** Generic traversal and rewriting of IR trees. */

const spec = (e: Expr) => specs[e.kind] as unknown as NodeSpec<Kind>;

export const children = (e: Expr): readonly Expr[] => spec(e).children(e);

/** Rebuilds e with every child mapped by f and every size in e itself mapped by g (not recursive). */
export const mapChildren = (e: Expr, f: (c: Expr) => Expr, g: (s: Size) => Size = (s) => s): Expr => spec(e).map(e, f, g);

/** Bottom-up rewrite: children first, then `f` on the rebuilt node. */
export function rewrite(e: Expr, f: (e: Expr) => Expr): Expr {
  return f(mapChildren(e, (c) => rewrite(c, f)));
}

/** Every size variable occurring free (Σ indices are bound), including width families. */
export function freeSizeVars(e: Expr, into: Set<string> = new Set()): Set<string> {
  if (e.kind === 'sum') {
    e.from.freeVars(into);
    e.to.freeVars(into);
    const inner = freeSizeVars(e.body);
    inner.delete(e.index);
    inner.forEach((v) => into.add(v));
    return into;
  }
  mapChildren(
    e,
    (c) => {
      freeSizeVars(c, into);
      return c;
    },
    (s) => {
      s.freeVars(into);
      return s;
    },
  );
  return into;
}

function fresh(name: string, avoid: ReadonlySet<string>): string {
  for (let i = 2; ; i++) if (!avoid.has(`${name}${i}`)) return `${name}${i}`;
}

/** Substitutes size variables (`H ↦ 3`, `k ↦ j+1`) everywhere, renaming Σ indices that would capture. */
export function substituteSizes(e: Expr, map: Readonly<Record<string, Size>>): Expr {
  if (e.kind === 'sum') {
    const from = e.from.substitute(map);
    const to = e.to.substitute(map);
    const inner: Record<string, Size> = { ...map };
    delete inner[e.index];
    const captured = new Set<string>();
    Object.values(inner).forEach((s) => s.freeVars(captured));
    if (!captured.has(e.index)) return { ...e, from, to, body: substituteSizes(e.body, inner) };
    const renamed = fresh(e.index, new Set([...captured, ...freeSizeVars(e.body)]));
    return { ...e, index: renamed, from, to, body: substituteSizes(e.body, { ...inner, [e.index]: Size.var(renamed) }) };
  }
  return mapChildren(e, (c) => substituteSizes(c, map), (s) => s.substitute(map));
}

/** Replaces defined names by their bodies (parameters substituted), repeatedly, until none is left. */
export function expandDefinitions(e: Expr, defs: Definitions): Expr {
  return rewrite(e, (n) => {
    if (n.kind === 'sym') {
      const d = defs.get(n.name);
      if (d && d.params.length === 0) return expandDefinitions(d.body, defs);
    }
    if (n.kind === 'member') {
      const d = defs.get(n.family);
      if (d && d.params.length === n.indices.length)
        return expandDefinitions(substituteSizes(d.body, Object.fromEntries(d.params.map((p, i) => [p, n.indices[i]!]))), defs);
    }
    return n;
  });
}
