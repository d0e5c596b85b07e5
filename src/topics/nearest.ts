// The last step of tagging: a thread with substance (src/topics/substance.ts) that no topic claimed on its terms
// takes the broad topic (content/topics.yaml: 行业动态, 风控与合规, 技术栈, 闲聊 …) whose threads it reads most like.
// Each broad topic's profile is the mean TF-IDF vector of the threads the evidence tagger gave it as first topic
// (the archive teaches itself its topics' wider vocabulary); the thread gets the nearest profile when the cosine
// reaches MIN_SIMILARITY, with the words that weigh most in both as its evidence. A precise topic (对账, 路由) comes
// only from its own terms, never from here. Pure; runs once over the whole archive's threads.
import { sparseCosine, type SparseVector } from '../semantic/tfidf.ts';
import { cjkBigrams, latinTokens, normalize } from '../text/tokenize.ts';
import { withoutMentions } from '../text/substance.ts';
import { isSubstantive } from './substance.ts';
import type { Thread, Topic } from '../model/types.ts';

/** Chosen on the archive so that threads of likes and stickers stay untagged and talk with substance does not. */
export const MIN_SIMILARITY = 0.04;
const EVIDENCE_WORDS = 3;

export interface Nearest {
  slug: string;
  score: number;
  evidence: string[];
}

export interface TopicProfiles {
  idf: Map<string, number>;
  profiles: { slug: string; v: SparseVector }[];
}

interface Doc {
  topics: readonly string[];
  texts: readonly string[];
}

function counts(texts: readonly string[]): Map<string, number> {
  const lower = normalize(withoutMentions(texts.join('\n')));
  const tf = new Map<string, number>();
  // CJK bigrams and Latin words: the context-free tokens of src/text/tokenize.ts (Segmenter words would cost the
  // build half a minute over the archive).
  for (const tok of [...cjkBigrams(lower), ...latinTokens(lower)]) tf.set(tok, (tf.get(tok) ?? 0) + 1);
  return tf;
}

function vector(tf: Map<string, number>, idf: Map<string, number>): SparseVector {
  const v: SparseVector = new Map();
  for (const [k, c] of tf) {
    const w = idf.get(k);
    if (w !== undefined && w > 0) v.set(k, (1 + Math.log(c)) * w);
  }
  return normalized(v);
}

/** idf over all threads (a token of one thread relates it to no other) and the candidates' profiles. */
export function topicProfiles(docs: readonly Doc[], candidates: ReadonlySet<string>): TopicProfiles {
  const tfs = docs.map((d) => counts(d.texts));
  const df = new Map<string, number>();
  for (const tf of tfs) for (const k of tf.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [k, f] of df) if (f >= 2) idf.set(k, Math.log((docs.length + 1) / f));
  const sums = new Map<string, SparseVector>();
  docs.forEach((d, i) => {
    const slug = d.topics[0];
    const tf = tfs[i];
    if (slug === undefined || !tf || !candidates.has(slug)) return;
    const sum = sums.get(slug) ?? new Map<string, number>();
    for (const [k, w] of vector(tf, idf)) sum.set(k, (sum.get(k) ?? 0) + w);
    sums.set(slug, sum);
  });
  // Profiles in a fixed order (by slug) so ties resolve the same way on every build.
  return { idf, profiles: [...sums].sort((a, b) => a[0].localeCompare(b[0])).map(([slug, sum]) => ({ slug, v: normalized(sum) })) };
}

/** The nearest profile of a substantive thread's texts, or null (not substantive, or nothing near enough). */
export function nearestTopic(texts: readonly string[], p: TopicProfiles, minSimilarity = MIN_SIMILARITY): Nearest | null {
  if (!isSubstantive(texts)) return null;
  const v = vector(counts(texts), p.idf);
  if (v.size === 0) return null;
  let best: { slug: string; v: SparseVector; score: number } | null = null;
  for (const q of p.profiles) {
    const score = sparseCosine(v, q.v);
    if (!best || score > best.score) best = { ...q, score };
  }
  if (!best || best.score < minSimilarity) return null;
  return { slug: best.slug, score: Math.round(best.score * 1000) / 1000, evidence: sharedWords(v, best.v) };
}

/** For each thread (by index): its nearest broad topic when it is substantive and untagged, else null. */
export function nearestTopics(docs: readonly Doc[], candidates: ReadonlySet<string>, minSimilarity = MIN_SIMILARITY): (Nearest | null)[] {
  const p = topicProfiles(docs, candidates);
  return docs.map((d) => (d.topics.length > 0 ? null : nearestTopic(d.texts, p, minSimilarity)));
}

function normalized(v: SparseVector): SparseVector {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  const n = Math.sqrt(norm) || 1;
  const out: SparseVector = new Map();
  for (const [k, w] of v) out.set(k, w / n);
  return out;
}

/** The words (two or more characters, not numbers) that weigh most in both the thread and the profile. */
function sharedWords(v: SparseVector, profile: SparseVector): string[] {
  return [...v]
    .filter(([k]) => [...k].length >= 2 && !/^[0-9.]+$/.test(k))
    .map(([k, w]) => [k, w * (profile.get(k) ?? 0)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, EVIDENCE_WORDS)
    .map(([k]) => k);
}

export const broadTopics = (topics: readonly Topic[]): Set<string> => new Set(topics.filter((t) => t.broad).map((t) => t.slug));

/** Threads with the nearest broad topic filled in where the evidence tagger left a substantive thread without one. */
export function fillNearestTopics(threads: Thread[], topics: readonly Topic[], textsOf: (t: Thread) => string[]): Thread[] {
  const found = nearestTopics(threads.map((t) => ({ topics: t.topics, texts: textsOf(t) })), broadTopics(topics));
  return threads.map((t, i) => {
    const n = found[i];
    if (!n) return t;
    return { ...t, topics: [n.slug], topicScores: [{ slug: n.slug, score: n.score }], topicEvidence: { [n.slug]: n.evidence } };
  });
}
