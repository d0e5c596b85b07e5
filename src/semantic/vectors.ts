// Word vectors trained at build time on the archive itself, so search has a semantic signal without any
// downloaded model: PPMI over co-occurrence of content terms (the very terms query understanding extracts
// from a question), factored by a randomized truncated eigendecomposition (the PPMI matrix is symmetric),
// vectors weighted by the square root of the eigenvalues (Levy, Goldberg & Dagan 2015). A thread's vector is
// the idf-weighted sum of its terms' vectors; so is a query's. Pure: numbers in, numbers out.

/** One unit of text whose terms co-occur (a message), with its thread (co-occurrence also spans neighbours). */
export interface TermDoc {
  terms: string[];
  /** Index of the thread the message belongs to, -1 for none. */
  thread: number;
}

export interface VectorOptions {
  /** Dimensions kept. */
  dim?: number;
  /** A term must occur in this many messages to get a vector (rarer ones cannot be placed reliably). */
  minCount?: number;
  /** At most this many terms get vectors (the most frequent; at most 65,535). */
  maxVocab?: number;
  /** Power iterations of the randomized eigensolver (1 keeps the build fast; the top of the spectrum is what search uses). */
  iterations?: number;
  seed?: number;
}

export interface TermVectors {
  dim: number;
  /** term -> row */
  index: Map<string, number>;
  terms: string[];
  /** row-major, L2-normalized rows */
  data: Float32Array;
  /** Messages containing each term. */
  df: Float64Array;
  /** Messages in all. */
  docs: number;
}

/** Context distribution smoothing of PPMI (Levy et al.): rare contexts get less inflated PMI. */
const CDS = 0.75;
/** Terms per co-occurrence window: long messages (a guest talk) are cut into windows of this many terms. */
const WINDOW = 24;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 4294967296) * 2 - 1;
  };
}

/** Modified Gram–Schmidt on the k columns of a row-major n×k matrix, in place (columns copied out contiguous). */
function orthonormalize(y: Float64Array, n: number, k: number): void {
  const cols = Array.from({ length: k }, (_, c) => {
    const v = new Float64Array(n);
    for (let r = 0; r < n; r++) v[r] = y[r * k + c]!;
    return v;
  });
  for (let c = 0; c < k; c++) {
    const v = cols[c]!;
    for (let p = 0; p < c; p++) {
      const u = cols[p]!;
      let dot = 0;
      for (let r = 0; r < n; r++) dot += v[r]! * u[r]!;
      for (let r = 0; r < n; r++) v[r]! -= dot * u[r]!;
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += v[r]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r++) v[r]! /= norm;
  }
  for (let c = 0; c < k; c++) for (let r = 0; r < n; r++) y[r * k + c] = cols[c]![r]!;
}

/**
 * Co-occurrence counts of term pairs (i ≠ j, unordered) in an open-addressing hash table: keys i·n + j + 1 in a
 * Uint32Array (0 = empty), so n must stay under 65,536 terms; counts in half units, reported back in whole ones.
 * Iteration is in slot order, which depends only on the insertions: the same archive gives the same matrix.
 */
class PairCounts {
  private keys: Uint32Array;
  private counts: Float32Array;
  private size = 0;

  /** Distinct pairs counted. */
  get length(): number {
    return this.size;
  }

  constructor(private readonly n: number, capacity = 1 << 16) {
    if (n > 65535) throw new Error(`PairCounts: ${n} terms; at most 65,535`);
    this.keys = new Uint32Array(capacity);
    this.counts = new Float32Array(capacity);
  }

  add(i: number, j: number, halfUnits: number): void {
    if (i === j) return;
    const key = (i < j ? i * this.n + j : j * this.n + i) + 1;
    const mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      h &= mask;
      const k = this.keys[h]!;
      if (k === key) { this.counts[h]! += halfUnits; return; }
      if (k === 0) break;
      h++;
    }
    this.keys[h] = key;
    this.counts[h] = halfUnits;
    if (++this.size * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Float32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s]!;
      if (key === 0) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> 0;
      for (;;) {
        h &= mask;
        if (this.keys[h] === 0) break;
        h++;
      }
      this.keys[h] = key;
      this.counts[h] = counts[s]!;
    }
  }

  forEach(f: (i: number, j: number, count: number) => void): void {
    const { keys, counts, n } = this;
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s]!;
      if (key === 0) continue;
      const k = key - 1;
      f(Math.floor(k / n), k % n, counts[s]! / 2);
    }
  }
}

/** Symmetric sparse matrix in CSR (both triangles stored). */
interface Csr {
  n: number;
  rowStart: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

/**
 * out (n×k) = M (n×n sparse) · y (n×k). The build's question index spends most of its time here, so: y is read as
 * float32 (half the memory traffic of the rows it gathers; the eigenvectors need nowhere near float64's digits), and
 * each output row is summed in a small local buffer that stays in cache, then written once.
 */
function spmm(m: Csr, y: Float64Array, k: number): Float64Array<ArrayBuffer> {
  const yf = Float32Array.from(y);
  const out = new Float64Array(m.n * k);
  const acc = new Float64Array(k);
  const { rowStart, col, val } = m;
  // The inner loop unrolled by 8 (1.5-2x faster in V8); each acc[j] still sums in the same order, so the result is
  // bit for bit that of the plain loop.
  const k8 = k - (k % 8);
  for (let r = 0; r < m.n; r++) {
    acc.fill(0);
    for (let e = rowStart[r]!, end = rowStart[r + 1]!; e < end; e++) {
      const v = val[e]!;
      const c = col[e]! * k;
      let j = 0;
      for (; j < k8; j += 8) {
        const b = c + j;
        acc[j]! += v * yf[b]!;
        acc[j + 1]! += v * yf[b + 1]!;
        acc[j + 2]! += v * yf[b + 2]!;
        acc[j + 3]! += v * yf[b + 3]!;
        acc[j + 4]! += v * yf[b + 4]!;
        acc[j + 5]! += v * yf[b + 5]!;
        acc[j + 6]! += v * yf[b + 6]!;
        acc[j + 7]! += v * yf[b + 7]!;
      }
      for (; j < k; j++) acc[j]! += v * yf[c + j]!;
    }
    out.set(acc, r * k);
  }
  return out;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: values and column vectors. */
export function jacobiEigen(a: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q]! ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q]!;
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (m[q * k + q]! - m[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = m[r * k + p]!;
          const arq = m[r * k + q]!;
          m[r * k + p] = c * arp - s * arq;
          m[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = m[p * k + r]!;
          const aqr = m[q * k + r]!;
          m[p * k + r] = c * apr - s * aqr;
          m[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = m[i * k + i]!;
  return { values, vectors: v };
}

export function trainTermVectors(docs: readonly TermDoc[], opts: VectorOptions = {}): TermVectors {
  const dim = opts.dim ?? 48;
  const minCount = opts.minCount ?? 2;
  // The pair table keys pairs in 32 bits (PairCounts).
  const maxVocab = Math.min(opts.maxVocab ?? 30_000, 65_535);
  // Vocabulary: terms in at least minCount messages, most frequent first.
  const count = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) count.set(t, (count.get(t) ?? 0) + 1);
  const terms = [...count].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxVocab).map(([t]) => t);
  const index = new Map(terms.map((t, i) => [t, i]));
  const n = terms.length;
  const df = new Float64Array(n);
  for (const [t, i] of index) df[i] = count.get(t)!;

  // Co-occurrence: within a window of a message, and between a message and the previous one of its thread.
  // Counted in half units (a window pair adds 2, a thread-neighbour pair 1) in an open-addressing table keyed by
  // the pair: a Map of millions of number keys made counting the slowest part of the build's question index.
  const pairs = new PairCounts(n);
  const lastOfThread = new Map<number, number[]>();
  for (const d of docs) {
    const ids = [...new Set(d.terms)].map((t) => index.get(t)).filter((x): x is number => x !== undefined);
    for (let s = 0; s < ids.length; s += WINDOW) {
      const end = Math.min(ids.length, s + WINDOW);
      for (let a = s; a < end; a++) for (let b = a + 1; b < end; b++) pairs.add(ids[a]!, ids[b]!, 2);
    }
    if (d.thread >= 0) {
      const prev = lastOfThread.get(d.thread);
      // Half weight: the next message of a thread is usually, not always, about the same thing.
      if (prev) {
        const pa = Math.min(prev.length, WINDOW);
        const pb = Math.min(ids.length, WINDOW);
        for (let a = 0; a < pa; a++) for (let b = 0; b < pb; b++) pairs.add(prev[a]!, ids[b]!, 1);
      }
      lastOfThread.set(d.thread, ids);
    }
  }
  // PPMI with smoothed context distribution.
  const rowSum = new Float64Array(n);
  let total = 0;
  pairs.forEach((i, j, c) => {
    rowSum[i]! += c;
    rowSum[j]! += c;
    total += 2 * c;
  });
  let ctxTotal = 0;
  const ctx = new Float64Array(n);
  for (let i = 0; i < n; i++) ctxTotal += (ctx[i] = rowSum[i]! ** CDS);
  // Symmetrized PMI: the mean of the two directions' smoothed PMI; kept where positive. Two passes over the
  // table (count per row, then fill) build the CSR without an intermediate list of entries.
  const ppmi = (i: number, j: number, c: number) => {
    const pij = c / total;
    const a = Math.log(pij / ((rowSum[i]! / total) * (ctx[j]! / ctxTotal)));
    const b = Math.log(pij / ((rowSum[j]! / total) * (ctx[i]! / ctxTotal)));
    return (a + b) / 2;
  };
  const rowCount = new Int32Array(n + 1);
  // Each pair's value computed once (four logarithms), kept in table order for the fill pass.
  const pmi = new Float64Array(pairs.length);
  let p = 0;
  pairs.forEach((i, j, c) => {
    const v = (pmi[p++] = ppmi(i, j, c));
    if (v <= 0) return;
    rowCount[i + 1]!++;
    rowCount[j + 1]!++;
  });
  for (let r = 0; r < n; r++) rowCount[r + 1]! += rowCount[r]!;
  const fill = Int32Array.from(rowCount);
  const col = new Int32Array(rowCount[n]!);
  const val = new Float32Array(rowCount[n]!);
  p = 0;
  pairs.forEach((i, j) => {
    const v = pmi[p++]!;
    if (v <= 0) return;
    col[fill[i]!] = j;
    val[fill[i]!++] = v;
    col[fill[j]!] = i;
    val[fill[j]!++] = v;
  });
  const m: Csr = { n, rowStart: rowCount, col, val };

  // Randomized subspace iteration for the top eigenpairs.
  const k = Math.max(1, Math.min(n, dim + 8));
  const rand = rng(opts.seed ?? 1);
  let y: Float64Array<ArrayBuffer> = new Float64Array(n * k);
  for (let i = 0; i < y.length; i++) y[i] = rand();
  y = spmm(m, y, k);
  orthonormalize(y, n, k);
  for (let it = 0; it < (opts.iterations ?? 1); it++) {
    y = spmm(m, y, k);
    orthonormalize(y, n, k);
  }
  const my = spmm(m, y, k);
  const small = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += y[r * k + a]! * my[r * k + b]!;
      small[a * k + b] = s;
      small[b * k + a] = s;
    }
  }
  const { values, vectors } = jacobiEigen(small, k);
  // Keep the largest positive eigenvalues (the PPMI matrix's structure; negative ones are noise).
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, Math.min(dim, k)).filter((i) => values[i]! > 0);
  const d = order.length || 1;
  const data = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    let norm = 0;
    for (let c = 0; c < order.length; c++) {
      const e = order[c]!;
      let s = 0;
      for (let j = 0; j < k; j++) s += y[r * k + j]! * vectors[j * k + e]!;
      const x = s * Math.sqrt(values[e]!);
      data[r * d + c] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < d; c++) data[r * d + c]! /= norm;
  }
  return { dim: d, index, terms, data, df, docs: docs.length };
}

/** Smoothed idf of a term over messages: what a term weighs in a thread's or a query's vector. */
export function vectorIdf(df: number, docs: number): number {
  return Math.log(1 + docs / Math.max(1, df));
}

/** The idf-weighted sum of the vectors of the given terms (unknown terms skipped), L2-normalized; null if none known. */
export function combine(v: TermVectors, terms: readonly { text: string; weight: number }[]): Float32Array | null {
  const out = new Float32Array(v.dim);
  let any = false;
  for (const t of terms) {
    const r = v.index.get(t.text);
    if (r === undefined) continue;
    any = true;
    const w = t.weight * vectorIdf(v.df[r]!, v.docs);
    for (let c = 0; c < v.dim; c++) out[c]! += w * v.data[r * v.dim + c]!;
  }
  if (!any) return null;
  let norm = 0;
  for (let c = 0; c < v.dim; c++) norm += out[c]! ** 2;
  norm = Math.sqrt(norm) || 1;
  for (let c = 0; c < v.dim; c++) out[c]! /= norm;
  return out;
}

/** int8 quantization of a unit vector: round(x·127/max|x|), with the scale implied (cosine ignores it). */
export function quantize(x: Float32Array): Int8Array {
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  const s = max ? 127 / max : 0;
  return Int8Array.from(x, (v) => Math.round(v * s));
}
