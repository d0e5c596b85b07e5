// Fits the thread-assignment weights: a conditional logit (softmax over each decision's candidates, i.e.
// multinomial logistic regression with shared weights) with an L2 penalty, by full-batch gradient descent
// (Adam). Deterministic: same examples, same weights. Pure.
import type { Example } from './model.ts';

export interface FitOptions {
  /** L2 penalty (per example). */
  l2?: number;
  iterations?: number;
  rate?: number;
  /** Weight of decisions whose gold is "new thread" (rare: one per thread) relative to the others. */
  newWeight?: number;
}

/** The examples as one row-major matrix of candidates, for a tight inner loop. */
function pack(examples: Example[], dims: number): { x: Float64Array; start: Int32Array; gold: Int32Array } {
  const rows = examples.reduce((n, e) => n + e.candidates.length, 0);
  const x = new Float64Array(rows * dims);
  const start = new Int32Array(examples.length + 1);
  const gold = new Int32Array(examples.length);
  let r = 0;
  examples.forEach((e, i) => {
    start[i] = r;
    gold[i] = r + e.gold;
    for (const c of e.candidates) { x.set(c.subarray(0, dims), r * dims); r++; }
  });
  start[examples.length] = r;
  return { x, start, gold };
}

export function fitWeights(examples: Example[], dims: number, opts: FitOptions = {}): Float64Array {
  const l2 = opts.l2 ?? 0.001;
  const iterations = opts.iterations ?? 800;
  const rate = opts.rate ?? 0.05;
  const { x, start, gold } = pack(examples, dims);
  const n = examples.length;
  const weight = examples.map((e) => (e.gold === e.candidates.length - 1 ? opts.newWeight ?? 1 : 1));
  const w = new Float64Array(dims);
  const m = new Float64Array(dims);
  const v = new Float64Array(dims);
  const grad = new Float64Array(dims);
  const score = new Float64Array(start[n] ?? 0);
  for (let it = 1; it <= iterations; it++) {
    grad.fill(0);
    for (let e = 0; e < n; e++) {
      const a = start[e] ?? 0;
      const b = start[e + 1] ?? 0;
      let max = -Infinity;
      for (let r = a; r < b; r++) {
        let s = 0;
        for (let k = 0, o = r * dims; k < dims; k++, o++) s += (w[k] as number) * (x[o] as number);
        score[r] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let r = a; r < b; r++) { const p = Math.exp((score[r] as number) - max); score[r] = p; z += p; }
      for (let r = a; r < b; r++) {
        const p = ((score[r] as number) / z - (r === gold[e] ? 1 : 0)) * (weight[e] as number);
        if (p !== 0) for (let k = 0, o = r * dims; k < dims; k++, o++) grad[k] = (grad[k] as number) + p * (x[o] as number);
      }
    }
    const c1 = 1 - Math.pow(0.9, it);
    const c2 = 1 - Math.pow(0.999, it);
    for (let k = 0; k < dims; k++) {
      const g = (grad[k] as number) / Math.max(1, n) + l2 * (w[k] as number);
      m[k] = 0.9 * (m[k] as number) + 0.1 * g;
      v[k] = 0.999 * (v[k] as number) + 0.001 * g * g;
      w[k] = (w[k] as number) - (rate * ((m[k] as number) / c1)) / (Math.sqrt((v[k] as number) / c2) + 1e-8);
    }
  }
  return w;
}

/** Mean negative log-likelihood of the gold candidates (for reporting fit quality). */
export function logLoss(examples: Example[], w: Float64Array): number {
  let loss = 0;
  for (const ex of examples) {
    const scores = ex.candidates.map((x) => x.reduce((s, xk, k) => s + (w[k] ?? 0) * xk, 0));
    const max = Math.max(...scores);
    const z = scores.reduce((a, s) => a + Math.exp(s - max), 0);
    loss += -((scores[ex.gold] ?? 0) - max - Math.log(z));
  }
  return loss / Math.max(1, examples.length);
}
