// Nearest neighbours without comparing every pair. Pure: vectors in, ranked neighbour lists out.
//
// Candidates come from an inverted index over the RARE tokens of the targets (a token in more than `dfCap` targets
// says little about which two threads belong together, and its postings are what made all-pairs quadratic), and,
// for dense vectors, from random-projection buckets (sign of the projection on a few random hyperplanes, several
// tables). Only candidates get an exact cosine; the work grows with n · (postings of rare tokens + bucket size).
import type { SparseVector } from './tfidf.ts';
import { mulberry32 } from '../model/random.ts';

export interface Neighbor {
  index: number;
  score: number;
}

/** Which (query, target) pairs may relate: returns false to exclude (same doc, same day). */
export type Allowed = (query: number, target: number) => boolean;

export interface NeighborOptions {
  limit: number;
  /** Scores at or below this are dropped. */
  min: number;
  /** Candidates kept per query from the lexical index before exact scoring. */
  candidates?: number;
}

/** Sparse vectors as parallel typed arrays over one token numbering: cache-friendly and cheap to walk. */
export interface PackedSparse {
  ids: Int32Array[];
  weights: Float64Array[];
  vocabSize: number;
}

export function packSparse(vectors: SparseVector[]): PackedSparse {
  const idOf = new Map<string, number>();
  const ids: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (const v of vectors) {
    const a = new Int32Array(v.size);
    const w = new Float64Array(v.size);
    let k = 0;
    for (const [tok, x] of v) {
      let id = idOf.get(tok);
      if (id === undefined) idOf.set(tok, (id = idOf.size));
      a[k] = id;
      w[k++] = x;
    }
    ids.push(a);
    weights.push(w);
  }
  return { ids, weights, vocabSize: idOf.size };
}

/** Postings cap: rare enough that walking every posting of every query stays near-linear in the corpus size. */
export function defaultDfCap(targets: number): number {
  return Math.max(64, Math.ceil(4 * Math.sqrt(targets)));
}

/**
 * For every query (index < `queries`), the `limit` best targets (index < `targets`) by exact sparse cosine, among
 * candidates found through the rare-token index. Targets are the first `targets` vectors.
 */
export function sparseNeighbors(p: PackedSparse, queries: number, targets: number, allowed: Allowed, opts: NeighborOptions, extra?: (q: number) => Iterable<number>): Neighbor[][] {
  const dfCap = defaultDfCap(targets);
  const want = opts.candidates ?? Math.max(50, opts.limit * 10);
  // Postings of rare tokens over the targets.
  const df = new Int32Array(p.vocabSize);
  for (let j = 0; j < targets; j++) for (const id of p.ids[j]!) df[id]!++;
  const start = new Int32Array(p.vocabSize + 1);
  for (let t = 0; t < p.vocabSize; t++) start[t + 1] = start[t]! + (df[t]! <= dfCap ? df[t]! : 0);
  const postDoc = new Int32Array(start[p.vocabSize]!);
  const postW = new Float64Array(start[p.vocabSize]!);
  const fill = start.slice(0, p.vocabSize);
  for (let j = 0; j < targets; j++) {
    const ids = p.ids[j]!;
    const ws = p.weights[j]!;
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k]!;
      if (df[t]! > dfCap) continue;
      const at = fill[t]!++;
      postDoc[at] = j;
      postW[at] = ws[k]!;
    }
  }
  const acc = new Float64Array(targets);
  const touched: number[] = [];
  const dense = new Float64Array(p.vocabSize);
  const out: Neighbor[][] = [];
  for (let q = 0; q < queries; q++) {
    const ids = p.ids[q]!;
    const ws = p.weights[q]!;
    // 1. Partial dot products over the rare tokens.
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k]!;
      if (df[t]! > dfCap) continue;
      const wq = ws[k]!;
      for (let at = start[t]!, end = start[t + 1]!; at < end; at++) {
        const j = postDoc[at]!;
        if (acc[j] === 0) touched.push(j);
        acc[j]! += wq * postW[at]!;
      }
    }
    const cand = topByScore(touched, acc, want, (j) => allowed(q, j));
    for (const j of touched) acc[j] = 0;
    touched.length = 0;
    if (extra) {
      const seen = new Set(cand);
      for (const j of extra(q)) if (!seen.has(j) && allowed(q, j)) (seen.add(j), cand.push(j));
    }
    // 2. Exact cosine for the candidates (all tokens, common ones included).
    out.push(exactNeighbors(p, q, cand, dense, opts));
  }
  return out;
}

/**
 * The best `opts.limit` of `targets` by exact cosine with query `q`: the query is scattered into `dense` (all zero
 * on entry, and again on return), each target's sparse weights are dotted with it. Shared by the candidate search
 * and its all-pairs reference, so the two differ only in which targets they score.
 */
function exactNeighbors(p: PackedSparse, q: number, targets: Iterable<number>, dense: Float64Array, opts: NeighborOptions): Neighbor[] {
  const ids = p.ids[q]!;
  const ws = p.weights[q]!;
  for (let k = 0; k < ids.length; k++) dense[ids[k]!] = ws[k]!;
  const scored: Neighbor[] = [];
  for (const j of targets) {
    const jid = p.ids[j]!;
    const jw = p.weights[j]!;
    let s = 0;
    for (let k = 0; k < jid.length; k++) s += dense[jid[k]!]! * jw[k]!;
    if (s > opts.min) scored.push({ index: j, score: s });
  }
  for (let k = 0; k < ids.length; k++) dense[ids[k]!] = 0;
  return best(scored, opts.limit);
}

/**
 * The `k` items with the highest `score[item]` (ties: lower index first), in no particular order. A bounded min-heap:
 * O(n log k), where sorting every touched target made a query O(n log n) on a big archive.
 */
export function topByScore(items: number[], score: Float64Array, k: number, keep: (i: number) => boolean): number[] {
  const heap: number[] = [];
  // "worse" = lower score, or equal score and higher index.
  const worse = (a: number, b: number) => score[a]! < score[b]! || (score[a] === score[b] && a > b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const j of items) {
    if (!keep(j)) continue;
    if (heap.length < k) {
      heap.push(j);
      up(heap.length - 1);
    } else if (worse(heap[0]!, j)) {
      heap[0] = j;
      down(0);
    }
  }
  return heap;
}

/** Every pair, exactly (quadratic): the reference the candidate search is measured against. */
export function sparseNeighborsExhaustive(p: PackedSparse, queries: number, targets: number, allowed: Allowed, opts: NeighborOptions): Neighbor[][] {
  const dense = new Float64Array(p.vocabSize);
  const out: Neighbor[][] = [];
  for (let q = 0; q < queries; q++) {
    const all: number[] = [];
    for (let j = 0; j < targets; j++) if (allowed(q, j)) all.push(j);
    out.push(exactNeighbors(p, q, all, dense, opts));
  }
  return out;
}

function best(scored: Neighbor[], limit: number): Neighbor[] {
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, limit);
}

/** Deterministic PRNG: the same archive always gets the same buckets, so builds are reproducible. */
const prng = mulberry32;

export interface BucketOptions {
  tables?: number;
  /** Aimed-at number of vectors per bucket; sets the bits per table from the corpus size. */
  bucketSize?: number;
}

/**
 * Random-projection buckets (sign LSH) over the targets: for each query, the targets that share a bucket in any
 * table. Bits per table grow with log2(n), so a bucket holds about `bucketSize` vectors at any archive size.
 */
export function denseBuckets(vectors: Float32Array[], targets: number, opts: BucketOptions = {}): (q: number) => number[] {
  const tables = opts.tables ?? 8;
  const size = opts.bucketSize ?? 24;
  const dim = vectors[0]?.length ?? 0;
  const bits = Math.max(1, Math.min(24, Math.round(Math.log2(Math.max(2, targets / size)))));
  const rnd = prng(0x5eed);
  const planes: Float32Array[][] = [];
  for (let t = 0; t < tables; t++) {
    const tp: Float32Array[] = [];
    for (let b = 0; b < bits; b++) tp.push(Float32Array.from({ length: dim }, () => rnd() * 2 - 1));
    planes.push(tp);
  }
  const sig = (v: Float32Array, t: number): number => {
    let h = 0;
    for (let b = 0; b < bits; b++) {
      const pl = planes[t]![b]!;
      let s = 0;
      for (let i = 0; i < dim; i++) s += v[i]! * pl[i]!;
      h = (h << 1) | (s >= 0 ? 1 : 0);
    }
    return h;
  };
  const sigs: Int32Array[] = planes.map(() => new Int32Array(vectors.length));
  const buckets: Map<number, number[]>[] = planes.map(() => new Map());
  for (let t = 0; t < tables; t++) {
    for (let i = 0; i < vectors.length; i++) {
      const h = sig(vectors[i]!, t);
      sigs[t]![i] = h;
      if (i >= targets) continue;
      const b = buckets[t]!.get(h);
      if (b) b.push(i);
      else buckets[t]!.set(h, [i]);
    }
  }
  // A degenerate bucket (many near-identical vectors) would make a query quadratic again; past this it is skipped.
  const maxBucket = size * 16;
  return (q) => {
    const out: number[] = [];
    for (let t = 0; t < tables; t++) {
      const b = buckets[t]!.get(sigs[t]![q]!);
      if (b && b.length <= maxBucket) out.push(...b);
    }
    return out;
  };
}

/** Exact dense cosine over candidates (vectors are normalized). */
export function denseNeighbors(vectors: Float32Array[], queries: number, allowed: Allowed, candidates: (q: number) => Iterable<number>, opts: NeighborOptions): Neighbor[][] {
  const out: Neighbor[][] = [];
  for (let q = 0; q < queries; q++) {
    const v = vectors[q]!;
    const seen = new Set<number>();
    const scored: Neighbor[] = [];
    for (const j of candidates(q)) {
      if (seen.has(j) || !allowed(q, j)) continue;
      seen.add(j);
      const u = vectors[j]!;
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i]! * u[i]!;
      if (s > opts.min) scored.push({ index: j, score: s });
    }
    out.push(best(scored, opts.limit));
  }
  return out;
}
