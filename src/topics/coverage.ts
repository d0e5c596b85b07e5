// How much of an archive the topics reach: the share of substantive threads (3+ messages, not chit-chat or
// social talk) that carry a topic, and a reproducible random sample of a topic's threads for judging by hand.
import { NO_TOPIC_FAMILY } from '../eval/topics.ts';
import type { Thread } from '../model/types.ts';

export const SUBSTANTIVE_MESSAGES = 3;

export interface Coverage {
  substantive: number;
  tagged: number;
  share: number;
}

const offTopic = (slug: string | undefined) => slug !== undefined && (NO_TOPIC_FAMILY as readonly string[]).includes(slug);

/** Threads of 3+ messages whose first topic is not chit-chat/social; untagged ones count as not covered. */
export function topicCoverage(threads: readonly Thread[]): Coverage {
  const subst = threads.filter((t) => t.seqs.length >= SUBSTANTIVE_MESSAGES && !offTopic(t.topics[0]));
  const tagged = subst.filter((t) => t.topics.length > 0).length;
  return { substantive: subst.length, tagged, share: subst.length ? tagged / subst.length : 1 };
}

/** mulberry32: a tiny seeded PRNG, so a sample can be drawn again by anyone with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n threads carrying `slug`, drawn without replacement (partial Fisher–Yates over the id-sorted list). */
export function sampleTopic(threads: readonly Thread[], slug: string, n: number, seed: number): Thread[] {
  const pool = threads.filter((t) => t.topics.includes(slug)).sort((a, b) => a.id.localeCompare(b.id));
  const rnd = seededRandom(seed);
  const k = Math.min(n, pool.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (pool.length - i));
    const x = pool[i];
    const y = pool[j];
    if (x === undefined || y === undefined) continue;
    pool[i] = y;
    pool[j] = x;
  }
  return pool.slice(0, k);
}
