// Optimal assignment (Hungarian algorithm, O(n^2 m) with potentials) for the one-to-one metric.
// Pure and dependency-free so the eval script and tests share it.

/**
 * Maximum-weight assignment on a rectangular weight matrix (rows x cols, weights >= 0).
 * Returns, for each row, the column it is assigned to, or -1 when there are more rows than columns.
 */
export function maxWeightAssignment(weights: number[][]): number[] {
  const n = weights.length;
  const m = n === 0 ? 0 : Math.max(...weights.map((r) => r.length));
  if (n === 0 || m === 0) return new Array(n).fill(-1);
  // Square it up with zero-weight dummies; minimise cost = max - weight.
  const size = Math.max(n, m);
  let max = 0;
  for (const r of weights) for (const w of r) if (w > max) max = w;
  const cost = (i: number, j: number) => max - (i < n && j < (weights[i]?.length ?? 0) ? weights[i]![j] : 0)!;
  // Classic e-maxx formulation, 1-based.
  const u = new Array(size + 1).fill(0);
  const v = new Array(size + 1).fill(0);
  const p = new Array(size + 1).fill(0); // p[j] = row matched to column j
  const way = new Array(size + 1).fill(0);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(size + 1).fill(Infinity);
    const used = new Array(size + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
        if (minv[j] < delta) { delta = minv[j]; j1 = j; }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) { u[p[j]] += delta; v[j] -= delta; } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do { const j1 = way[j0]; p[j0] = p[j1]; j0 = j1; } while (j0 !== 0);
  }
  const rowToCol = new Array(n).fill(-1);
  for (let j = 1; j <= size; j++) {
    const i = p[j] - 1;
    if (i >= 0 && i < n && j - 1 < m) rowToCol[i] = j - 1;
  }
  return rowToCol;
}
