// A trial, not part of the product (scripts/thread-trials.ts merge): a second decoding pass that merges threads back. Greedy left-to-right assignment commits at a thread's first
// message, when little is known of what follows; a wrong "new thread" then splits a conversation in two. Once the
// day is decoded each thread is whole, so the pass asks of every thread B and every thread A that was a candidate
// when B opened: is B the continuation of A? A logistic model answers from the whole of both threads (shared rare
// words, shared speakers, cross @mentions, the gap, the first pass's own margin), fitted on the training days of each
// fold. Decoding can then lean towards opening new threads and let this pass merge the fragments that turn out to
// continue a thread. It did not hold up on held-out days (docs/DESIGN.md, "Threads"); kept so the figure can be rerun.
import type { Day } from '../../src/model/types.ts';
import type { Features } from '../../src/threads/features.ts';
import type { ThreadState } from '../../src/threads/features-learned.ts';
import type { Lexicon } from '../../src/threads/lexicon.ts';
import { greedy, walk, type WalkOptions } from '../../src/threads/model.ts';

export const MERGE_FEATURES = [
  'bias', 'margin', 'gapLog', 'coverB', 'cosine', 'speakersShared', 'openerInA', 'crossMentions', 'sizeALog', 'sizeBLog',
  'bQuestion', 'bOpener', 'bAck', 'aAsksOther', 'aLive', 'single',
] as const;

/** How a thread was opened by the first pass: the candidate threads of its first message and their scores. */
export interface Opening {
  candidates: ThreadState[];
  /** Aligned with `candidates`, then the "new thread" score. */
  scores: number[];
}

/** A decoded day: the first pass's threads (creation order) and what the merge pass reads. */
export interface DecodedDay {
  feats: Features[];
  lex: Lexicon;
  threads: ThreadState[];
  openings: Map<ThreadState, Opening>;
}

/** One merge question: should thread `b` join thread `a`? */
export interface MergePair {
  a: ThreadState;
  b: ThreadState;
  x: Float64Array;
}

interface Profile {
  tokens: Map<number, number>;
  mass: number;
  speakers: Set<string>;
  mentions: Set<string>;
}

/** Every (candidate, thread) pair of the day with its features; threads opened with no candidate give none. */
export function mergePairs(d: DecodedDay): MergePair[] {
  const at = new Map(d.feats.map((f, i) => [f.seq, i]));
  const profiles = new Map<ThreadState, Profile>();
  const profile = (th: ThreadState): Profile => {
    let p = profiles.get(th);
    if (p) return p;
    p = { tokens: new Map(), mass: 0, speakers: new Set(), mentions: new Set() };
    for (const s of th.seqs) {
      const i = at.get(s)!;
      const f = d.feats[i]!;
      const w = d.lex.weights[i] ?? [];
      f.tokenIds.forEach((id, k) => { if (!p!.tokens.has(id)) { p!.tokens.set(id, w[k] ?? 0); p!.mass += w[k] ?? 0; } });
      p.speakers.add(f.who);
      for (const m of f.mentions) p.mentions.add(m);
    }
    profiles.set(th, p);
    return p;
  };
  const out: MergePair[] = [];
  for (const b of d.threads) {
    const o = d.openings.get(b);
    if (!o || b.seqs.length === 0) continue;
    const first = d.feats[at.get(b.seqs[0]!)!]!;
    const pb = profile(b);
    const newScore = o.scores[o.scores.length - 1] ?? 0;
    o.candidates.forEach((a, k) => {
      if (a.seqs.length === 0) return;
      const pa = profile(a);
      let shared = 0;
      for (const [id, w] of pb.tokens) if (pa.tokens.has(id)) shared += w;
      const before = a.seqs.filter((s) => s < first.seq);
      const lastBefore = before.length ? d.feats[at.get(before[before.length - 1]!)!]! : null;
      const speakersBefore = new Set(before.map((s) => d.feats[at.get(s)!]!.who));
      let cross = 0;
      for (const sp of pb.speakers) if (pa.mentions.has(sp) && !pa.speakers.has(sp)) cross++;
      for (const sp of pa.speakers) if (pb.mentions.has(sp)) cross++;
      const asksOther = before.some((s) => { const f = d.feats[at.get(s)!]!; return f.question && f.who !== first.who && first.t - f.t <= 30 * 60; });
      const x = new Float64Array(MERGE_FEATURES.length);
      let j = 0;
      x[j++] = 1;
      x[j++] = (o.scores[k] ?? 0) - newScore;
      x[j++] = lastBefore ? Math.log1p(Math.max(0, first.t - lastBefore.t) / 60) : 0;
      x[j++] = pb.mass > 0 ? shared / pb.mass : 0;
      x[j++] = pa.mass > 0 && pb.mass > 0 ? shared / Math.sqrt(pa.mass * pb.mass) : 0;
      x[j++] = [...pb.speakers].filter((sp) => pa.speakers.has(sp)).length / Math.max(1, pb.speakers.size);
      x[j++] = speakersBefore.has(first.who) ? 1 : 0;
      x[j++] = Math.log1p(cross);
      x[j++] = Math.log1p(a.seqs.length);
      x[j++] = Math.log1p(b.seqs.length);
      x[j++] = first.question ? 1 : 0;
      x[j++] = first.opener ? 1 : 0;
      x[j++] = first.ack ? 1 : 0;
      x[j++] = asksOther ? 1 : 0;
      x[j++] = a.seqs.some((s) => s > first.seq) ? 1 : 0;
      x[j++] = b.seqs.length === 1 ? 1 : 0;
      out.push({ a, b, x });
    });
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Merges, in order of the threads' first messages, each thread into its most likely earlier candidate when that
 * likelihood exceeds `threshold`. Threads as seq lists, in order.
 */
export function applyMerges(d: DecodedDay, pairs: MergePair[], w: Float64Array, threshold: number): number[][] {
  const parent = new Map<ThreadState, ThreadState>();
  const find = (t: ThreadState): ThreadState => { let r = t; while (parent.has(r)) r = parent.get(r)!; return r; };
  const byB = new Map<ThreadState, MergePair[]>();
  for (const p of pairs) { const l = byB.get(p.b); if (l) l.push(p); else byB.set(p.b, [p]); }
  const order = d.threads.filter((t) => t.seqs.length > 0).sort((x, y) => x.seqs[0]! - y.seqs[0]!);
  for (const b of order) {
    let best: MergePair | null = null;
    let bestP = threshold;
    for (const p of byB.get(b) ?? []) {
      let z = 0;
      for (let k = 0; k < p.x.length; k++) z += (w[k] ?? 0) * (p.x[k] ?? 0);
      const pr = sigmoid(z);
      if (pr > bestP && find(p.a) !== find(b)) { bestP = pr; best = p; }
    }
    if (best) parent.set(find(b), find(best.a));
  }
  const groups = new Map<ThreadState, number[]>();
  for (const t of order) { const r = find(t); const g = groups.get(r); if (g) g.push(...t.seqs); else groups.set(r, [...t.seqs]); }
  return [...groups.values()].map((g) => g.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

/**
 * Greedy decoding that keeps what the merge pass reads: the day's features and token weights, every
 * thread, and for each thread a scored decision opened, its candidates and their scores.
 */
export function decodeDay(day: Day, opts: WalkOptions, w: Float64Array): DecodedDay {
  const out: DecodedDay = { feats: [], lex: { weights: [], mass: [], sharedWithPrevious: [], isTerm: [], takenUp: [] }, threads: [], openings: new Map() };
  let pending: { seq: number; opening: Opening } | null = null;
  const model = greedy(w, (seq, scores) => { pending = { seq, opening: { candidates: [], scores } }; });
  walk(day, opts, (f, d) => {
    const th = model(f, d);
    if (th === null && d.threads.length > 0 && pending) pending.opening.candidates = d.threads;
    else pending = null;
    return th;
  }, {
    ready: (feats, lex) => { out.feats = feats; out.lex = lex; },
    joined: (f, th) => {
      if (th.seqs.length === 1) {
        out.threads.push(th);
        const p = pending as { seq: number; opening: Opening } | null;
        if (p && p.seq === f.seq) out.openings.set(th, p.opening);
      }
      pending = null;
    },
  });
  return out;
}
