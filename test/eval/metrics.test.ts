import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from '../../src/eval/hungarian.ts';
import { exactMatch, oneToOne, topicAgreement } from '../../src/eval/metrics.ts';

describe('maxWeightAssignment', () => {
  it('finds the optimum where greedy fails', () => {
    // Greedy takes 9 (row0->col0) and then 1; the optimum pairs 8 + 7.
    expect(maxWeightAssignment([[9, 8], [7, 1]])).toEqual([1, 0]);
  });
  it('handles rectangles both ways', () => {
    expect(maxWeightAssignment([[1, 5, 2]])).toEqual([1]);
    const r = maxWeightAssignment([[3], [4], [1]]);
    expect(r.filter((c) => c === 0)).toHaveLength(1);
    expect(r[1]).toBe(0);
  });
  it('matches brute force on small random matrices', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) % 10;
    const perms = (n: number): number[][] => (n === 0 ? [[]] : perms(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
    for (let k = 0; k < 30; k++) {
      const w = Array.from({ length: 4 }, () => Array.from({ length: 4 }, rnd));
      const best = Math.max(...perms(4).map((p) => p.reduce((s, c, r) => s + w[r]![c]!, 0)));
      const got = maxWeightAssignment(w).reduce((s, c, r) => s + w[r]![c]!, 0);
      expect(got).toBe(best);
    }
  });
});

describe('oneToOne', () => {
  it('is 1 for identical clusterings and counts the best pairing otherwise', () => {
    expect(oneToOne([[1, 2], [3]], [[3], [1, 2]])).toBe(1);
    // Gold {1,2,3,4} {5,6}; predicted {1,2} {3,4,5,6}: best pairing covers 2 + 2 of 6.
    expect(oneToOne([[1, 2, 3, 4], [5, 6]], [[1, 2], [3, 4, 5, 6]])).toBeCloseTo(4 / 6);
    // Everything in one predicted thread: only the largest gold thread is matched.
    expect(oneToOne([[1, 2, 3], [4]], [[1, 2, 3, 4]])).toBeCloseTo(3 / 4);
  });
});

describe('exactMatch', () => {
  it('counts exact thread matches and skips single-message threads on both sides', () => {
    const r = exactMatch([[1, 2], [3, 4, 5], [6]], [[2, 1], [3, 4], [5], [6]]);
    expect(r.gold).toBe(2);
    expect(r.predicted).toBe(2);
    expect(r.matched).toBe(1);
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(0.5);
    expect(r.f1).toBeCloseTo(0.5);
  });
  it('is 0 with no match', () => {
    expect(exactMatch([[1, 2]], [[1, 2, 3]]).f1).toBe(0);
  });
});

describe('topicAgreement', () => {
  it('compares the partner thread’s best topic, with social and chit-chat as one family', () => {
    const gold = [{ seqs: [1, 2], topics: ['ledgers'] }, { seqs: [3, 4], topics: ['social'] }, { seqs: [5], topics: ['routing'] }];
    const pred = [{ seqs: [1, 2], topics: ['ledgers', 'routing'] }, { seqs: [3, 4], topics: ['chit-chat'] }, { seqs: [5], topics: ['jobs'] }];
    expect(topicAgreement(gold, pred)).toBeCloseTo(2 / 3);
  });
});
