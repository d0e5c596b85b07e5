// How much of an archive the topics reach: the share of substantive threads (src/topics/substance.ts: 3+ messages,
// two of which say something in words; the rest is chit-chat by that measure) that carry a topic, and a
// reproducible random sample of a topic's threads for judging by hand.
import { isOffTopic } from './family.ts';
import { isSubstantive } from './substance.ts';
import type { Thread } from '../model/types.ts';
import { mulberry32 } from '../model/random.ts';

export interface Coverage {
  /** Threads of the archive, and those with substance. */
  threads: number;
  substantive: number;
  /** Substantive threads with a topic, and those whose first topic is social or chit-chat (talk about people or fun). */
  tagged: number;
  offTopic: number;
  share: number;
}


export function topicCoverage(threads: readonly Thread[], textsOf: (t: Thread) => readonly string[]): Coverage {
  const subst = threads.filter((t) => isSubstantive(textsOf(t)));
  const tagged = subst.filter((t) => t.topics.length > 0);
  return {
    threads: threads.length,
    substantive: subst.length,
    tagged: tagged.length,
    offTopic: tagged.filter((t) => isOffTopic(t.topics[0])).length,
    share: subst.length ? tagged.length / subst.length : 1,
  };
}

/** A seeded PRNG, so a sample can be drawn again by anyone with the same seed. */
export const seededRandom = mulberry32;

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
