import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_RELEVANCE, TIER, aliasThreads, idf, messageScore, rankOrder, rankThreads, termWeight, threadScore } from '../../src/search/rank-terms.ts';
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

describe('rankThreads and aliasThreads order only the first page, and that page is the full order\'s', () => {
  const message = fc.record({ ord: fc.nat(500), score: fc.integer({ min: 0, max: 300 }), date: fc.constantFrom('2018-01-01', '2018-01-02', '2018-02-01'), key: fc.nat(40) });
  const unique = (ms: { ord: number; score: number; date: string; key: number }[]) => [...new Map(ms.map((m) => [m.ord, m])).values()];
  it('gives the first `limit` threads of the whole ranking, with the full count', () => {
    fc.assert(fc.property(fc.array(message, { maxLength: 120 }).map(unique), fc.nat(50), (ms, limit) => {
      const all = rankThreads(ms, (m) => m.key);
      const first = rankThreads(ms, (m) => m.key, limit);
      expect(first.count).toBe(all.count);
      expect(first.threads).toEqual(all.threads.slice(0, limit));
      // The full ranking is the brute-force one: each thread led by its best message, threads by rankOrder.
      const keys = [...new Set(ms.map((m) => m.key))];
      const brute = keys.map((k) => {
        const own = ms.filter((m) => m.key === k).sort((a, b) => rankOrder(a, b, a.ord, b.ord));
        return { key: k, best: own[0]!, count: own.length, score: threadScore(own[0]!.score, own.length) };
      }).sort((a, b) => rankOrder({ score: a.score, date: a.best.date }, { score: b.score, date: b.best.date }, a.best.ord, b.best.ord));
      expect(all.threads.map((t) => [t.key, t.best.ord, t.count, t.score])).toEqual(brute.map((t) => [t.key, t.best.ord, t.count, t.score]));
      const exclude = new Set(keys.slice(0, 3));
      const via = aliasThreads(ms, (m) => m.key, exclude, -5);
      const viaFirst = aliasThreads(ms, (m) => m.key, exclude, -5, limit);
      expect(viaFirst.threads).toEqual(via.threads.slice(0, limit));
      expect(via.threads.every((t) => !exclude.has(t.key) && t.score < 0)).toBe(true);
    }));
  });
});
