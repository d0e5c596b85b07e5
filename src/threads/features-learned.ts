// Features of a (message, candidate) pair for the learned thread assignment (model.ts). A candidate is a thread
// already open on the day, or "a new thread" with features of its own. Every value is computed from the message's
// Features (features.ts) and the state of the threads built so far, so the same code serves fitting (on gold
// threads) and decoding (on the model's own threads). Pure.
import type { Features } from './features.ts';
import type { Lexicon } from './lexicon.ts';
import { ASKS_ROOM } from '../text/signals.ts';

/** What the assigner keeps per open thread. */
export interface ThreadState {
  seqs: number[];
  last: number;
  /** speaker key -> time of their last message here */
  lastBy: Map<string, number>;
  /** speaker key -> time somebody here last @mentioned them */
  addressed: Map<string, number>;
  /** token id -> last time seen here */
  vocab: Map<number, number>;
  /** The latest question asked here: who and when, whom it was put to, whether someone else replied since. */
  question: { who: string; t: number; to: string[]; answered: boolean } | null;
  /** Speaker who opened the thread. */
  opener: string;
  /** The opening message has no words of its own (an image, a sticker). */
  bareOpening: boolean;
}

/** What a pair's features read besides the message and the thread. */
export interface PairContext {
  i: number;
  lex: Lexicon;
  /** The day's previous message and the thread it went to. */
  prev: { f: Features; th: ThreadState } | null;
  /** Speaker key -> the thread of their latest message. */
  speakerLast: Map<string, ThreadState>;
  /** Guest-talk pull towards this thread (talk.ts), 0 when no talk is on or the thread is not the talk. */
  talkBias: (th: ThreadState) => number;
  talkRunning: boolean;
  /** Candidate threads of this message (for the new-thread features). */
  candidates: ThreadState[];
}

/** Threads idle longer than this (s) are no longer candidates, unless the message says it resumes one. */
export const WINDOW = 90 * 60;

export const THREAD_FEATURES = [
  'idleLog', 'idleHours', 'prev', 'prevRecent', 'prevOtherSpeaker', 'prevQuestionOther', 'mentionLatest', 'mentionOther',
  'addressed', 'speakerOwn', 'speakerOwnRecent', 'speakerOther', 'continuesOwn', 'secondPerson', 'openQuestion',
  'openQuestionRecent', 'askerFollowUp', 'lexCoverage', 'lexLog', 'termLog', 'adjacentLexical', 'resumesLexical',
  'askOutsider', 'sizeLog', 'ackToPrev', 'talkBias', 'replyFast', 'opener', 'questionToPrev', 'linkToPrev',
  'strangerUnrelated', 'questionUnrelated', 'changesSubjectPrev', 'headlineToPrev', 'mentionLastIdle', 'ownBareOpening',
] as const;

export const NEW_FEATURES = [
  'new', 'new.opener', 'new.question', 'new.contentless', 'new.gapLog', 'new.gap10', 'new.gap15', 'new.gap60',
  'new.awaited', 'new.announce', 'new.resumes', 'new.continues', 'new.secondPerson', 'new.mentionsStranger',
  'new.mentionsAll', 'new.talkRunning', 'new.activeLog', 'new.link', 'new.lengthLog', 'new.firstOfDay',
  'new.novelty', 'new.noveltyGap', 'new.openerNovel', 'new.questionNovel', 'new.groupAsk', 'new.linkNovel',
  'new.freshSpeaker', 'new.headline', 'new.roomStatement', 'new.changesSubject', 'new.freshNovel',
  'new.uptake', 'new.echoed', 'new.pendingQuestion',
] as const;


export const FEATURE_NAMES: readonly string[] = [...THREAD_FEATURES, ...NEW_FEATURES];
const NT = THREAD_FEATURES.length;

const halfLife = (dt: number, h: number) => Math.pow(0.5, Math.max(0, dt) / h);
const within = (at: number | undefined, t: number) => at !== undefined && t - at <= WINDOW;

/** Shared-token evidence between the message and a thread: rarity-weighted sums, terms apart. */
function lexical(f: Features, ctx: PairContext, th: ThreadState): { lex: number; terms: number; mass: number } {
  const w = ctx.lex.weights[ctx.i] ?? [];
  let lex = 0;
  let terms = 0;
  f.tokenIds.forEach((id, k) => {
    const seen = th.vocab.get(id);
    if (seen === undefined) return;
    // A message that says it resumes an old conversation compares with all of it, not just its recent words.
    const x = (w[k] ?? 0) * (f.resumes ? 1 : halfLife(f.t - seen, 20 * 60));
    lex += x;
    if (ctx.lex.isTerm[id]) terms += x;
  });
  return { lex, terms, mass: ctx.lex.mass[ctx.i] ?? 0 };
}

/** Features of joining `th`, in THREAD_FEATURES order, padded with zeros for the new-thread features. */
export function threadPair(f: Features, ctx: PairContext, th: ThreadState): Float64Array {
  const x = new Float64Array(FEATURE_NAMES.length);
  const idle = f.t - th.last;
  const prev = ctx.prev;
  const inPrev = prev !== null && prev.th === th;
  const dtPrev = prev ? f.t - prev.f.t : Infinity;
  let k = 0;
  x[k++] = Math.log1p(Math.max(0, idle) / 60);
  x[k++] = Math.max(0, idle) / 3600;
  x[k++] = inPrev ? 1 : 0;
  x[k++] = inPrev ? halfLife(dtPrev, 8 * 60) : 0;
  x[k++] = inPrev && prev.f.who !== f.who ? 1 : 0;
  x[k++] = inPrev && prev.f.who !== f.who && prev.f.question ? halfLife(dtPrev, 10 * 60) : 0;
  let latest = 0;
  let other = 0;
  for (const m of f.mentions) {
    if (!within(th.lastBy.get(m), f.t)) continue;
    if (ctx.speakerLast.get(m) === th) latest++;
    else other++;
  }
  x[k++] = Math.min(latest, 2);
  x[k++] = Math.min(other, 2);
  const addressedAt = th.addressed.get(f.who);
  x[k++] = within(addressedAt, f.t) ? halfLife(f.t - (addressedAt ?? 0), 15 * 60) : 0;
  const mine = th.lastBy.get(f.who);
  const own = ctx.speakerLast.get(f.who) === th;
  x[k++] = mine !== undefined && own ? 1 : 0;
  x[k++] = mine !== undefined && own ? halfLife(f.t - mine, 6 * 60) : 0;
  x[k++] = mine !== undefined && !own ? halfLife(f.t - mine, 6 * 60) : 0;
  x[k++] = own && f.continues ? 1 : 0;
  x[k++] = f.addressesPrevious && inPrev && prev.f.who !== f.who && dtPrev < 120 ? 1 : 0;
  const q = th.question;
  const openToMe = q !== null && !q.answered && q.who !== f.who && (q.to.length === 0 || q.to.includes(f.who));
  x[k++] = openToMe ? 1 : 0;
  x[k++] = openToMe && q ? halfLife(f.t - q.t, 10 * 60) : 0;
  // The asker coming back to their own question after others replied.
  x[k++] = q !== null && q.who === f.who && q.answered ? halfLife(f.t - q.t, 30 * 60) : 0;
  const { lex, terms, mass } = lexical(f, ctx, th);
  // Big threads share words with anything by chance; their matches count for less.
  const breadth = Math.min(1, Math.sqrt(200 / Math.max(1, th.vocab.size)));
  x[k++] = mass > 0 ? (lex / mass) * breadth : 0;
  x[k++] = Math.log1p(lex) * breadth;
  x[k++] = Math.log1p(terms);
  x[k++] = inPrev && prev.f.who !== f.who && dtPrev < 180 && (ctx.lex.sharedWithPrevious[ctx.i] ?? 0) > 0 ? 1 : 0;
  x[k++] = f.resumes ? Math.min(1, lex / 6) : 0;
  // A question @someone who has not spoken here lately starts a conversation with them, not this one.
  x[k++] = f.question && f.mentions.length > 0 && f.mentions.every((m) => !within(th.lastBy.get(m), f.t)) ? 1 : 0;
  x[k++] = Math.log1p(th.seqs.length);
  x[k++] = f.ack && inPrev ? 1 : 0;
  x[k++] = ctx.talkBias(th);
  x[k++] = idle < 60 ? 1 : 0;
  x[k++] = f.opener ? 1 : 0;
  x[k++] = f.question && inPrev && prev.f.who !== f.who ? 1 : 0;
  x[k++] = (f.kind === 'link' || f.kind === 'image') && inPrev ? 1 : 0;
  // Nothing ties the message to this thread: its speaker has not talked here, it names nobody here, nobody here
  // spoke to its speaker, and it shares no word with it.
  const tied = mine !== undefined || latest + other > 0 || x[8]! > 0 || lex > 0;
  x[k++] = !tied && !f.ack ? 1 : 0;
  x[k++] = f.question && !tied ? 1 : 0;
  x[k++] = f.changesSubject && inPrev ? 1 : 0;
  x[k++] = f.headline && inPrev ? 1 : 0;
  // A reply hours later: @someone whose last words were here (mentionLatest is 0 by then; idleLog weighs the time).
  x[k++] = Math.min(2, f.mentions.filter((m) => ctx.speakerLast.get(m) === th && !within(th.lastBy.get(m), f.t)).length);
  // The speaker's own image or sticker, alone so far, and now their words: what the picture was about.
  x[k++] = th.bareOpening && th.seqs.length === 1 && th.opener === f.who && f.tokenIds.length > 0 ? 1 : 0;
  return x;
}

/** Features of opening a new thread, in NEW_FEATURES order, after zeros for the thread features. */
export function newPair(f: Features, ctx: PairContext): Float64Array {
  const x = new Float64Array(FEATURE_NAMES.length);
  const prev = ctx.prev;
  const gap = prev ? f.t - prev.f.t : Infinity;
  const content = f.plain.replace(/[^\p{L}\p{N}]/gu, '').length;
  const awaited = prev !== null && prev.f.question && prev.f.who !== f.who && gap < WINDOW;
  const active = (m: string) => ctx.candidates.some((th) => within(th.lastBy.get(m), f.t));
  let k = NT;
  x[k++] = 1;
  x[k++] = f.opener ? 1 : 0;
  x[k++] = f.question ? 1 : 0;
  x[k++] = f.ack || f.tokenIds.length === 0 ? 1 : 0;
  x[k++] = prev ? Math.log1p(Math.max(0, gap) / 60) : 0;
  x[k++] = gap >= 10 * 60 ? 1 : 0;
  x[k++] = gap >= 15 * 60 ? 1 : 0;
  x[k++] = gap >= 60 * 60 ? 1 : 0;
  x[k++] = awaited ? 1 : 0;
  x[k++] = f.announce ? 1 : 0;
  x[k++] = f.resumes ? 1 : 0;
  x[k++] = f.continues ? 1 : 0;
  x[k++] = f.addressesPrevious ? 1 : 0;
  x[k++] = f.mentions.length > 0 && f.mentions.every((m) => !active(m)) ? 1 : 0;
  x[k++] = f.mentionsAll ? 1 : 0;
  x[k++] = ctx.talkRunning ? 1 : 0;
  x[k++] = Math.log1p(ctx.candidates.length);
  x[k++] = f.kind === 'link' ? 1 : 0;
  x[k++] = Math.log1p(content) / 5;
  x[k++] = prev === null ? 1 : 0;
  // Novelty: the share of the message's token weight no candidate thread has used lately.
  let best = 0;
  for (const th of ctx.candidates) {
    const { lex, mass } = lexical(f, ctx, th);
    if (mass > 0) best = Math.max(best, Math.min(1, lex / mass));
  }
  const novelty = (ctx.lex.mass[ctx.i] ?? 0) > 0 ? 1 - best : 0;
  x[k++] = novelty;
  x[k++] = novelty * (prev ? Math.log1p(Math.max(0, gap) / 60) : 0);
  x[k++] = f.opener ? novelty : 0;
  x[k++] = f.question ? novelty : 0;
  x[k++] = ASKS_ROOM.test(f.plain.trim()) ? 1 : 0;
  x[k++] = f.kind === 'link' ? novelty : 0;
  // A speaker new to every open thread, whom nobody there addressed.
  const fresh = !ctx.candidates.some((th) => within(th.lastBy.get(f.who), f.t) || within(th.addressed.get(f.who), f.t));
  x[k++] = fresh ? 1 : 0;
  x[k++] = f.headline ? 1 : 0;
  x[k++] = f.addressesRoom && !f.question ? 1 : 0;
  x[k++] = f.changesSubject ? 1 : 0;
  x[k++] = fresh ? novelty : 0;
  // Its new words (in no open thread lately) taken up by the next speakers: others talk about what it brought.
  const w = ctx.lex.weights[ctx.i] ?? [];
  const up = ctx.lex.takenUp[ctx.i];
  let novelUp = 0;
  f.tokenIds.forEach((id, j) => {
    if (!up?.[j]) return;
    if (ctx.candidates.some((th) => within(th.vocab.get(id), f.t))) return;
    novelUp += w[j] ?? 0;
  });
  const mass = ctx.lex.mass[ctx.i] ?? 0;
  x[k++] = mass > 0 ? Math.min(1, novelUp / Math.max(mass, 6)) : 0;
  x[k++] = f.echoed ? 1 : 0;
  // A question still waiting for others in some open thread: a later message, even a short question back
  // ("并发量？") half an hour on, is more likely its reply than a new conversation.
  let pending = 0;
  for (const th of ctx.candidates) {
    const q = th.question;
    if (!q || q.answered || q.who === f.who || (q.to.length > 0 && !q.to.includes(f.who))) continue;
    pending = Math.max(pending, halfLife(f.t - q.t, 30 * 60));
  }
  x[k++] = pending;
  return x;
}
