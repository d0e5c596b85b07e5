// The candidate search of related discussions against the all-pairs reference, and its building blocks.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '../helpers/tiny-model.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { loadEmbedder } from '../../src/semantic/embedder.ts';
import { computeRelated } from '../../src/semantic/related.ts';
import { denseBuckets, denseNeighbors, packSparse, sparseNeighbors } from '../../src/semantic/neighbors.ts';
import { overlap } from '../../src/semantic/overlap.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const content = readContent(fixtureContentDir());
const archive = buildArchive(content);

describe('related discussions: candidate search vs all pairs', () => {
  it('finds the same top 5 as comparing every pair (TF-IDF)', async () => {
    const ref = await computeRelated(archive, { embedder: null, exhaustive: true });
    const got = await computeRelated(archive, { embedder: null });
    expect(ref.related.size).toBeGreaterThan(50);
    const o = overlap(ref.related, got.related);
    expect(o.overlap).toBeGreaterThanOrEqual(0.95);
    expect(o.scoreRatio).toBeGreaterThanOrEqual(0.98);
  });

  it('finds the same top 5 as comparing every pair (embeddings, tiny model)', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'cka-nb-'));
    try {
      writeTinyModel(join(tmp, 'models'), 'tiny', { text: content.logs.map((l) => l.source).join('') });
      const e = await loadEmbedder({ model: 'tiny', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'c') });
      const ref = await computeRelated(archive, { embedder: e, cacheDir: join(tmp, 'c'), exhaustive: true });
      const got = await computeRelated(archive, { embedder: e, cacheDir: join(tmp, 'c') });
      expect(overlap(ref.related, got.related).overlap).toBeGreaterThanOrEqual(0.9);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('sparseNeighbors', () => {
  const vec = (entries: Record<string, number>) => {
    const n = Math.hypot(...Object.values(entries));
    return new Map(Object.entries(entries).map(([k, v]) => [k, v / n]));
  };

  it('relates two documents through a rare token even when a common token is in every document', () => {
    // 300 documents share "common" (past the postings cap); only 7 and 211 share "rare".
    const docs = Array.from({ length: 300 }, (_, i) => vec({ common: 1, [`own${i}`]: 1, ...(i === 7 || i === 211 ? { rare: 2 } : {}) }));
    const lists = sparseNeighbors(packSparse(docs), docs.length, docs.length, (q, t) => q !== t, { limit: 3, min: 0 });
    expect(lists[7]![0]!.index).toBe(211);
    expect(lists[211]![0]!.index).toBe(7);
    // The score is the exact cosine over all tokens, the common one included.
    const exact = [...docs[7]!].reduce((s, [k, w]) => s + w * (docs[211]!.get(k) ?? 0), 0);
    expect(lists[7]![0]!.score).toBeCloseTo(exact, 10);
  });

  it('never returns an excluded pair', () => {
    const docs = Array.from({ length: 40 }, (_, i) => vec({ [`g${i % 4}`]: 1, [`h${i % 5}`]: 1 }));
    const allowed = (q: number, t: number) => q !== t && q % 2 !== t % 2;
    const lists = sparseNeighbors(packSparse(docs), docs.length, docs.length, allowed, { limit: 5, min: 0 });
    for (const [q, l] of lists.entries()) for (const n of l) expect(allowed(q, n.index)).toBe(true);
    // Same h and opposite parity: 4 documents each (sharing g means same parity, excluded).
    expect(lists.every((l) => l.length === 4)).toBe(true);
  });
});

describe('denseBuckets', () => {
  it('puts a vector and a near copy of it in one bucket, and the exact ranking finds it', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const norm = (v: Float32Array) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
    const vs = Array.from({ length: 2000 }, () => norm(Float32Array.from({ length: 32 }, rnd)));
    vs[1500] = norm(vs[3]!.map((x) => x + rnd() * 0.01));
    const buckets = denseBuckets(vs, vs.length);
    expect(buckets(3)).toContain(1500);
    expect(buckets(3).length).toBeLessThan(vs.length / 5); // candidates, not everything
    const lists = denseNeighbors(vs, vs.length, (q, t) => q !== t, buckets, { limit: 1, min: -1 });
    expect(lists[3]![0]!.index).toBe(1500);
  });
});

describe('topByScore', () => {
  it('keeps the k best (ties by lower index), skipping excluded items', async () => {
    const { topByScore } = await import('../../src/semantic/neighbors.ts');
    const score = Float64Array.from([5, 1, 9, 9, 3, 7, 0.5, 8]);
    const items = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(topByScore(items, score, 3, () => true).sort()).toEqual([2, 3, 7]);
    expect(topByScore(items, score, 3, (i) => i !== 3).sort()).toEqual([2, 5, 7]);
    expect(topByScore(items, score, 1, () => true)).toEqual([2]);
    expect(topByScore(items, score, 20, (i) => i % 2 === 0).sort()).toEqual([0, 2, 4, 6]);
  });
});
