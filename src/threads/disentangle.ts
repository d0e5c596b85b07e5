// Thread disentanglement: splits a day's interleaved stream into conversations, online, one message at a time.
// Each message follows a near-certain link (exporter double-write or echo, quoted reply, the guest talk's own
// messages) or joins the best-scoring recent thread, or opens a new one. Scores come from a model fitted on the
// gold days (src/threads/model.ts, weights in src/threads/weights.json, refit with
// `npx tsx scripts/fit-threads.ts`). Signals (DESIGN "Threads"): @mentions, being addressed, the same speaker,
// shared rare terms, open questions, second-person replies, time gaps, guest-talk structure.
// Cost is O(messages x recent threads).
import type { Day } from '../model/types.ts';
import type { ThreadTerms } from './features.ts';
import { committedWeights, greedy, walk } from './model.ts';

export interface ThreadOptions {
  /** Glossary terms and aliases (and topic keywords), kept whole when comparing messages. */
  terms: string[];
  /** `terms` compiled once (compileThreadTerms) when many days share them; compiled per call when absent. */
  compiled?: ThreadTerms;
  /** Weights aligned to FEATURE_NAMES (cross-validation passes its own); the committed ones when absent. */
  weights?: Float64Array;
  /** Debugging aid: called with each scored message's candidate scores (the last one is "new thread"). */
  trace?: (seq: number, scores: number[]) => void;
}

let committed: Float64Array | null = null;

/** Groups the day's message seqs into threads; every seq appears in exactly one group, groups in order. */
export function disentangle(day: Day, opts: ThreadOptions): number[][] {
  const w = opts.weights ?? (committed ??= committedWeights());
  return walk(day, opts, greedy(w, opts.trace));
}
