/**
 * Symbol names for entrywise derivatives. Every name is a single nerdamer symbol (nerdamer reads `w_1_2` as a
 * product and treats e, i, E, pi as constants), starts with a letter that no other family uses, and has
 * only letters and digits: `w1r2c3` is (W_1)_{23}; with symbolic data `xr1c2` is X_{12} and `yr2c1` is Y_{21}.
 */

/** One weight entry: (W_layer)_{row,col}, all 1-based. */
export interface Parameter {
  readonly name: string;
  readonly layer: number;
  readonly row: number;
  readonly col: number;
}

/** A polynomial's variables: plain names (infix output, nerdamer) and LaTeX forms, by variable index. */
export interface Variables {
  readonly names: readonly string[];
  readonly latex: readonly string[];
}

export const weightName = (layer: number, row: number, col: number): string => `w${layer}r${row}c${col}`;
export const weightLatex = (layer: number, row: number, col: number): string => `(W_{${layer}})_{${row},${col}}`;

export type DataMatrix = 'X' | 'Y';
export const dataName = (m: DataMatrix, row: number, col: number): string => `${m.toLowerCase()}r${row}c${col}`;
export const dataLatex = (m: DataMatrix, row: number, col: number): string => `${m}_{${row},${col}}`;

/**
 * The team-wide parameter order: blocks W_1, …, W_{H+1} in layer order, each row by row, so (W_k)_{ab} is
 * parameter offset_k + (a−1)·d_{k−1} + b (1-based) — the paper's vec(W_kᵀ) coordinates, stacked.
 */
export function parameters(widths: readonly number[]): Parameter[] {
  const out: Parameter[] = [];
  for (let k = 1; k < widths.length; k++)
    for (let row = 1; row <= widths[k]!; row++)
      for (let col = 1; col <= widths[k - 1]!; col++) out.push({ name: weightName(k, row, col), layer: k, row, col });
  return out;
}
