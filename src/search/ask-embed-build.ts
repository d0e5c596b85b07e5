// The embedding files of question search (see ask-format.ts), written only when a transformers.js model embedded
// the threads at build time (src/semantic/ask-embeddings.ts):
//   ask/nb/<b>.json   per thread: its nearest threads by embedding (top EMBED_NEIGHBOURS), what the browser
//                     fetches for the few top threads of a search (it has no model to embed the query)
//   ask/emb/<b>.json  per thread: its int8 embedding, read by the CLI, which embeds the query with the model
// Neighbours come from random-projection buckets (src/semantic/neighbors.ts), each candidate scored exactly:
// linear in the threads, never all pairs.
import type { Archive, Thread } from '../model/types.ts';
import type { AskEmbeddings } from '../semantic/embeddings-ready.ts';
import { denseBuckets, denseNeighbors } from '../semantic/neighbors.ts';
import { quantize } from '../semantic/vectors.ts';
import { encodeInt8, neighbourBlockPath, vectorBlockPath, type AskEmbedding } from './ask-format.ts';

export type Emit = (path: string, content: string) => void;

/** Neighbours kept per thread: enough for feedback from a few top threads, small enough to fetch. */
export const EMBED_NEIGHBOURS = 8;
export const NEIGHBOUR_BLOCK = 16;
export const VECTOR_BLOCK = 256;

export interface EmbeddingNeighbour {
  /** Index into the vectors (the global thread number). */
  index: number;
  score: number;
}

/** Each vector's nearest others (cosine of unit vectors), best first; null vectors have and are no neighbours. */
export function embeddingNeighbours(vectors: readonly (Float32Array | null)[], k = EMBED_NEIGHBOURS): EmbeddingNeighbour[][] {
  const present = vectors.flatMap((v, i) => (v ? [i] : []));
  const dense = present.map((i) => vectors[i]!);
  const buckets = denseBuckets(dense, dense.length);
  const lists = denseNeighbors(dense, dense.length, (q, t) => q !== t, buckets, { limit: k, min: 0 });
  const out: EmbeddingNeighbour[][] = vectors.map(() => []);
  lists.forEach((list, q) => (out[present[q]!] = list.map((n) => ({ index: present[n.index]!, score: n.score }))));
  return out;
}

/** Global message ordinal (the search index's numbering, build.ts) of each numbered thread's question, else first message. */
export function headingOrds(archive: Archive, threads: readonly Thread[]): number[] {
  const ordOf = new Map<string, number>();
  let ord = 0;
  for (const day of archive.days) for (const m of day.messages) ordOf.set(m.id, ord++);
  return threads.map((t) => ordOf.get(t.questionId ?? t.messageIds[0] ?? '') ?? -1);
}

/** Writes ask/nb/ and ask/emb/; returns what meta.json records about them. */
export function writeEmbeddingFiles(archive: Archive, threads: readonly Thread[], emb: AskEmbeddings, emit: Emit): AskEmbedding {
  const layout: AskEmbedding = { dim: emb.dim, neighbours: EMBED_NEIGHBOURS, neighbourBlock: NEIGHBOUR_BLOCK, vectorBlock: VECTOR_BLOCK };
  const ords = headingOrds(archive, threads);
  const lists = embeddingNeighbours(emb.threads, EMBED_NEIGHBOURS);
  for (let b = 0; b * NEIGHBOUR_BLOCK < threads.length; b++) {
    // [thread number, heading ordinal, similarity × 1000] per neighbour, flat.
    const block = lists.slice(b * NEIGHBOUR_BLOCK, (b + 1) * NEIGHBOUR_BLOCK).map((l) => l.flatMap((n) => [n.index, ords[n.index]!, Math.round(n.score * 1000)]));
    emit(neighbourBlockPath(b * NEIGHBOUR_BLOCK, layout), JSON.stringify(block));
  }
  for (let b = 0; b * VECTOR_BLOCK < threads.length; b++) {
    const block = emb.threads.slice(b * VECTOR_BLOCK, (b + 1) * VECTOR_BLOCK).map((v, i) => (v ? [ords[b * VECTOR_BLOCK + i]!, encodeInt8(quantize(v))] : null));
    emit(vectorBlockPath(b * VECTOR_BLOCK, layout), JSON.stringify(block));
  }
  return layout;
}
