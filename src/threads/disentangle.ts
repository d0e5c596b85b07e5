// Thread disentanglement: splits a day's interleaved stream into conversations, online, one message at a time.
// Each message joins the best-scoring recent thread or opens a new one. Signals (DESIGN "Threads"), strongest
// first: duplicates/echoes and quoted replies follow their original; an @mention points at the thread where the
// mentioned speaker is talking; being addressed pulls a speaker into that thread; the same speaker continuing;
// shared terms (CJK bigrams, Latin words, glossary terms) weighted by rarity within the day; time gaps; the
// guest-talk pattern (src/threads/talk.ts). Cost is O(messages x recent threads).
import type { Day } from '../model/types.ts';
import { dayFeatures, type Features, type ThreadTerms, type Vocabulary } from './features.ts';
import { TalkTracker } from './talk.ts';

export interface ThreadOptions {
  /** Glossary terms and aliases (and topic keywords), kept whole when comparing messages. */
  terms: string[];
  /** `terms` compiled once (compileThreadTerms) when many days share them; compiled per call when absent. */
  compiled?: ThreadTerms;
  /** Debugging aid: called with each message's candidate scores (thread = seq of its first message). */
  trace?: (seq: number, scores: { thread: number; score: number }[], fresh: number, chosen: number) => void;
}

/** Tunable weights; exported so tests can read them, not meant to be changed per call. */
export const W = {
  /** Threads idle longer than this (s) are no longer candidates, unless the message says it resumes one. */
  window: 60 * 60,
  /** The thread holding the previous message, decaying with the gap. */
  recent: 1.2,
  recentHalfLife: 8 * 60,
  /** Penalty per minute of idleness of a thread. */
  idle: 0.03,
  mention: 4,
  addressed: 2.5,
  speaker: 2.5,
  speakerHalfLife: 6 * 60,
  /** An open question by someone else in the thread, a few minutes old. */
  question: 1.0,
  questionHalfLife: 10 * 60,
  /** Shared tokens: share of the message's token weight found in the thread's recent vocabulary... */
  lexCoverage: 2,
  /** ...plus their absolute weight, capped. */
  lexical: 0.12,
  lexicalCap: 1.5,
  vocabHalfLife: 20 * 60,
  /** Vocabulary size above which a thread's lexical matches are discounted. */
  vocabNorm: 200,
  adjacentLexical: 0.8,
  /** Multiplier on the speaker signal for "那么/还有/另外…" openings. */
  continues: 1.8,
  secondPerson: 4,
  /** Score a new thread must beat; raised for openers and after silences, lowered for content-free messages. */
  newBase: 0.6,
  opener: 3.2,
  /** A question to someone who is not in the thread. */
  askOutsider: 2,
  shortGapAfter: 10 * 60,
  shortGap: 1,
  gapAfter: 15 * 60,
  gap: 1.5,
  longGapAfter: 60 * 60,
  longGap: 3,
  contentless: -1.5,
  resumes: 3,
};

interface ThreadState {
  seqs: number[];
  last: number;
  /** speaker key -> time of their last message here */
  lastBy: Map<string, number>;
  /** speaker key -> time somebody here last @mentioned them */
  addressed: Map<string, number>;
  /** token id (Lexicon) -> last time seen here */
  vocab: Map<number, number>;
  /** The latest question asked here: who and when. */
  question: { who: string; t: number; to: string[]; answered: boolean } | null;
}

/** Groups the day's message seqs into threads; every seq appears in exactly one group, groups in order. */
export function disentangle(day: Day, opts: ThreadOptions): number[][] {
  const { features: feats, vocabulary } = dayFeatures(day, opts);
  const lex = lexicon(feats, vocabulary);
  const threads: ThreadState[] = [];
  const threadOf = new Map<number, ThreadState>();
  const speakerLast = new Map<string, ThreadState>();
  const talk = new TalkTracker();
  let prev: Prev | null = null;

  const open = (f: Features): ThreadState => {
    const th: ThreadState = { seqs: [], last: f.t, lastBy: new Map(), addressed: new Map(), vocab: new Map(), question: null };
    threads.push(th);
    return th;
  };
  const join = (th: ThreadState, f: Features) => {
    th.seqs.push(f.seq);
    th.last = Math.max(th.last, f.t);
    th.lastBy.set(f.who, f.t);
    for (const k of f.mentions) th.addressed.set(k, f.t);
    for (const id of f.tokenIds) th.vocab.set(id, f.t);
    if (th.question && th.question.who !== f.who && !f.ack) th.question.answered = true;
    if (f.question && !f.ack) th.question = { who: f.who, t: f.t, to: f.mentions, answered: false };
    threadOf.set(f.seq, th);
    // Roll-call acks (签到) say little about where a speaker is talking; keep their last real thread.
    if (!f.ack || !speakerLast.has(f.who)) speakerLast.set(f.who, th);
    prev = { f, th };
  };

  for (let i = 0; i < feats.length; i++) {
    const f = feats[i];
    const forced = forcedThread(f!, threadOf, talk);
    if (forced) { join(forced, f!); talk.observe(f!, forced); opts.trace?.(f!.seq, [], NaN, forced.seqs[0]!); continue; }
    let best: ThreadState | null = null;
    let bestScore = -Infinity;
    const scores: { thread: number; score: number }[] = [];
    for (const th of threads) {
      // Candidates: threads active within the window, or all of them when the message resumes one.
      if (!(f!.t - th.last <= W.window || f!.resumes)) continue;
      const s = scoreThread(f!, i, th, prev, speakerLast, lex) + talk.bias(f!, th);
      if (opts.trace) scores.push({ thread: th.seqs[0]!, score: s });
      if (s > bestScore) { bestScore = s; best = th; }
    }
    const gap = prev ? f!.t - (prev as { f: Features }).f.t : Infinity;
    let fresh = W.newBase + (f!.opener ? W.opener : 0) + talk.newBias(f!);
    // An open question waits longer for its answer than a conversation waits for a new remark.
    const awaited = prev !== null && (prev as { f: Features }).f.question && (prev as { f: Features }).f.who !== f!.who && gap < W.window;
    if (f!.resumes || awaited) { /* no silence bonus */ }
    else if (gap >= W.longGapAfter) fresh += W.longGap;
    else if (gap >= W.gapAfter) fresh += W.gap;
    else if (gap >= W.shortGapAfter) fresh += W.shortGap;
    else if (f!.ack || f!.tokenIds.length === 0) fresh += W.contentless;
    if (f!.announce) fresh += 10;
    const th = best && bestScore >= fresh ? best : open(f!);
    join(th, f!);
    opts.trace?.(f!.seq, scores, fresh, th.seqs[0]!);
    talk.observe(f!, th);
  }
  return threads.map((t) => t.seqs).filter((s) => s.length).sort((a, b) => a[0]! - b[0]!);
}

/** Signals that decide alone: echoes/duplicates and quoted replies follow their original; the talk's own. */
function forcedThread(f: Features, threadOf: Map<number, ThreadState>, talk: TalkTracker): ThreadState | null {
  if (f.echoOf !== null && threadOf.has(f.echoOf)) return threadOf.get(f.echoOf)!;
  if (f.quoteOf !== null && threadOf.has(f.quoteOf)) return threadOf.get(f.quoteOf)!;
  return (talk.claims(f) as ThreadState | null) ?? null;
}

function scoreThread(
  f: Features,
  i: number,
  th: ThreadState,
  prev: Prev | null,
  speakerLast: Map<string, ThreadState>,
  lexicon: Lexicon,
): number {
  let s = f.resumes ? 0 : -W.idle * ((f.t - th.last) / 60);
  // A question @someone who has not spoken here lately starts a conversation with them, not this one.
  if (f.question && f.mentions.length && f.mentions.every((k) => !th.lastBy.has(k) || f.t - th.lastBy.get(k)! > W.window)) s -= W.askOutsider;
  if (prev && prev.th === th) s += W.recent * halfLife(f.t - prev.f.t, W.recentHalfLife);
  for (const k of f.mentions) {
    const at = th.lastBy.get(k);
    if (at !== undefined && f.t - at <= W.window) s += W.mention * (speakerLast.get(k) === th ? 1 : 0.4);
  }
  const addressedAt = th.addressed.get(f.who);
  if (addressedAt !== undefined && f.t - addressedAt <= W.window) s += W.addressed * halfLife(f.t - addressedAt, 15 * 60);
  const mine = th.lastBy.get(f.who);
  if (mine !== undefined) {
    const own = speakerLast.get(f.who) === th;
    s += W.speaker * (f.resumes ? 1 : halfLife(f.t - mine, W.speakerHalfLife)) * (own ? 1 : 0.4) * (own && f.continues ? W.continues : 1);
  }
  // "你这…" right after someone else's message answers that message.
  if (f.addressesPrevious && prev && prev.th === th && prev.f.who !== f.who && f.t - prev.f.t < 120) s += W.secondPerson;
  // ...unless it was put to somebody else by name.
  if (th.question && !th.question.answered && th.question.who !== f.who && !f.opener && (th.question.to.length === 0 || th.question.to.includes(f.who))) s += W.question * halfLife(f.t - th.question.t, W.questionHalfLife);
  let lex = 0;
  const ids = f.tokenIds;
  const weights = lexicon.weights[i];
  const mass = lexicon.mass[i];
  for (let k = 0; k < ids.length; k++) {
    const seen = th.vocab.get(ids[k]!);
    // A message that says it resumes an old conversation compares with all of it, not just its recent words.
    if (seen !== undefined) lex += weights![k]! * (f.resumes ? 1 : halfLife(f.t - seen, W.vocabHalfLife));
  }
  // Big threads share words with anything by chance; their matches count for less.
  const breadth = Math.min(1, Math.sqrt(W.vocabNorm / Math.max(1, th.vocab.size)));
  if (mass! > 0) s += (W.lexCoverage * (lex / mass!) + Math.min(W.lexical * lex, W.lexicalCap)) * breadth;
  // prev is always the day's previous message, so what this message shares with it was summed once per day.
  if (prev && prev.th === th && prev.f.who !== f.who && f.t - prev.f.t < 180 && lexicon.sharedWithPrevious[i]! > 0) s += W.adjacentLexical;
  if (f.resumes) s += W.resumes * Math.min(1, lex / 6);
  return s;
}

const halfLife = (dt: number, h: number) => Math.pow(0.5, Math.max(0, dt) / h);

/** The previous message: its features and thread. */
interface Prev {
  f: Features;
  th: ThreadState;
}

/**
 * Each message's token weights: rarity within the day (log N/df), so 支付 counts little and 分录 a lot.
 * Computed once per day, so scoring a message against each candidate thread only looks weights up.
 * Indexed like the day's features; weights like each message's tokenIds.
 */
export interface Lexicon {
  weights: number[][];
  /** Sum of the message's weights, added in token order (as the scorer used to add them). */
  mass: number[];
  /** Sum of the weights of the tokens the message shares with the day's previous message. */
  sharedWithPrevious: number[];
}

function lexicon(feats: Features[], vocabulary: Vocabulary): Lexicon {
  const n = Math.max(feats.length, 2);
  const idf = vocabulary.df.map((c, id) => Math.max(0, Math.log(n / c)) * (vocabulary.names[id]!.startsWith('#') ? 1.5 : 1));
  const weights: number[][] = [];
  const mass: number[] = [];
  const sharedWithPrevious: number[] = [];
  // Per token, the index of the last message using it: -1 before any.
  const lastIn = new Array<number>(idf.length).fill(-1);
  for (let i = 0; i < feats.length; i++) {
    const ids = feats[i]!.tokenIds;
    const w = new Array<number>(ids.length);
    let m = 0;
    let shared = 0;
    for (let k = 0; k < ids.length; k++) {
      w[k] = idf[ids[k]!]!;
      m += w[k]!;
      if (i > 0 && lastIn[ids[k]!] === i - 1) shared += w[k]!;
    }
    for (let k = 0; k < ids.length; k++) lastIn[ids[k]!] = i;
    weights.push(w);
    mass.push(m);
    sharedWithPrevious.push(shared);
  }
  return { weights, mass, sharedWithPrevious };
}
