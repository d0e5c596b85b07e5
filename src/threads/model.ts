// Learned thread assignment. Online over the day's messages: each message either follows a near-certain link
// (exporter double-write or echo, quoted reply, the guest talk's own messages) or is scored against every recent
// thread and "a new thread" with weights fitted on the gold days (scripts/fit-threads.ts -> weights.json), and goes
// to the best (greedy decoding). The same walk, steered by gold threads instead of the scores, yields the training
// examples, so fitting and decoding see the same features.
import type { Day } from '../model/types.ts';
import { dayFeatures, type Features, type ThreadTerms } from './features.ts';
import { FEATURE_NAMES, WINDOW, newPair, threadPair, type PairContext, type ThreadState } from './features-learned.ts';
import { lexicon, type Lexicon } from './lexicon.ts';
import { TalkTracker } from './talk.ts';
import fitted from './weights.json' with { type: 'json' };

export interface ThreadWeights {
  features: string[];
  weights: number[];
}

/** One decision: the candidates' feature vectors; the last one is "new thread". */
export interface Decision {
  seq: number;
  candidates: Float64Array[];
  threads: ThreadState[];
  /** Where a near-certain link places the message (a thread, or 'new' for a talk announcement), else null. */
  linked: ThreadState | 'new' | null;
}

/** Picks a candidate: a thread of `d.threads`, or null for a new one. */
export type Chooser = (f: Features, d: Decision) => ThreadState | null;

export interface WalkOptions {
  terms: string[];
  compiled?: ThreadTerms;
  /** The day's features and token weights when already computed (a decoder that walks one day many times). */
  prepared?: { features: Features[]; lex: Lexicon };
}

export interface WalkHooks {
  /** Ask `choose` about linked messages too (fitting follows gold everywhere). */
  chooseLinked?: boolean;
  /** Called after each message joins its thread. */
  joined?: (f: Features, th: ThreadState) => void;
  /** Called once, before the first message, with the day's features and token weights (for a pass over the result). */
  ready?: (feats: Features[], lex: Lexicon) => void;
}

/** Walks the day once; `choose` decides every message no near-certain link places. Threads as seq lists, in order. */
export function walk(day: Day, opts: WalkOptions, choose: Chooser, hooks: WalkHooks = {}): number[][] {
  const { features: feats, lex } = opts.prepared ?? prepare(day, opts);
  hooks.ready?.(feats, lex);
  const threads: ThreadState[] = [];
  const threadOf = new Map<number, ThreadState>();
  const speakerLast = new Map<string, ThreadState>();
  const talk = new TalkTracker<ThreadState>();
  let prev: PairContext['prev'] = null;

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
    talk.observe(f, th);
    hooks.joined?.(f, th);
  };
  const open = (f: Features): ThreadState => {
    const th: ThreadState = { seqs: [], last: f.t, lastBy: new Map(), addressed: new Map(), vocab: new Map(), question: null, opener: f.who, bareOpening: f.tokenIds.length === 0 };
    threads.push(th);
    return th;
  };

  feats.forEach((f, i) => {
    const linked = linkedThread(f, threadOf, talk);
    if (linked && !hooks.chooseLinked) { join(linked === 'new' ? open(f) : linked, f); return; }
    // Candidates: threads active within the window, or all of them when the message resumes one, and however
    // long ago: the threads the @mentioned speakers last talked in (a reply to something hours earlier), a
    // question nobody has answered yet (its answer may come hours later) and, for thanks for a 分享, the day's
    // finished guest talk.
    const named = new Set(f.mentions.map((k) => speakerLast.get(k)).filter((th): th is ThreadState => !!th));
    const thanked = talk.thanked(f);
    const cands = threads.filter((th) => f.t - th.last <= WINDOW || f.resumes || named.has(th) || th === thanked || awaitsAnswer(th, f));
    const ctx: PairContext = {
      i, lex, prev, speakerLast, candidates: cands,
      talkBias: (th) => talk.bias(f, th), talkRunning: talk.newBias(f) > 0,
    };
    const candidates = cands.map((th) => threadPair(f, ctx, th));
    candidates.push(newPair(f, ctx));
    const th = choose(f, { seq: f.seq, candidates, threads: cands, linked });
    join(th ?? open(f), f);
  });
  return threads.map((t) => t.seqs).filter((s) => s.length > 0).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

/** The day's features and their token weights, computed once per walk (walks never change them). */
export function prepare(day: Day, opts: WalkOptions): { features: Features[]; lex: Lexicon } {
  const { features, vocabulary } = dayFeatures(day, opts);
  return { features, lex: lexicon(features, vocabulary) };
}

/** How long (s) a question nobody has answered stays a candidate, however idle its thread. */
const QUESTION_WAIT = 6 * 3600;

/** A question by someone else that nobody has answered yet: a reply may come hours later. */
function awaitsAnswer(th: ThreadState, f: Features): boolean {
  const q = th.question;
  return q !== null && !q.answered && q.who !== f.who && f.t - q.t <= QUESTION_WAIT;
}

/**
 * Near-certain placements: echoes/duplicates and quoted replies follow their original; a guest talk's
 * announcement opens its own thread (a second one before the talk begins joins the first) and the talk claims its
 * own messages (talk.ts).
 */
function linkedThread(f: Features, threadOf: Map<number, ThreadState>, talk: TalkTracker<ThreadState>): ThreadState | 'new' | null {
  if (f.echoOf !== null && threadOf.has(f.echoOf)) return threadOf.get(f.echoOf) ?? null;
  if (f.quoteOf !== null && threadOf.has(f.quoteOf)) return threadOf.get(f.quoteOf) ?? null;
  if (f.announce) return talk.announced(f) ?? 'new';
  return talk.claims(f);
}

/** The committed weights, aligned to FEATURE_NAMES (a feature the file lacks weighs 0). */
export function committedWeights(w: ThreadWeights = fitted as ThreadWeights): Float64Array {
  const out = new Float64Array(FEATURE_NAMES.length);
  const at = new Map(w.features.map((n, k) => [n, w.weights[k] ?? 0]));
  FEATURE_NAMES.forEach((n, k) => { out[k] = at.get(n) ?? 0; });
  return out;
}

export const dot = (w: Float64Array, x: Float64Array) => { let s = 0; for (let k = 0; k < x.length; k++) s += (w[k] ?? 0) * (x[k] ?? 0); return s; };

/** Greedy decoding: each message goes to its best-scoring candidate. */
export function greedy(w: Float64Array, trace?: (seq: number, scores: number[]) => void): Chooser {
  return (_f, d) => {
    let best = d.candidates.length - 1;
    let bestScore = -Infinity;
    const scores = d.candidates.map((x) => dot(w, x));
    scores.forEach((s, k) => { if (s > bestScore) { bestScore = s; best = k; } });
    trace?.(d.seq, scores);
    return best < d.threads.length ? (d.threads[best] ?? null) : null;
  };
}

/** A training example: the candidates of one decision and the index of the gold one. */
export interface Example {
  day: string;
  /** The message decided (for diagnostics). */
  seq?: number;
  candidates: Float64Array[];
  gold: number;
}

/**
 * The decisions of a day with gold threads as history ("teacher forcing"): for each message not placed by a
 * near-certain link, its candidates and which of them gold chose. A message whose gold thread fell out of the
 * candidate window gives no example (no candidate is right).
 */
export function examplesOf(day: Day, opts: WalkOptions, gold: number[][]): Example[] {
  const goldOf = new Map<number, number>();
  gold.forEach((c, g) => c.forEach((s) => goldOf.set(s, g)));
  const stateOf = new Map<number, ThreadState>();
  const out: Example[] = [];
  // Gold decides every message, near-certain links included, so the history is gold's; linked messages give
  // no example (decoding never asks the model about them).
  walk(day, opts, (f, d) => {
    const g = goldOf.get(f.seq);
    const target = g === undefined ? undefined : stateOf.get(g);
    if (!d.linked) {
      const k = target ? d.threads.indexOf(target) : d.threads.length;
      if (k >= 0) out.push({ day: day.id, seq: f.seq, candidates: d.candidates, gold: k });
    }
    return target ?? null;
  }, {
    chooseLinked: true,
    joined: (f, th) => { const g = goldOf.get(f.seq); if (g !== undefined && !stateOf.has(g)) stateOf.set(g, th); },
  });
  return out;
}

/**
 * The decisions of a day as the model `w` makes them (its own threads as history), each labelled with what gold
 * would do from there: join the thread holding the latest earlier message of the message's gold thread, or open
 * one when the gold thread starts here. Fitting on these too (DAgger) teaches recovery from the model's mistakes,
 * which teacher forcing never shows.
 */
export function examplesOnPolicy(day: Day, opts: WalkOptions, gold: number[][], w: Float64Array, target: OnPolicyTarget = 'latest'): Example[] {
  const goldOf = new Map<number, number>();
  gold.forEach((c, g) => c.forEach((s) => goldOf.set(s, g)));
  /** gold thread -> the predicted thread of its latest message so far */
  const where = new Map<number, ThreadState>();
  /** gold thread -> predicted thread -> how many of its messages so far went there */
  const held = new Map<number, Map<ThreadState, number>>();
  const out: Example[] = [];
  const model = greedy(w);
  walk(day, opts, (f, d) => {
    const g = goldOf.get(f.seq);
    let k = d.threads.length;
    if (g !== undefined && target === 'most' && held.has(g)) {
      // The candidate holding most of the gold thread so far (ties: the later candidate, the more recent thread).
      let best = 0;
      k = -1;
      d.threads.forEach((th, j) => { const n = held.get(g)?.get(th) ?? 0; if (n > 0 && n >= best) { best = n; k = j; } });
    } else if (g !== undefined && where.has(g)) k = d.threads.indexOf(where.get(g)!);
    if (k >= 0) out.push({ day: day.id, seq: f.seq, candidates: d.candidates, gold: k });
    return model(f, d);
  }, {
    joined: (f, th) => {
      const g = goldOf.get(f.seq);
      if (g === undefined) return;
      where.set(g, th);
      const m = held.get(g) ?? new Map<ThreadState, number>();
      m.set(th, (m.get(th) ?? 0) + 1);
      held.set(g, m);
    },
  });
  return out;
}

/** What an on-policy decision is labelled with: the thread of the gold thread's latest message, or the one holding most of it. */
export type OnPolicyTarget = 'latest' | 'most';

