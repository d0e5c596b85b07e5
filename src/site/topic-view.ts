// What a topic page leads with and what a thread page says about its topics. Pure.
import type { Term, Thread } from '../model/types.ts';

/**
 * How much a Q&A thread offers a reader: answers by others, people taking part and length all count, so a
 * question answered at length by several members ranks above a newer one-line exchange.
 */
export function substance(t: Thread): number {
  return (1 + t.answerIds.length) * t.participants.length * Math.log2(1 + t.seqs.length);
}

/** The topic's Q&A threads (a question with at least one answer), most substantial first. */
export function leadingQA(threads: readonly Thread[], n: number): Thread[] {
  return threads
    .filter((t) => t.questionId !== null && t.answerIds.length > 0)
    .map((t) => ({ t, s: substance(t) }))
    .sort((a, b) => b.s - a.s || b.t.id.localeCompare(a.t.id))
    .slice(0, n)
    .map((x) => x.t);
}

/** Glossary terms filed under a topic, those occurring in most of its threads first. */
export function keyTerms(terms: readonly Term[], slug: string, threads: readonly Thread[]): Term[] {
  const ids = new Set(threads.map((t) => t.id));
  return terms
    .filter((t) => t.topics.includes(slug))
    .map((t) => ({ t, n: t.threadIds.filter((id) => ids.has(id)).length }))
    .sort((a, b) => b.n - a.n || a.t.term.localeCompare(b.t.term))
    .map((x) => x.t);
}

/** "路由规则、四方系统" — the terms that decided a topic, for the thread page's quiet line. */
export function evidenceLine(t: Thread, slug: string, max = 4): string {
  return (t.topicEvidence?.[slug] ?? []).slice(0, max).join('、');
}
