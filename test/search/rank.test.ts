// Ranking functions: BM25F, fusion, the eigensolver and vectors trained on the bundled archive.
import { describe, expect, it } from 'vitest';
import { bm25f, HEADING_WEIGHT, rrf } from '../../src/search/rank.ts';
import { jacobiEigen } from '../../src/semantic/vectors.ts';
import { archiveVectors } from '../../src/search/ask-build.ts';
import { decodeInt8, encodeInt8 } from '../../src/search/ask-format.ts';
import { loadArchive } from '../../src/node/load.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

describe('bm25f', () => {
  const stats = [{ weight: 1, df: 5 }, { weight: 1, df: 80 }];
  it('a rare term counts more than a common one, a term in the heading more than in the body', () => {
    const rare = bm25f({ tf: [[0, 1], undefined], length: 10 }, stats, 100, 10).score;
    const common = bm25f({ tf: [undefined, [0, 1]], length: 10 }, stats, 100, 10).score;
    expect(rare).toBeGreaterThan(common);
    const heading = bm25f({ tf: [[1, 0], undefined], length: 10 }, stats, 100, 10).score;
    expect(heading).toBeGreaterThan(rare);
    expect(HEADING_WEIGHT).toBeGreaterThan(1);
  });
  it('saturates term frequency and damps long threads', () => {
    const s = (tf: number, length: number) => bm25f({ tf: [[0, tf], undefined], length }, stats, 100, 10).score;
    expect(s(10, 10)).toBeLessThan(10 * s(1, 10));
    expect(s(2, 100)).toBeLessThan(s(2, 10));
    // Matching both of two rare terms beats matching one of them many times.
    const rare = [{ weight: 1, df: 5 }, { weight: 1, df: 5 }];
    expect(bm25f({ tf: [[0, 1], [0, 1]], length: 10 }, rare, 100, 10).score).toBeGreaterThan(bm25f({ tf: [[0, 3], undefined], length: 10 }, rare, 100, 10).score);
  });
});

describe('rrf', () => {
  it('sums weighted reciprocal ranks', () => {
    const f = rrf([{ keys: ['a', 'b', 'c'], weight: 1 }, { keys: ['c', 'a'], weight: 1 }], 10);
    expect(f.get('a')).toBeCloseTo(1 / 11 + 1 / 12);
    expect(f.get('c')).toBeCloseTo(1 / 13 + 1 / 11);
    expect(f.get('a')! > f.get('b')!).toBe(true);
  });
});

describe('vectors', () => {
  it('jacobi finds the eigenvalues of a symmetric matrix', () => {
    // [[2,1],[1,2]] has eigenvalues 1 and 3.
    const { values } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 9), expect.closeTo(3, 9)]);
  });
  it('int8 vectors survive base64', () => {
    const v = Int8Array.from([-128, -1, 0, 1, 127, 5, 9]);
    expect([...decodeInt8(encodeInt8(v))]).toEqual([...v]);
  });
  it('trained on the archive, terms of one discussion lie closer than terms of unrelated ones', () => {
    const { vectors } = archiveVectors(loadArchive(fixtureContentDir()));
    const cos = (a: string, b: string) => {
      const i = vectors.index.get(a)!;
      const j = vectors.index.get(b)!;
      let s = 0;
      for (let c = 0; c < vectors.dim; c++) s += vectors.data[i * vectors.dim + c]! * vectors.data[j * vectors.dim + c]!;
      return s;
    };
    for (const t of ['睡眠', '周期', '清算', '对账']) expect(vectors.index.has(t), t).toBe(true);
    expect(cos('睡眠', '周期')).toBeGreaterThan(cos('睡眠', '清算'));
    expect(cos('睡眠', '周期')).toBeGreaterThan(cos('睡眠', '对账'));
  });
});
