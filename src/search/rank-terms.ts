// How exact term results are ordered (tiers by matched terms, tf·idf within a tier); questions and concepts are
// ranked by BM25F in rank.ts. Scores are tiers: every query
// term a message contains lifts it one tier, and relevance (tf·idf, weighted by the message's role in its
// thread) only orders messages within a tier. Pure; the browser and `npm run cli -- search` rank alike.
import { ROLE_ANSWER, ROLE_QUESTION } from './format.ts';

/** One tier per matched query term: a message holding all terms outranks every message missing one. */
export const TIER = 100;
/** Relevance is capped below a tier (TIER - 10), leaving room for the thread bonus without crossing tiers. */
export const MAX_RELEVANCE = 90;
/** A question or an answer is what a searcher usually wants; other messages of a thread weigh 1. */
export const ROLE_WEIGHT: Readonly<Record<number, number>> = { [ROLE_QUESTION]: 1.5, [ROLE_ANSWER]: 1.25 };
/** A thread gains THREAD_BONUS · ln(matching messages), at most MAX_THREAD_BONUS (< TIER - MAX_RELEVANCE). */
export const THREAD_BONUS = 2;
export const MAX_THREAD_BONUS = 9;

/** Inverse document frequency of a term found in `postings` of `messageCount` messages. */
export function idf(messageCount: number, postings: number): number {
  return Math.log(1 + messageCount / Math.max(1, postings));
}

/** A term's contribution to a message's relevance: idf, damped term frequency. */
export function termWeight(idfOfTerm: number, tf: number): number {
  return idfOfTerm * (1 + Math.log(tf));
}

/** A message's score from how many query terms it matched, their summed termWeight and its role. */
export function messageScore(matched: number, relevance: number, role: number): number {
  return (matched - 1) * TIER + Math.min(MAX_RELEVANCE, relevance * (ROLE_WEIGHT[role] ?? 1));
}

/** A thread's score: its best message's, lifted a little by its other matches, never into the next tier. */
export function threadScore(bestScore: number, matches: number): number {
  return bestScore + Math.min(MAX_THREAD_BONUS, THREAD_BONUS * Math.log(matches));
}

/** Result order: higher score first; then the newer discussion; then archive order (stable across runs). */
export function rankOrder(a: { score: number; date: string }, b: { score: number; date: string }, ordA: number, ordB: number): number {
  return b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || ordA - ordB;
}

/** What ordering needs of a matching message. */
export interface RankedMessage {
  ord: number;
  score: number;
  date: string;
}

/** A thread of an exact answer: its best message, its matching messages, its score. */
export interface RankedThread<H, K> {
  key: K;
  best: H;
  count: number;
  score: number;
  date: string;
}

/** Whether `a` comes before `b` in result order (rankOrder on messages). */
const before = (a: RankedMessage, b: RankedMessage) => rankOrder(a, b, a.ord, b.ord) < 0;

/** Messages grouped by thread: each group's first message in result order and its size. */
function groupThreads<H extends RankedMessage, K>(messages: Iterable<H>, keyOf: (h: H) => K, exclude?: { has(key: K): boolean }): Map<K, { best: H; count: number }> {
  const groups = new Map<K, { best: H; count: number }>();
  for (const h of messages) {
    const key = keyOf(h);
    if (exclude?.has(key)) continue;
    const g = groups.get(key);
    if (!g) groups.set(key, { best: h, count: 1 });
    else {
      g.count++;
      if (before(h, g.best)) g.best = h;
    }
  }
  return groups;
}

/**
 * The first `limit` of `threads` under `order`, in order, without sorting them all: a common term has thousands of
 * threads and a page shows ten.
 */
function firstOf<T>(threads: T[], order: (a: T, b: T) => number, limit: number): T[] {
  if (limit >= threads.length) return threads.sort(order);
  const top: T[] = [];
  if (limit <= 0) return top;
  for (const t of threads) {
    if (top.length >= limit && order(t, top[top.length - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(top[mid]!, t) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, t);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** The threads of a ranked answer: the first `limit` in result order, how many there are, which there are. */
export interface RankedThreads<H, K> {
  threads: RankedThread<H, K>[];
  count: number;
  has(key: K): boolean;
}

const threadOrder = <H extends RankedMessage, K>(a: RankedThread<H, K>, b: RankedThread<H, K>) => rankOrder(a, b, a.best.ord, b.best.ord);

/**
 * The threads of an exact term answer, in result order: the messages grouped by `keyOf` (their thread, or the
 * message itself outside threads), each led by its first message in result order and scored by threadScore. Only
 * the first `limit` are ordered; the result heads (src/search/head-build.ts) rank every common term this way.
 */
export function rankThreads<H extends RankedMessage, K>(messages: Iterable<H>, keyOf: (h: H) => K, limit = Infinity): RankedThreads<H, K> {
  const groups = groupThreads(messages, keyOf);
  const all: RankedThread<H, K>[] = [];
  for (const [key, { best, count }] of groups) all.push({ key, best, count, score: threadScore(best.score, count), date: best.date });
  return { threads: firstOf(all, threadOrder, limit), count: groups.size, has: (k) => groups.has(k) };
}

/** How far below the exact answer's lowest message score the threads found only through aliases go. */
const ALIAS_DROP = 1000;

/**
 * The threads a term query finds only through the other names of the glossary term it names, as they follow the
 * exact answer (src/search/ask.ts): the alias matches (`via`, scored as a term query over the aliases) outside the
 * exact answer's threads (`exclude`), grouped as rankThreads groups, each scored by its best message alone, put below
 * every exact message (`floor`: the exact answer's lowest message score), newer first on a tie.
 */
export function aliasThreads<H extends RankedMessage, K>(via: Iterable<H>, keyOf: (h: H) => K, exclude: { has(key: K): boolean }, floor: number, limit = Infinity): RankedThreads<H, K> {
  const groups = groupThreads(via, keyOf, exclude);
  const base = Math.min(0, floor) - ALIAS_DROP;
  const all: RankedThread<H, K>[] = [];
  for (const [key, { best, count }] of groups) all.push({ key, best, count, score: base + best.score, date: best.date });
  const order = (a: RankedThread<H, K>, b: RankedThread<H, K>) =>
    b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || rankOrder(a.best, b.best, a.best.ord, b.best.ord);
  return { threads: firstOf(all, order, limit), count: groups.size, has: (k) => groups.has(k) };
}
