// Topic tagging that weighs evidence. A thread is about a topic when the topic's terms are specific (rare over the
// archive: idf), spread over the thread's messages and speakers, present in its question, and backed by glossary
// terms filed under the topic — not when one generic word (通道, 渠道) is mentioned once. The weights of those
// evidence features are fitted on the gold threads by scripts/fit-topics.ts and committed as
// src/topics/model.json; this module only computes features and applies the model. Pure.
import { TermsMatcher } from '../glossary/terms-matcher.ts';
import type { Term, Topic, TopicScore } from '../model/types.ts';
import { contentChars } from '../text/substance.ts';
import { episodes } from './episodes.ts';
import { isOffTopic as offTopic } from './family.ts';

// Every feature is bounded or log-scaled, so a long thread's raw counts cannot swamp the fit: evidence mass (log),
// the question's share of it, how much of the thread talks about the topic (share of words, of messages, of
// speakers), glossary backing, how many distinct terms, the topic's standing against the thread's best topic, and
// whether the evidence is specific and the topic broad (broad topics need more evidence to win a thread).
export const FEATURES = ['body', 'lead', 'spread', 'speakers', 'glossary', 'distinct', 'relative', 'share', 'specific', 'broad'] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface TopicModel {
  /** Inverse document frequency over the archive's messages of each (lower-cased) term; missing: defaultIdf. */
  idf: Record<string, number>;
  defaultIdf: number;
  bias: number;
  weights: Record<FeatureName, number>;
  /** A topic is tagged when its probability reaches this. */
  threshold: number;
  /** A thread of at least this many messages gets its best topic even under the threshold (when it has evidence). */
  substantive: number;
  maxTopics: number;
  /** A term is specific when it has this many characters (ASCII words: any length) or its idf reaches specificIdf. */
  specificLength: number;
  specificIdf: number;
  /** Evidence made only of generic terms counts when it is spread over at least this many messages. */
  genericMessages: number;
  /** A topic whose messages hold less than this share of what a thread says (its words) is a minor mention. */
  minorShare: number;
  /** Episodes (src/topics/episodes.ts): a pause longer than episodeGap seconds ends one (0: not used); an episode
   * needs episodeMin messages. Chosen by the fit with the threshold (src/topics/fit.ts). */
  episodeGap: number;
  episodeMin: number;
}

/** What the scorer reads of a thread: its messages' texts and speakers, and which message opens it. */
export interface ThreadText {
  texts: string[];
  speakers: string[];
  /** Index (into texts) of the question, else of the first message. */
  lead: number;
  /** The lead is the thread's question (not merely its first message). */
  asked?: boolean;
  /** Seconds since midnight of each message (src/topics/episodes.ts splits at long pauses); absent: one episode. */
  seconds?: number[];
}

interface Pattern {
  text: string;
  /** Long or rare enough to name a topic on its own (see TopicModel.specificLength); 对账 or 四方 alone are not. */
  specific: boolean;
  /** ASCII words (java, pos, k8s) must not be part of a longer word: "pos" in "deposit" is no POS. */
  word: boolean;
}

interface CompiledTopic {
  slug: string;
  broad: boolean;
  /** Patterns of the topic's negative evidence (Topic.unless). */
  unless: number[];
  /** Patterns of its context terms (Topic.context): evidence, but not enough to name the topic alone. */
  context: Set<number>;
  /** Pattern index and idf of each distinct topic term. */
  terms: { pattern: number; idf: number }[];
  /** Glossary words (term and aliases) of entries filed under this topic, with idf shared by the entry's topics. */
  glossary: { pattern: number; weight: number }[];
}

export interface TopicTagger {
  topics: CompiledTopic[];
  patterns: Pattern[];
  matcher: TermsMatcher;
  model: TopicModel;
}

const ASCII_WORD = /^[a-z0-9][a-z0-9+#.\- ]*$/;
const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/.test(c);

/** The taxonomy, glossary and model prepared once for scoring every thread of an archive. */
export function compileTagger(topics: readonly Topic[], glossary: readonly Term[], model: TopicModel): TopicTagger {
  const patterns: Pattern[] = [];
  const index = new Map<string, number>();
  const patternOf = (raw: string): number | null => {
    const text = String(raw).toLowerCase().trim();
    if (!text) return null;
    let p = index.get(text);
    if (p === undefined) {
      p = patterns.length;
      const word = ASCII_WORD.test(text);
      const idfOf = model.idf[text] ?? model.defaultIdf;
      patterns.push({ text, word, specific: word || [...text].length >= model.specificLength || idfOf >= model.specificIdf });
      index.set(text, p);
    }
    return p;
  };
  const idf = (p: number) => model.idf[patterns[p]?.text ?? ''] ?? model.defaultIdf;
  const compiled: CompiledTopic[] = topics.map((t) => {
    const seen = new Set<number>();
    const terms: CompiledTopic['terms'] = [];
    for (const raw of [...t.terms, ...(t.context ?? [])]) {
      const p = patternOf(String(raw));
      if (p === null || seen.has(p)) continue;
      seen.add(p);
      terms.push({ pattern: p, idf: idf(p) });
    }
    const unless = (t.unless ?? []).map((u) => patternOf(String(u))).filter((p): p is number => p !== null);
    const context = new Set((t.context ?? []).map((u) => patternOf(String(u))).filter((p): p is number => p !== null));
    return { slug: t.slug, broad: t.broad === true, unless, context, terms, glossary: [] };
  });
  const bySlug = new Map(compiled.map((c) => [c.slug, c]));
  for (const g of glossary) {
    const filed = g.topics.map((s) => bySlug.get(s)).filter((c): c is CompiledTopic => c !== undefined);
    if (filed.length === 0) continue;
    for (const w of [g.term, ...g.aliases]) {
      const p = patternOf(w);
      if (p === null) continue;
      // An entry filed under three topics is weaker evidence for each of them than one filed under one.
      for (const c of filed) c.glossary.push({ pattern: p, weight: idf(p) / filed.length });
    }
  }
  return { topics: compiled, patterns, matcher: new TermsMatcher(patterns.map((p) => p.text)), model };
}

/** Occurrences of each pattern in one text (ASCII words only at word boundaries). */
export function countPatterns(text: string, tagger: TopicTagger): Map<number, number> {
  const lower = text.toLowerCase();
  const counts = new Map<number, number>();
  tagger.matcher.scan(lower, (p, start) => {
    const pat = tagger.patterns[p];
    if (!pat) return;
    if (pat.word && (isWordChar(lower[start - 1]) || isWordChar(lower[start + pat.text.length]))) return;
    counts.set(p, (counts.get(p) ?? 0) + 1);
  });
  return counts;
}

export interface TopicFeatures {
  slug: string;
  broad: boolean;
  features: number[];
  /** Terms that gave evidence, strongest first. */
  evidence: string[];
  /** Messages holding some evidence, and whether the lead (question) is one of them. */
  messages: number;
  inLead: boolean;
  /** Some matched term is specific (long or rare); otherwise the evidence is generic words only. */
  specific: boolean;
  /** Share of the thread's words (src/text/substance.ts; a repeated message counted once) in messages with evidence. */
  share: number;
  /** Evidence mass: weighted term and glossary matches (0: the thread never names the topic). */
  mass: number;
  /** The same measures over the topic's core evidence: its own words less its context terms (Topic.context); for a
   * topic without context terms, the figures above. `named`: a term of the topic (not only a glossary word) matched. */
  core: CoreEvidence;
}

export interface CoreEvidence {
  /** Messages that hold the evidence (a word-for-word repeat counted once). */
  messages: number;
  /** Speakers of those messages. */
  speakers: number;
  inLead: boolean;
  specific: boolean;
  share: number;
  named: boolean;
  /** One of the topic's own terms (not a context or glossary word) is in the lead; always false for a topic with context terms. */
  namedInLead: boolean;
}

/** Evidence features of every topic for one thread, in FEATURES order. */
export function topicFeatures(thread: ThreadText, tagger: TopicTagger): TopicFeatures[] {
  const perMessage = thread.texts.map((t) => countPatterns(t, tagger));
  const allTotal = sumCounts(perMessage);
  const participants = new Set(thread.speakers).size || 1;
  // Words per message, a message repeated word for word (members re-post, the exporter duplicates) counted once.
  const seenText = new Set<string>();
  const words = thread.texts.map((t) => { const k = t.trim(); if (seenText.has(k)) return 0; seenText.add(k); return contentChars(t); });
  const allWords = words.reduce((a, b) => a + b, 0) || 1;
  const n = thread.texts.length || 1;
  const raw = tagger.topics.map((t) => {
    // Negative evidence: messages naming one of the topic's `unless` words give it nothing.
    const mine = t.unless.length ? perMessage.map((m) => (t.unless.some((u) => m.has(u)) ? EMPTY : m)) : perMessage;
    const total = t.unless.length ? sumCounts(mine) : allTotal;
    const lead = mine[thread.lead] ?? EMPTY;
    const contribution = new Map<string, number>();
    let body = 0;
    let leadScore = 0;
    let distinct = 0;
    for (const { pattern, idf } of t.terms) {
      const c = total.get(pattern) ?? 0;
      if (c === 0) continue;
      const w = idf * Math.log2(1 + c);
      body += w;
      distinct++;
      leadScore += idf * Math.log2(1 + (lead.get(pattern) ?? 0));
      const text = tagger.patterns[pattern]?.text ?? '';
      contribution.set(text, (contribution.get(text) ?? 0) + w);
    }
    let gloss = 0;
    for (const { pattern, weight } of t.glossary) {
      const c = total.get(pattern) ?? 0;
      if (c === 0) continue;
      const w = weight * Math.log2(1 + c);
      gloss += w;
      const text = tagger.patterns[pattern]?.text ?? '';
      contribution.set(text, (contribution.get(text) ?? 0) + w);
    }
    const own = new Set<number>([...t.terms.map((x) => x.pattern), ...t.glossary.map((x) => x.pattern)]);
    const { messages, share, inLead, specific, speakers } = reach(mine, thread, words, allWords, own, tagger);
    // Core evidence: what is left without the context terms (会计, 科目: accounting vocabulary that study talk and
    // other industries use too). The rules of chooseTopics read it, so context words back a topic but never name it.
    const core = t.context.size === 0 ? null : coreEvidence(mine, thread, words, allWords, t, tagger);
    const evidence = [...contribution].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
    return { slug: t.slug, broad: t.broad, body, leadScore, gloss, distinct, messages, inLead, specific, share, spread: messages / n, speakers: speakers / participants, evidence,
      core: core ?? { messages, speakers, inLead, specific, share, named: body > 0, namedInLead: leadScore > 0 && inLead } };
  });
  const best = Math.max(0, ...raw.map((r) => r.body + r.gloss));
  return raw.map((r) => ({
    slug: r.slug,
    broad: r.broad,
    evidence: r.evidence,
    messages: r.messages,
    inLead: r.inLead,
    specific: r.specific,
    share: r.share,
    mass: r.body + r.gloss,
    core: r.core,
    features: [
      Math.log2(1 + r.body),
      r.body > 0 ? Math.min(1, r.leadScore / r.body) : 0,
      r.spread,
      r.speakers,
      Math.log2(1 + r.gloss),
      Math.log2(1 + r.distinct),
      best > 0 ? (r.body + r.gloss) / best : 0,
      r.share,
      r.specific ? 1 : 0,
      r.broad ? 1 : 0,
    ],
  }));
}

const EMPTY: ReadonlyMap<number, number> = new Map();

/**
 * Where a set of a topic's patterns shows in a thread (`mine`: its per-message pattern counts after the topic's
 * `unless` words): the messages holding one, their share of the thread's words, their speakers, whether the lead
 * holds one, whether a specific one occurs.
 */
function reach(mine: readonly ReadonlyMap<number, number>[], thread: ThreadText, words: readonly number[], allWords: number, patterns: ReadonlySet<number>, tagger: TopicTagger): { messages: number; share: number; inLead: boolean; specific: boolean; speakers: number } {
  let messages = 0;
  let ownWords = 0;
  let specific = false;
  const speakers = new Set<string>();
  // A word-for-word repeat (`words` is 0 for it) holds no evidence of its own: the exporter's duplicates of one
  // message, under another member's name, are one message, not two members discussing it.
  const saying = (i: number) => (words[i] ?? 0) > 0;
  mine.forEach((m, i) => {
    let hit = false;
    for (const p of m.keys()) {
      if (!patterns.has(p)) continue;
      hit = true;
      if (tagger.patterns[p]?.specific === true) specific = true;
    }
    ownWords += hit ? words[i] ?? 0 : 0;
    if (hit && saying(i)) { messages++; speakers.add(thread.speakers[i] ?? ''); }
  });
  const inLead = saying(thread.lead) && [...(mine[thread.lead] ?? EMPTY).keys()].some((p) => patterns.has(p));
  return { messages, share: ownWords / allWords, inLead, specific, speakers: speakers.size };
}

/** The topic's reach without its context terms (Topic.context), and whether one of its own terms (not only a glossary word) matched. */
function coreEvidence(mine: readonly ReadonlyMap<number, number>[], thread: ThreadText, words: readonly number[], allWords: number, t: CompiledTopic, tagger: TopicTagger): CoreEvidence {
  const core = new Set<number>([...t.terms.map((x) => x.pattern), ...t.glossary.map((x) => x.pattern)].filter((p) => !t.context.has(p)));
  const coreTerms = new Set(t.terms.map((x) => x.pattern).filter((p) => !t.context.has(p)));
  const { messages, share, inLead, specific, speakers } = reach(mine, thread, words, allWords, core, tagger);
  const named = mine.some((m) => [...m.keys()].some((p) => coreTerms.has(p)));
  // The question naming a generic word is not enough for a topic with context terms (ledgers): its vocabulary is
  // also said about study, finance departments and other industries (round 11), and round 12 measured and judged
  // the question rule without it.
  return { messages, speakers, inLead, specific, share, named, namedInLead: false };
}

function sumCounts(perMessage: readonly ReadonlyMap<number, number>[]): Map<number, number> {
  const total = new Map<number, number>();
  for (const m of perMessage) for (const [p, n] of m) total.set(p, (total.get(p) ?? 0) + n);
  return total;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function probability(features: readonly number[], model: TopicModel): number {
  let z = model.bias;
  FEATURES.forEach((f, i) => { z += (model.weights[f] ?? 0) * (features[i] ?? 0); });
  return sigmoid(z);
}

export interface TaggedThread {
  topics: TopicScore[];
  /** Topic slug -> the terms that decided it (strongest first, at most five). */
  evidence: Record<string, string[]>;
}

type Chosen = TopicFeatures & { p: number };

/** Whether a topic's core evidence shows it discussed, not only named: two members use its words, or one keeps to
 * them over genericMessages messages (a talk). */
const discussed = (c: CoreEvidence, m: TopicModel): boolean => c.messages >= 2 && (c.speakers >= 2 || c.messages >= m.genericMessages);

/** The topics a thread's own evidence gives it, most probable first (before its episodes'). */
function chooseTopics(thread: ThreadText, tagger: TopicTagger): Chosen[] {
  const m = tagger.model;
  const scored = topicFeatures(thread, tagger)
    .map((f) => ({ ...f, p: probability(f.features, m) }))
    .filter((s) => s.mass > 0)
    .sort((a, b) => b.p - a.p || a.slug.localeCompare(b.slug));
  // A passing mention — evidence in a single message that is not the thread's question — does not make a thread
  // of three or more messages about a topic (通道 named once in a talk about something else).
  // Nor does a minor one: the topic's messages hold a sliver (minorShare) of what a long thread says.
  // Both rules, and the generic-words rule below, read the core evidence: a topic's context terms (Topic.context)
  // back it but do not name it.
  // Nor is one member naming it in a message or two beside a stronger subject (the 对账文件 of a B2B talk's file
  // service, 网联 pushing only 对账单 in a comparison of 网联 and 银联): a thread discusses a topic when a second
  // member takes its words up, or one member keeps to it over genericMessages messages (a talk), or it is the
  // thread's most probable topic (what a short exchange on 收单 fees is about, however few members name 收单), or its
  // question names it.
  const talkedAbout = (s: (typeof scored)[number]) => discussed(s.core, m) || (s.core.messages >= 2 && s === scored[0]);
  const passing = (s: (typeof scored)[number]) => !s.broad && ((thread.texts.length >= 3 && !talkedAbout(s) && !s.core.inLead) || s.core.share < m.minorShare);
  // Generic words alone (对账, 记账, 四方: short and common) name a precise topic only when many messages use them;
  // a broad topic's everyday words (欢迎, 招聘, 监管) are its evidence.
  // and a glossary entry filed under a precise topic backs that topic's own terms but does not name it alone.
  // The thread's question naming the topic in its own words (怎么对账, 分三次扣款是怎么操作的) says what it is about,
  // however generic the word.
  const specific = (s: (typeof scored)[number]) => s.broad || (s.core.named && (s.core.specific || s.core.messages >= m.genericMessages || (thread.asked === true && s.core.namedInLead)));
  let chosen = oneOffTopic(scored.filter((s) => s.p >= m.threshold && !passing(s) && specific(s))).slice(0, m.maxTopics);
  // A substantive thread with no topic so far takes its best broad topic (行业动态, 群务, 闲聊 …: topics whose
  // everyday words are their evidence) when that is more than a passing mention; a precise topic (对账) never
  // comes from everyday words.
  if (chosen.length === 0 && thread.texts.length >= m.substantive) {
    const broad = scored.find((s) => !passing(s) && specific(s));
    if (broad) chosen = [broad];
  }
  return chosen;
}

/**
 * At most one topic of the off-topic family (social, chit-chat: one family, content/topics.yaml): the more probable
 * stays, so a second one does not take the slot of a payments topic (a news item on 上市 among jokes and greetings).
 */
function oneOffTopic<T extends { slug: string }>(ranked: readonly T[]): T[] {
  let seen = false;
  return ranked.filter((s) => {
    if (!offTopic(s.slug)) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}

/**
 * Topics of a thread, most probable first: those whose probability reaches the threshold (at most maxTopics);
 * a substantive thread under the threshold still gets its best topic when it has any evidence for it; then the
 * topics of its sub-discussions (episodes).
 */
export function tagThread(thread: ThreadText, tagger: TopicTagger): TaggedThread {
  const m = tagger.model;
  const chosen = chooseTopics(thread, tagger);
  const evidence: Record<string, string[]> = {};
  for (const c of chosen) evidence[c.slug] = c.evidence.slice(0, 5);
  const topics = chosen.map((c) => ({ slug: c.slug, score: Math.round(c.p * 1000) / 1000 }));
  // A sub-discussion (an episode of a long thread, src/topics/episodes.ts) brings its own first topic when that
  // reaches the threshold on the episode alone: a short exchange the splitter joined to a longer talk, or the
  // welcome round of a guest talk, keeps its topic instead of drowning in the rest. The episode must talk about it:
  // two or more of its messages carry the evidence (one long message naming 对账 in a monitoring talk does not).
  if (m.episodeGap > 0 && thread.texts.length >= EPISODE_THREAD) {
    const extra: TopicScore[] = [];
    for (const e of episodes(thread, m.episodeGap, m.episodeMin)) {
      const top = chooseTopics(e, tagger)[0];
      // An episode's first topic is always the episode's most probable, so that does not show it discussed:
      // a precise one needs two members, or genericMessages messages of one (a single member's two lines asking
      // for help with 支付路由 in a chat about contacts is no routing sub-discussion).
      if (!top || top.p < m.threshold || (!top.broad && !(top.core.messages >= EPISODE_MESSAGES && discussed(top.core, m))) || topics.some((o) => o.slug === top.slug || (offTopic(o.slug) && offTopic(top.slug)))) continue;
      const score = Math.round(top.p * 1000) / 1000;
      const had = extra.find((x) => x.slug === top.slug);
      if (had) { had.score = Math.max(had.score, score); continue; }
      if (offTopic(top.slug) && extra.some((x) => offTopic(x.slug))) continue;
      extra.push({ slug: top.slug, score });
      evidence[top.slug] = top.evidence.slice(0, 5);
    }
    extra.sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug));
    // Episode topics fill the slots the thread's own topics left (at most maxTopics in all): a fourth topic from one
    // exchange of a long thread was the least precise kind (round 12: 4 of 9 judged about the topic).
    const room = Math.max(0, Math.min(EPISODE_TOPICS, m.maxTopics - topics.length));
    for (const x of extra.slice(room)) delete evidence[x.slug];
    topics.push(...extra.slice(0, room));
  }
  return { topics, evidence };
}

/** A thread shorter than this is one exchange; at most EPISODE_TOPICS topics come from its episodes (within maxTopics in all), each carried by
 * EPISODE_MESSAGES or more of the episode's messages. */
export const EPISODE_THREAD = 8;
export const EPISODE_TOPICS = 2;
export const EPISODE_MESSAGES = 2;
