// The embedding signals of question search, when the index carries a model's thread embeddings (ask-format.ts):
// - neighbours (browser and CLI): pseudo-relevance feedback. The few threads ranked first by the lexical and
//   term-vector signals pull in their nearest threads by embedding, each weighted by the seed's rank. Only the
//   neighbour blocks of those few seeds are fetched, a few KiB; the browser never downloads a model.
// - query (CLI only, where the model can embed the query): the query's embedding against every thread's.
// Each gives a ranked list of threads (number and heading message), fused with the others by ask.ts.
import type { SearchClient } from './client.ts';
import { decodeInt8, neighbourBlockPath, vectorBlockPath, type AskEmbedding, type NeighbourList, type ThreadEmbedding } from './ask-format.ts';
import { cosineInt8, RRF_K } from './rank.ts';

export interface EmbeddingHit {
  tno: number;
  /** The thread's question (else first) message: what a thread found only this way shows. */
  ord: number;
  score: number;
}

/** Seeds: the first threads of the fused lexical and term-vector ranking that pull in their neighbours. */
export const FEEDBACK_SEEDS = 5;

const byScore = (a: EmbeddingHit, b: EmbeddingHit) => b.score - a.score || a.tno - b.tno;

/**
 * Threads near the seeds (thread numbers, best first): score = Σ over seeds of similarity / (RRF_K + seed rank),
 * so a neighbour of the first thread counts most and a thread near several seeds adds up. Seeds themselves are
 * not listed (they already rank).
 */
export async function neighbourHits(client: SearchClient, e: AskEmbedding, seeds: readonly number[]): Promise<EmbeddingHit[]> {
  const lists = await Promise.all(seeds.map(async (tno) => {
    const block = await client.fileJson<NeighbourList[]>(neighbourBlockPath(tno, e)).catch(() => [] as NeighbourList[]);
    return block[tno % e.neighbourBlock] ?? [];
  }));
  const seedSet = new Set(seeds);
  const acc = new Map<number, EmbeddingHit>();
  lists.forEach((flat, rank) => {
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const [tno, ord, sim] = [flat[i]!, flat[i + 1]!, flat[i + 2]! / 1000];
      if (seedSet.has(tno) || sim <= 0) continue;
      const h = acc.get(tno) ?? { tno, ord, score: 0 };
      h.score += sim / (RRF_K + rank + 1);
      acc.set(tno, h);
    }
  });
  return [...acc.values()].sort(byScore);
}

/** Threads by cosine of their embedding with the query's (every vector block: the CLI reads local files). */
export async function queryEmbeddingHits(client: SearchClient, e: AskEmbedding, threads: number, query: Float32Array, limit: number): Promise<EmbeddingHit[]> {
  const blocks = await Promise.all(Array.from({ length: Math.ceil(threads / e.vectorBlock) }, (_, b) =>
    client.fileJson<ThreadEmbedding[]>(vectorBlockPath(b * e.vectorBlock, e)).catch(() => [] as ThreadEmbedding[])));
  const out: EmbeddingHit[] = [];
  blocks.forEach((block, b) => block.forEach((x, i) => {
    if (x) out.push({ tno: b * e.vectorBlock + i, ord: x[0], score: cosineInt8(query, decodeInt8(x[1])) });
  }));
  return out.sort(byScore).slice(0, limit);
}
