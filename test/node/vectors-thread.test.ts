import { describe, expect, it } from 'vitest';
import { trainInWorker } from '../../src/node/vectors-thread.ts';
import { trainTermVectors, type TermDoc } from '../../src/semantic/vectors.ts';

// A small corpus with structure: two families of terms that co-occur within their family.
function corpus(): TermDoc[] {
  const fam = [['对账', '差错', '流水', '清算'], ['路由', '通道', '渠道', '成本'], ['账户', '余额', '分户', '记账']];
  const docs: TermDoc[] = [];
  for (let i = 0; i < 400; i++) {
    const f = fam[i % 3]!;
    docs.push({ terms: [f[i % 4]!, f[(i + 1) % 4]!, f[(i * 7) % 4]!, `t${i % 23}`], thread: Math.floor(i / 5) });
  }
  return docs;
}

describe('trainInWorker', () => {
  it('returns, from a worker thread, bit for bit the vectors of training in-thread', async () => {
    const docs = corpus();
    const opts = { dim: 8, minCount: 2 };
    const r = await trainInWorker(docs, opts);
    expect(r.inThread).toBeNull();
    const here = trainTermVectors(docs, opts);
    expect(r.vectors.terms).toEqual(here.terms);
    expect([...r.vectors.index]).toEqual([...here.index]);
    expect(Buffer.from(r.vectors.data.buffer).equals(Buffer.from(here.data.buffer))).toBe(true);
    expect([...r.vectors.df]).toEqual([...here.df]);
    expect(r.vectors.dim).toBe(here.dim);
  });

  it('trains in-thread, and says why, when the worker cannot run', async () => {
    const docs = corpus();
    const r = await trainInWorker(docs, { dim: 8 }, new URL('./no-such-worker.ts', import.meta.url));
    expect(r.inThread).toMatch(/worker/);
    expect(r.vectors.terms).toEqual(trainTermVectors(docs, { dim: 8 }).terms);
  });
});
