// Where busy days and long threads are cut (src/site/pagination.ts), on made-up streams.
import { describe, expect, it } from 'vitest';
import { cutStream, pageCount, partOf, partRange } from '../../src/site/pagination.ts';

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('cutStream', () => {
  it('leaves a stream that fits in one part alone', () => {
    expect(cutStream(range(0, 10), [], 10)).toEqual([0]);
  });

  it('never makes a part longer than the bound, nor (but the last) shorter than half of it', () => {
    const n = 2102;
    const starts = cutStream(range(0, n).map((i) => i * 30), [], 400);
    const sizes = starts.map((s, i) => (starts[i + 1] ?? n) - s);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(400);
    expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(200);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('cuts where no conversation is interrupted, then at the longest silence', () => {
    // 30 messages a minute apart, an hour's silence before message 19; three threads, the first two interleaved:
    // 0..12 and 14, then 13, 15, 16, then 17..29. Only a cut before 17 interrupts no conversation.
    const seconds = range(0, 30).map((i) => i * 60 + (i >= 19 ? 3600 : 0));
    const threads = [[...range(0, 13), 14], [13, 15, 16], range(17, 30)];
    expect(cutStream(seconds, threads, 20)).toEqual([0, 17]);
    // Without threads to respect, the longest silence decides.
    expect(cutStream(seconds, [], 20)).toEqual([0, 19]);
  });
});

describe('partOf / partRange / pageCount', () => {
  it('finds the part of a seq and the range of a part', () => {
    const starts = [1, 300, 650];
    expect(partOf(undefined, 5000)).toBe(1);
    expect([1, 299, 300, 649, 650, 2000].map((s) => partOf(starts, s))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(partRange(starts, 2, 900)).toEqual({ first: 300, last: 649 });
    expect(partRange(starts, 3, 900)).toEqual({ first: 650, last: 900 });
    expect(pageCount(0, 300)).toBe(1);
    expect(pageCount(601, 300)).toBe(3);
  });
});
