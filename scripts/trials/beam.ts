// A trial, not part of the product (scripts/thread-trials.ts beam): beam search in place of greedy decoding. Greedy
// left-to-right assignment commits to each message's best candidate; a beam keeps the `width` assignments of the day
// so far with the highest sum of the conditional logit's log-probabilities and extends each by every candidate of
// the next decision. A hypothesis is the list of its choices (a thread by creation order, or a new one), and its
// state is rebuilt by replaying the walk with those choices forced: quadratic in the day's length, which is fine
// for judging the idea on the gold days and would need a forkable walk in the product.
import type { Day } from '../../src/model/types.ts';
import type { ThreadState } from '../../src/threads/features-learned.ts';
import { dot, prepare, walk, type Decision, type WalkOptions } from '../../src/threads/model.ts';

/** A choice: the creation index of the thread joined, or -1 for a new one. */
type Choice = number;

interface Hypothesis { choices: Choice[]; logp: number }

class Stop { constructor(readonly d: Decision, readonly order: Map<ThreadState, number>) {} }

/** Replays `choices`; returns the next decision (and the threads' creation order), or the threads when none is left. */
function replay(day: Day, opts: WalkOptions, choices: Choice[]): { next: Stop } | { threads: number[][] } {
  const order = new Map<ThreadState, number>();
  const created: ThreadState[] = [];
  let n = 0;
  try {
    const threads = walk(day, opts, (_f, d) => {
      if (n === choices.length) throw new Stop(d, order);
      const c = choices[n++]!;
      return c < 0 ? null : created[c]!;
    }, { joined: (_f, th) => { if (!order.has(th)) { order.set(th, created.length); created.push(th); } } });
    return { threads };
  } catch (e) {
    if (e instanceof Stop) return { next: e };
    throw e;
  }
}

/** Decodes the day with a beam of `width` hypotheses scored by the logit's summed log-probabilities. */
export function beamDecode(day: Day, walkOpts: WalkOptions, w: Float64Array, width: number): number[][] {
  const opts = { ...walkOpts, prepared: prepare(day, walkOpts) };
  let beam: Hypothesis[] = [{ choices: [], logp: 0 }];
  let best: { logp: number; threads: number[][] } | null = null;
  while (beam.length) {
    const next: Hypothesis[] = [];
    for (const h of beam) {
      const r = replay(day, opts, h.choices);
      if ('threads' in r) { if (!best || h.logp > best.logp) best = { logp: h.logp, threads: r.threads }; continue; }
      const { d, order } = r.next;
      const scores = d.candidates.map((x) => dot(w, x));
      const max = Math.max(...scores);
      const z = Math.log(scores.reduce((a, s) => a + Math.exp(s - max), 0)) + max;
      scores.forEach((s, k) => next.push({ choices: [...h.choices, k < d.threads.length ? order.get(d.threads[k]!)! : -1], logp: h.logp + s - z }));
    }
    next.sort((a, b) => b.logp - a.logp);
    // A finished hypothesis below every live one stays the answer only if nothing live can beat it (log-probs only fall).
    beam = next.slice(0, width).filter((h) => !best || h.logp > best.logp);
  }
  return best!.threads;
}
