import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_RELEVANCE, TIER, idf, messageScore, rankOrder, termWeight, threadScore } from '../../src/search/rank-terms.ts';
import { ROLE_ANSWER, ROLE_OTHER, ROLE_QUESTION } from '../../src/search/format.ts';

const role = fc.constantFrom(ROLE_OTHER, ROLE_QUESTION, ROLE_ANSWER);
const relevance = fc.double({ min: 0, max: 1e6, noNaN: true });

describe('search ranking', () => {
  it('puts a message matching more query terms above any matching fewer, whatever its relevance', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), relevance, relevance, role, role, (k, r1, r2, a, b) => {
      expect(messageScore(k + 1, r1, a)).toBeGreaterThan(messageScore(k, r2, b));
    }));
  });

  it('never lets the thread bonus lift a thread into the next tier', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), relevance, role, fc.integer({ min: 1, max: 1e6 }), (k, r, a, n) => {
      expect(threadScore(messageScore(k, r, a), n)).toBeLessThan(k * TIER);
    }));
  });

  it('weighs a question above an answer above another message of the same relevance', () => {
    const r = MAX_RELEVANCE / 2;
    expect(messageScore(1, r, ROLE_QUESTION)).toBeGreaterThan(messageScore(1, r, ROLE_ANSWER));
    expect(messageScore(1, r, ROLE_ANSWER)).toBeGreaterThan(messageScore(1, r, ROLE_OTHER));
  });

  it('rates rare terms and repeated terms higher, repetition with diminishing returns', () => {
    expect(idf(1000, 2)).toBeGreaterThan(idf(1000, 200));
    expect(termWeight(1, 2)).toBeGreaterThan(termWeight(1, 1));
    expect(termWeight(1, 4) - termWeight(1, 2)).toBeLessThan(2 * (termWeight(1, 2) - termWeight(1, 1)));
  });

  it('orders by score, then the newer date, then archive order', () => {
    const x = { score: 5, date: '2018-01-01' };
    expect(rankOrder({ score: 6, date: '2017-01-01' }, x, 9, 0)).toBeLessThan(0);
    expect(rankOrder({ score: 5, date: '2019-01-01' }, x, 9, 0)).toBeLessThan(0);
    expect(rankOrder({ score: 5, date: '2018-01-01' }, x, 1, 2)).toBeLessThan(0);
  });
});
