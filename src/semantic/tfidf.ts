// Lexical fallback when no embedding model is available: TF-IDF over the search tokenizer's tokens, cosine.
import { tokenize, type Vocabulary } from '../text/tokenize.ts';

/** Sparse, L2-normalized vector: token -> weight. */
export type SparseVector = Map<string, number>;

export function tfidfVectors(texts: string[], vocabulary: Vocabulary = []): SparseVector[] {
  const docs = texts.map((t) => {
    const tf = new Map<string, number>();
    for (const tok of tokenize(t, vocabulary)) tf.set(tok, (tf.get(tok) ?? 0) + 1);
    return tf;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const k of d.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = docs.length;
  return docs.map((d) => {
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [k, c] of d) {
      const f = df.get(k)!;
      if (f < 2 && n > 2) continue; // a token found in one document cannot relate it to another
      const w = (1 + Math.log(c)) * Math.log((n + 1) / f);
      if (w <= 0) continue;
      v.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  });
}

export function sparseCosine(a: SparseVector, b: SparseVector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [k, w] of a) {
    const x = b.get(k);
    if (x !== undefined) s += w * x;
  }
  return s;
}

export function denseCosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s; // vectors are normalized
}
