// Topic agreement as issue 16 defines it: for each gold thread that carries topics, take the predicted thread
// holding most of its messages; it agrees when it carries the gold's first topic among its topics. social and
// chit-chat are one family (content/topics.yaml says why), and a partner with no topic agrees only with a gold
// thread whose first topic is of that family. Pure.

import { isOffTopic } from '../topics/family.ts';

export interface TopicCase {
  seqs: readonly number[];
  topics: readonly string[];
}

export interface TopicAgreement {
  /** Gold threads with topics. */
  total: number;
  agreed: number;
  /** agreed / total (1 when there is nothing to compare). */
  rate: number;
  /** One line per disagreement: gold first topic vs the partner's topics. */
  misses: { gold: readonly string[]; predicted: readonly string[]; seq: number }[];
}

const same = (a: string, b: string) => a === b || (isOffTopic(a) && isOffTopic(b));

/** Index of the predicted thread holding most of `seqs` (earliest on ties), or -1. */
export function partnerOf(seqs: readonly number[], pred: readonly TopicCase[]): number {
  const owner = new Map<number, number>();
  pred.forEach((p, j) => p.seqs.forEach((s) => owner.set(s, j)));
  const hits = new Map<number, number>();
  for (const s of seqs) {
    const j = owner.get(s);
    if (j !== undefined) hits.set(j, (hits.get(j) ?? 0) + 1);
  }
  let best = -1;
  let most = 0;
  for (const [j, n] of hits) if (n > most || (n === most && j < best)) { best = j; most = n; }
  return best;
}

export function firstTopicAgreement(gold: readonly TopicCase[], pred: readonly TopicCase[]): TopicAgreement {
  let total = 0;
  let agreed = 0;
  const misses: TopicAgreement['misses'] = [];
  for (const g of gold) {
    const first = g.topics[0];
    if (first === undefined) continue;
    total++;
    const j = partnerOf(g.seqs, pred);
    const topics = j >= 0 ? pred[j]?.topics ?? [] : [];
    const ok = topics.length ? topics.some((t) => same(t, first)) : isOffTopic(first);
    if (ok) agreed++;
    else misses.push({ gold: g.topics, predicted: topics, seq: g.seqs[0] ?? 0 });
  }
  return { total, agreed, rate: total ? agreed / total : 1, misses };
}
