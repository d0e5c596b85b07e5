// The compact parts of the index format: thread codes of the map blocks and the postings of the token shards
// read back exactly what was written.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeThreadCodes, encodeThreadCodes } from '../../src/search/format.ts';
import { readShard, writeShard } from '../../src/search/shard.ts';

/** A day's messages as thread indices: -1 (none), a new thread (numbered in order) or one seen before. */
const dayThreads = fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 2 })), { maxLength: 300 }).map((xs) => {
  let next = 0;
  const threads: number[] = [];
  const roles: number[] = [];
  for (const [pick, role] of xs) {
    // pick 0: no thread; 1: a new one; else one of the threads so far (spread, so old threads come back too).
    threads.push(pick === 0 ? -1 : pick === 1 || next === 0 ? next++ : (pick * 7919) % next);
    roles.push(role);
  }
  return { threads, roles };
});

describe('thread codes', () => {
  it('decode to the thread and role of every message', () => {
    fc.assert(fc.property(dayThreads, ({ threads, roles }) => {
      const codes = encodeThreadCodes(threads, roles);
      expect(codes.length).toBe(threads.length);
      const d = decodeThreadCodes(codes);
      expect([...d.thread]).toEqual(threads);
      expect([...d.role]).toEqual(roles);
    }));
  });
  it('write interleaved threads of a busy day as one ASCII byte each', () => {
    // 600 threads in turn, each continued by its neighbours: indices pass 500, places stay small.
    const threads: number[] = [];
    for (let t = 0; t < 600; t++) threads.push(t, t, Math.max(0, t - 1), t);
    const codes = encodeThreadCodes(threads, threads.map(() => 0));
    expect(Buffer.byteLength(codes)).toBe(codes.length);
    expect([...decodeThreadCodes(codes).thread]).toEqual(threads);
  });
  it('refuses a thread that is neither new nor seen', () => {
    expect(() => encodeThreadCodes([0, 2], [0, 0])).toThrow(/neither new/);
  });
});

describe('token shards', () => {
  it('read back every token’s ascending posting ids', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 1, maxLength: 50 })), (dict) => {
      const entries = Object.entries(dict).map(([t, ids]) => [t, [...ids].sort((a, b) => a - b)] as [string, number[]]);
      const shard = readShard(writeShard(entries));
      for (const [t, ids] of entries) expect(shard.ids(t)).toEqual(ids);
      expect(shard.ids('\u0000absent')).toEqual([]);
    }));
  });
  it('answers nothing for tokens of Object.prototype', () => {
    expect(readShard(writeShard([['a', [1]]])).ids('constructor')).toEqual([]);
    expect(readShard(writeShard([['__proto__', [3, 9]]])).ids('__proto__')).toEqual([3, 9]);
    expect(readShard(writeShard(undefined)).ids('a')).toEqual([]);
  });
});
