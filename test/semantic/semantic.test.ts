// Related discussions: the real loading, pooling, caching and ranking code on a tiny BERT-shaped model that the
// test writes itself, and the TF-IDF fallback used when no model is available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTinyModel } from '../helpers/tiny-model.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContent } from '../../src/node/load.ts';
import { loadConfig, type SemanticConfig } from '../../src/node/config.ts';
import { loadEmbedder, ModelUnavailable, type Embedder } from '../../src/semantic/embedder.ts';
import { embedCached } from '../../src/semantic/cache.ts';
import { computeRelated, configuredEmbedder, relatedDocs } from '../../src/semantic/related.ts';
import { sparseCosine, tfidfVectors } from '../../src/semantic/tfidf.ts';
import type { ArchiveInput } from '../../src/model/types.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

const content = readContent(fixtureContentDir());
let tmp: string;
let cfg: SemanticConfig;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cka-semantic-'));
  writeTinyModel(join(tmp, 'models'), 'tiny/bert', { text: content.logs.map((l) => l.source).join('') });
  cfg = { model: 'tiny/bert', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'cache') };
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Wraps an embedder to count how many texts reach the model. */
function counting(e: Embedder): Embedder & { count: number } {
  const c = {
    id: e.id,
    get dim() { return e.dim; },
    count: 0,
    async embed(texts: string[]) { c.count += texts.length; return e.embed(texts); },
  };
  return c;
}

const withLogs = (pred: (file: string) => boolean): ArchiveInput => ({ ...content, logs: content.logs.filter((l) => pred(l.file)) });

describe('embeddings with a tiny local model', () => {
  it('loads through @xenova/transformers and returns mean-pooled, normalized vectors', async () => {
    const e = await loadEmbedder(cfg);
    const [a, b, c] = await e.embed(['分录流水和账户流水怎么核对', '账户流水和分录流水日终核对', '睡眠周期大约九十分钟']);
    expect(a!.length).toBe(32);
    for (const v of [a!, b!, c!]) expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, xi, i) => s + xi * y[i]!, 0);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!)); // same characters, different order: close
    // Batching does not change a vector (padding is masked out by the pooling).
    const [alone] = await e.embed(['睡眠周期大约九十分钟']);
    expect(Array.from(alone!).map((x) => x.toFixed(5))).toEqual(Array.from(c!).map((x) => x.toFixed(5)));
  });

  it('refuses a missing model with ModelUnavailable, without touching the network', async () => {
    await expect(loadEmbedder({ ...cfg, model: 'nope/missing' })).rejects.toBeInstanceOf(ModelUnavailable);
  });

  it('caches by content hash: a rebuild after one new day embeds only that day', async () => {
    const cacheDir = join(tmp, 'cache-rebuild');
    const e = counting(await loadEmbedder(cfg));
    const newDay = 'devarch/2018-08-08-chat.markdown';
    const before = buildArchive(withLogs((f) => f.startsWith('devarch/') && f !== newDay));
    const r1 = await computeRelated(before, { embedder: e, cacheDir });
    const docs1 = relatedDocs(before);
    expect(r1.method).toBe('embeddings');
    expect(e.count).toBe(docs1.threads.length + docs1.terms.length);

    e.count = 0;
    await computeRelated(before, { embedder: e, cacheDir });
    expect(e.count).toBe(0); // nothing changed, nothing embedded

    const after = buildArchive(withLogs((f) => f.startsWith('devarch/')));
    const r3 = await computeRelated(after, { embedder: e, cacheDir });
    const fresh = relatedDocs(after).threads.filter((d) => d.day === 'devarch/2018-08-08');
    expect(fresh.length).toBeGreaterThan(0);
    expect(e.count).toBe(fresh.length);
    expect(r3.stats).toEqual({ total: relatedDocs(after).threads.length + relatedDocs(after).terms.length, cached: r3.stats!.total - fresh.length, embedded: fresh.length });
  });

  it('ranks related threads from other days only, best first, for threads and glossary terms', async () => {
    const archive = buildArchive(content);
    const r = await computeRelated(archive, { embedder: await loadEmbedder(cfg), cacheDir: join(tmp, 'cache-rank'), limit: 4 });
    const dayOf = new Map(archive.threads.map((t) => [t.id, t.day]));
    expect(r.related.size).toBeGreaterThan(archive.threads.length / 3);
    for (const [key, items] of r.related) {
      expect(items.length).toBeLessThanOrEqual(4);
      for (let i = 1; i < items.length; i++) expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
      if (!key.startsWith('term:')) for (const it of items) expect(dayOf.get(it.threadId)).not.toBe(dayOf.get(key));
    }
    expect(r.related.get('term:fenlu-liushui')?.length).toBeGreaterThan(0);
  });
});

describe('fallback without a model', () => {
  it('says so once and returns null', async () => {
    const lines: string[] = [];
    const missing = { ...cfg, model: 'Xenova/multilingual-e5-small', modelDir: join(tmp, 'empty') };
    expect(await configuredEmbedder(missing, (l) => lines.push(l))).toBeNull();
    expect(await configuredEmbedder(missing, (l) => lines.push(l))).toBeNull();
    expect(lines.length).toBeLessThanOrEqual(1); // once per process (an earlier build step may have said it)
    if (lines.length) expect(lines[0]).toMatch(/TF-IDF.*archive\.config\.json/);
  });

  it('relates threads lexically (TF-IDF over the search tokens)', async () => {
    const archive = buildArchive(content);
    const r = await computeRelated(archive, { embedder: null });
    expect(r.method).toBe('tfidf');
    const fenlu = r.related.get('term:fenlu-liushui') ?? [];
    expect(fenlu[0]?.threadId.startsWith('devarch/2018-08-08/')).toBe(true); // the ledger discussion itself
    const dayOf = new Map(archive.threads.map((t) => [t.id, t.day]));
    for (const [key, items] of r.related) if (!key.startsWith('term:')) for (const it of items) {
      expect(dayOf.get(it.threadId)).not.toBe(dayOf.get(key));
      expect(it.score).toBeGreaterThan(0);
    }
  });

  it('tf-idf cosine: shared rare words relate, disjoint texts do not', () => {
    const v = tfidfVectors(['分录流水 账户流水 核对', '账户流水 分录流水 日终', '睡眠 周期 起床', '睡眠 周期 午睡']);
    expect(sparseCosine(v[0]!, v[1]!)).toBeGreaterThan(0.3);
    expect(sparseCosine(v[0]!, v[2]!)).toBe(0);
    expect(sparseCosine(v[2]!, v[3]!)).toBeGreaterThan(sparseCosine(v[0]!, v[3]!));
  });
});

describe('configuration', () => {
  it('reads defaults and lets the environment override them', () => {
    const d = loadConfig(tmp, {});
    expect(d.semantic.model).toBe('Xenova/multilingual-e5-small');
    expect(d.semantic.allowRemoteModels).toBe(false);
    expect(d.semantic.prefix).toBe('query: ');
    expect(d.semantic.modelDir).toBe(join(tmp, 'models'));
    const o = loadConfig(tmp, { CKA_MODEL: 'tiny/bert', CKA_MODEL_DIR: '/m', CKA_ALLOW_REMOTE_MODELS: '1' });
    expect(o.semantic).toMatchObject({ model: 'tiny/bert', modelDir: '/m', allowRemoteModels: true, prefix: '' });
  });

  it('embedCached keys by embedder id as well as text', async () => {
    const fake = (id: string): Embedder & { n: number } => ({ id, dim: 2, n: 0, async embed(t) { this.n += t.length; return t.map(() => Float32Array.from([1, 0])); } });
    const a = fake('A');
    const b = fake('B');
    const dir = join(tmp, 'cache-ids');
    await embedCached(a, ['x', 'y', 'x'], dir);
    expect(a.n).toBe(2); // the duplicate text is embedded once
    await embedCached(b, ['x'], dir);
    expect(b.n).toBe(1);
    const again = await embedCached(a, ['y'], dir);
    expect(again.stats).toEqual({ total: 1, cached: 1, embedded: 0 });
  });
});
