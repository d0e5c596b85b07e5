// Disentanglement metrics of Kummerfeld et al. (2019), as in their tools/evaluation/conversation-eval.py:
// one-to-one overlap (Elsner & Charniak 2008) via an optimal assignment, and exact-match P/R/F over threads
// (threads of a single message are skipped on both sides, their default). Topic agreement is ours.
import { maxWeightAssignment } from './hungarian.ts';

export type Clustering = number[][];

export interface ExactMatch {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
  gold: number;
  predicted: number;
}

/** Overlap counts between every gold and predicted cluster. */
export function contingency(gold: Clustering, pred: Clustering): number[][] {
  const where = new Map<number, number>();
  pred.forEach((c, j) => c.forEach((x) => where.set(x, j)));
  return gold.map((g) => {
    const row = new Array(pred.length).fill(0);
    for (const x of g) { const j = where.get(x); if (j !== undefined) row[j]++; }
    return row;
  });
}

/** The optimal one-to-one pairing gold index -> predicted index (-1 when unpaired). */
export function oneToOneAssignment(gold: Clustering, pred: Clustering): number[] {
  return maxWeightAssignment(contingency(gold, pred));
}

/** Share of messages covered by the best one-to-one pairing of gold and predicted threads (0..1). */
export function oneToOne(gold: Clustering, pred: Clustering): number {
  const total = gold.reduce((n, c) => n + c.length, 0);
  if (total === 0) return 1;
  const table = contingency(gold, pred);
  const pairs = maxWeightAssignment(table);
  let overlap = 0;
  pairs.forEach((j, i) => { if (j >= 0) overlap += table[i]![j]!; });
  return overlap / total;
}

const key = (c: number[]) => [...c].sort((a, b) => a - b).join(',');

/** Exact-match precision/recall/F1 over threads (0..1). */
export function exactMatch(gold: Clustering, pred: Clustering, skipSingle = true): ExactMatch {
  const g = gold.filter((c) => !skipSingle || c.length > 1);
  const p = pred.filter((c) => !skipSingle || c.length > 1);
  const predKeys = new Set(p.map(key));
  const matched = g.filter((c) => predKeys.has(key(c))).length;
  const precision = p.length ? matched / p.length : 0;
  const recall = g.length ? matched / g.length : 0;
  const f1 = matched ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, matched, gold: g.length, predicted: p.length };
}

/**
 * Topic agreement: over gold threads that carry topics, the share whose one-to-one partner's best topic is one
 * of the gold topics (a partner with no topic agrees only with a gold thread tagged chit-chat/social).
 */
export function topicAgreement(
  gold: { seqs: number[]; topics: string[] }[],
  pred: { seqs: number[]; topics: string[] }[],
  noTopic: string[] = ['chit-chat', 'social'],
): number {
  // social and chit-chat are one family (content/topics.yaml says why).
  const same = (a: string, b: string) => a === b || (noTopic.includes(a) && noTopic.includes(b));
  const pairs = oneToOneAssignment(gold.map((g) => g.seqs), pred.map((p) => p.seqs));
  let n = 0;
  let ok = 0;
  gold.forEach((g, i) => {
    if (g.topics.length === 0) return;
    n++;
    const p = pairs[i]! >= 0 ? pred[pairs[i]!] : null;
    const top = p?.topics[0];
    if (top ? g.topics.some((t) => same(t, top)) : g.topics.some((t) => noTopic.includes(t))) ok++;
  });
  return n ? ok / n : 1;
}
