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
