// Leave-one-day-out cross-validation over the gold days in test/fixtures/gold: each day is scored with weights
// fitted on the other days only. The floors sit a little below the levels measured over the 13 gold days (9 until
// four days drawn at random were annotated; on 9 days one-to-one was 0.883, exact F1 0.399, answers on gold threads
// 0.705 / 0.752): one-to-one 0.880 (0.874 before the rounds on the model's own threads, session 7; 0.822 before guest talks announced hours ahead were read as one thread, session
// 6), exact-match F1 0.335 (0.294 before the fit also learnt from the model's own decoded threads, session 7), questions on gold threads 0.851 / 0.976, answers on gold threads 0.705 / 0.758 after the last refit (0.684 / 0.739 before it) (targets
// 0.85, 0.50, 0.7), so they can only go up. Means and pooled counts only; no
// assertion on any message.
import { describe, expect, it } from 'vitest';
import { readGold } from '../../src/node/gold.ts';
import { buildGoldDays } from '../../src/eval/gold-days.ts';
import { fitThreads, leaveOneDayOut, mean } from '../../src/eval/crossval.ts';
import { addPR, precision, recall, type PR } from '../../src/eval/gold.ts';
import { FIT } from '../../src/threads/fit-options.ts';
import { committedWeights } from '../../src/threads/model.ts';

const set = readGold();
const { days, terms } = buildGoldDays(set.files, set.input);

describe('gold days', () => {
  it('are all there, with their logs', () => {
    expect(set.missing).toEqual([]);
    expect(days.length).toBeGreaterThanOrEqual(13);
  });
});

describe('leave-one-day-out', () => {
  const rows = leaveOneDayOut(days, terms, FIT);
  const pool = (f: (r: (typeof rows)[number]) => PR | undefined) =>
    rows.map(f).filter((x): x is PR => !!x).reduce(addPR, { tp: 0, predicted: 0, gold: 0 });

  it('threads: mean one-to-one >= 0.85 (target; reached 0.880), mean exact-match F1 >= 0.32 (reached 0.335; target 0.50)', () => {
    expect(mean(rows.map((r) => r.oneToOne))).toBeGreaterThanOrEqual(0.85);
    expect(mean(rows.map((r) => r.exact.f1))).toBeGreaterThanOrEqual(0.32);
  });

  it('questions on the gold threads: precision >= 0.83 and recall >= 0.95 (target 0.7)', () => {
    const q = pool((r) => r.qaOnGold?.questions);
    expect(q.gold).toBeGreaterThan(20);
    expect(precision(q)).toBeGreaterThanOrEqual(0.83);
    expect(recall(q)).toBeGreaterThanOrEqual(0.95);
  });

  it('answers on the gold threads: precision and recall >= 0.7 (target; reached 0.705 / 0.758)', () => {
    const a = pool((r) => r.qaOnGold?.answers);
    expect(a.gold).toBeGreaterThan(100);
    expect(precision(a)).toBeGreaterThanOrEqual(0.7);
    expect(recall(a)).toBeGreaterThanOrEqual(0.7);
  });

  it('end to end (threads found by the model): question and answer precision and recall >= 0.5', () => {
    const q = pool((r) => r.qa?.questions);
    const a = pool((r) => r.qa?.answers);
    for (const x of [precision(q), recall(q), precision(a), recall(a)]) expect(x).toBeGreaterThanOrEqual(0.5);
  });
});

describe('committed weights', () => {
  it('are what scripts/fit-threads.ts fits on all the gold days', () => {
    const w = fitThreads(days, terms, FIT);
    const c = committedWeights();
    expect(c.length).toBe(w.length);
    w.forEach((x, k) => expect(c[k]).toBeCloseTo(x, 4));
  });
});
