// Fitting the recurring-question threshold on hand-judged pairs: each pair's similarity (recurring.ts) against the
// judge's same/different, swept over every threshold the pairs themselves suggest. Pure: scripts/fit-questions.ts
// prints it, test/archive/questions.test.ts keeps the chosen SAME_QUESTION at its measured quality.

export interface ScoredPair {
  sim: number;
  same: boolean;
}

export interface ThresholdQuality {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pairs at or above the threshold judged same / different, and judged same below it. */
  tp: number;
  fp: number;
  fn: number;
}

export function quality(pairs: readonly ScoredPair[], threshold: number): ThresholdQuality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    if (p.sim >= threshold) p.same ? tp++ : fp++;
    else if (p.same) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { threshold, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, tp, fp, fn };
}

/**
 * Candidate thresholds: midway between consecutive distinct similarities (a threshold between two judged pairs
 * decides the same way anywhere in that gap; the middle leaves most room on both sides).
 */
export function candidates(pairs: readonly ScoredPair[]): number[] {
  const sims = [...new Set(pairs.map((p) => p.sim))].sort((a, b) => a - b);
  return sims.slice(1).map((s, i) => (s + sims[i]!) / 2);
}

/** The threshold with the best recall at precision >= minPrecision (ties: the higher F1, then the higher threshold); else the best F1. */
export function fitThreshold(pairs: readonly ScoredPair[], minPrecision = 0.9): { chosen: ThresholdQuality; rule: string; sweep: ThresholdQuality[] } {
  const sweep = candidates(pairs).map((t) => quality(pairs, t));
  const ok = sweep.filter((q) => q.precision >= minPrecision && q.tp > 0);
  const by = (a: ThresholdQuality, b: ThresholdQuality) => b.recall - a.recall || b.f1 - a.f1 || b.threshold - a.threshold;
  if (ok.length) return { chosen: [...ok].sort(by)[0]!, rule: `best recall at precision >= ${minPrecision}`, sweep };
  const best = [...sweep].sort((a, b) => b.f1 - a.f1 || b.threshold - a.threshold)[0] ?? quality(pairs, 1);
  return { chosen: best, rule: 'best F1 (no threshold reaches the precision)', sweep };
}
