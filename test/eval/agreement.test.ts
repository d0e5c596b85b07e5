import { describe, expect, it } from 'vitest';
import { compareAnnotations } from '../../src/eval/agreement.ts';
import type { GoldFile } from '../../src/eval/gold.ts';

const day = (threads: GoldFile['threads']): GoldFile => ({ file: 'g/2018-01-01-chat.markdown', threads });

describe('compareAnnotations', () => {
  const a = day([
    { id: 'T01', messages: [1, 2, 3, 4], topics: ['ledgers'], question: 1, answers: [2, 3] },
    { id: 'T02', messages: [5, 6], topics: ['social'] },
    { id: 'T03', messages: [7, 8, 9], topics: ['routing'], question: 7, answers: [8] },
  ]);

  it('scores an annotation against itself as full agreement', () => {
    const r = compareAnnotations(a, a);
    expect(r.oneToOne).toBe(1);
    expect(r.exact.f1).toBe(1);
    expect(r.qa?.answers).toEqual({ tp: 3, predicted: 3, gold: 3 });
    expect(r.topics.rate).toBe(1);
  });

  it('counts a moved message against one-to-one and exact match, and B\'s answers against A\'s', () => {
    const b = day([
      { id: 'T01', messages: [1, 2, 3], topics: ['ledgers'], question: 1, answers: [2] },
      { id: 'T02', messages: [4, 5, 6], topics: ['chit-chat'] },
      { id: 'T03', messages: [7, 8, 9], topics: ['accounts'], question: 7, answers: [8, 9] },
    ]);
    const r = compareAnnotations(a, b);
    expect(r.oneToOne).toBeCloseTo(8 / 9);
    expect(r.exact.matched).toBe(1);
    expect(r.exact.f1).toBeCloseTo(1 / 3);
    expect(r.qa?.answers).toEqual({ tp: 2, predicted: 3, gold: 3 });
    // social and chit-chat are one family; routing vs accounts is a miss.
    expect(r.topics.agreed).toBe(2);
  });

  it('refuses annotations that cover different messages', () => {
    const b = day([{ id: 'T01', messages: [1, 2, 3, 4, 5, 6, 7, 8], topics: [] }]);
    expect(() => compareAnnotations(a, b)).toThrow(/different messages/);
  });
});

describe('the second annotations in test/fixtures/gold-second', () => {
  it('each covers exactly the messages of its day, as the first annotation does', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '../fixtures');
    const names = readdirSync(join(root, 'gold-second')).filter((n) => n.endsWith('.threads.json'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const n of names) {
      const read = (d: string) => JSON.parse(readFileSync(join(root, d, n), 'utf8')) as GoldFile;
      const r = compareAnnotations(read('gold'), read('gold-second'));
      expect(r.messages, n).toBeGreaterThan(50);
    }
  });
});
