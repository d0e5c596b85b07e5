// The multi-pattern matcher must agree with the naive indexOf scans it replaced, on any text and pattern set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermsMatcher } from '../../src/glossary/terms-matcher.ts';

// A small alphabet (with CJK, a surrogate pair and case) makes overlaps, shared prefixes and suffixes common.
const ALPHABET = ['a', 'b', 'ab', '分', '录', '分录', '账', 'A', '😀', '\n'];
const str = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((a) => a.join(''));

function naiveOccurrences(text: string, patterns: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  patterns.forEach((p, pi) => {
    if (!p) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([pi, i]);
  });
  return out;
}

function naiveCount(text: string, p: string): number {
  let n = 0;
  for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + p.length)) n++;
  return n;
}

const sortPairs = (a: [number, number][]) => [...a].sort((x, y) => x[0] - y[0] || x[1] - y[1]);

describe('TermsMatcher', () => {
  it('finds exactly the occurrences an indexOf scan finds, each pattern in increasing start order', () => {
    fc.assert(
      fc.property(fc.array(str(4), { maxLength: 12 }), str(40), (patterns, text) => {
        const m = new TermsMatcher(patterns);
        const got: [number, number][] = [];
        m.scan(text, (p, start) => got.push([p, start]));
        expect(sortPairs(got)).toEqual(sortPairs(naiveOccurrences(text, patterns)));
        // Per pattern, the visits come left to right (termSpans and counts rely on it).
        for (let p = 0; p < patterns.length; p++) {
          const starts = got.filter(([q]) => q === p).map(([, s]) => s);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('present() is includes() and counts() is the non-overlapping indexOf count', () => {
    fc.assert(
      fc.property(fc.array(str(4), { maxLength: 12 }), str(40), (patterns, text) => {
        const m = new TermsMatcher(patterns);
        expect(m.present(text)).toEqual(patterns.flatMap((p, i) => (p && text.includes(p) ? [i] : [])));
        const counts = m.counts(text);
        patterns.forEach((p, i) => expect(counts[i]).toBe(p ? naiveCount(text, p) : 0));
      }),
      { numRuns: 400 },
    );
  });

  it('handles duplicates, nested patterns and empty ones', () => {
    const m = new TermsMatcher(['分录', '', '录', '分录流水', '分录']);
    const got: [number, number][] = [];
    m.scan('先记分录流水', (p, s) => got.push([p, s]));
    expect(sortPairs(got)).toEqual([[0, 2], [2, 3], [3, 2], [4, 2]]);
    expect(m.present('无关')).toEqual([]);
    expect([...m.counts('分录分录')]).toEqual([2, 0, 2, 0, 2]);
  });
});
