// Retrieval metrics over judged queries: MRR@k and recall@k. Pure: ranked ids and judged ids in, numbers out.

export interface JudgedQuery {
  q: string;
  kind: 'question' | 'concept';
  split: 'dev' | 'test';
  relevant: string[];
}

export interface DevSet {
  note: string;
  /** Day ids the judgments cover; results from other days are ignored (they were never judged). */
  days: string[];
  queries: JudgedQuery[];
}

/** Reciprocal rank of the first relevant id within the first k (0 when none). */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  const i = ranked.slice(0, k).findIndex((id) => relevant.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Share of the relevant ids found within the first k. */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  if (!relevant.size) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export interface Scores {
  n: number;
  mrr: number;
  recall: number;
}

/** Mean MRR@k and recall@k of ranked lists (one per query, same order). */
export function score(queries: readonly JudgedQuery[], ranked: readonly (readonly string[])[], k = 10): Scores {
  let mrr = 0;
  let recall = 0;
  queries.forEach((q, i) => {
    const rel = new Set(q.relevant);
    mrr += reciprocalRank(ranked[i] ?? [], rel, k);
    recall += recallAt(ranked[i] ?? [], rel, k);
  });
  const n = queries.length;
  return { n, mrr: n ? mrr / n : 0, recall: n ? recall / n : 0 };
}
