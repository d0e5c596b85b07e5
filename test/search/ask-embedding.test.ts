// A model's thread embeddings in question search, on the tiny BERT-shaped model the tests write themselves: the
// build writes the neighbour lists and vectors, the browser client fuses the neighbours of its top threads (and
// fetches only their blocks), the CLI embeds the query, and a model-less build is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { loadArchive } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { buildAskIndex, numberedThreads } from '../../src/search/ask-build.ts';
import { askSearch, type AskResult } from '../../src/search/ask.ts';
import { EMBED_NEIGHBOURS } from '../../src/search/ask-embed-build.ts';
import { FEEDBACK_SEEDS } from '../../src/search/ask-embedding.ts';
import { neighbourBlockPath, type AskMeta, type NeighbourList } from '../../src/search/ask-format.ts';
import { computeAskEmbeddings } from '../../src/semantic/ask-embeddings.ts';
import type { AskEmbeddings } from '../../src/semantic/embeddings-ready.ts';
import { loadEmbedder, type Embedder } from '../../src/semantic/embedder.ts';
import type { SemanticConfig } from '../../src/node/config.ts';
import type { Archive } from '../../src/model/types.ts';
import { writeTinyModel } from '../helpers/tiny-model.ts';
import { recordingClient } from '../helpers/search-client.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';
import { ROOT } from '../helpers/site.ts';

const QUERY = '怎么防止重复扣款';
let tmp: string;
let cfg: SemanticConfig;
let archive: Archive;
let embedder: Embedder;
let emb: AskEmbeddings;
const plain = new Map<string, string>();
const withModel = new Map<string, string>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'cka-ask-embed-'));
  archive = loadArchive(fixtureContentDir());
  writeTinyModel(join(tmp, 'models'), 'tiny', { text: archive.days.flatMap((d) => d.messages.map((m) => m.text)).join('') });
  cfg = { model: 'tiny', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'cache') };
  embedder = await loadEmbedder(cfg);
  emb = (await computeAskEmbeddings(archive, embedder, cfg.cacheDir)).embeddings;
  buildSearchIndex(archive, (p, c) => plain.set(p, c));
  buildAskIndex(archive, (p, c) => plain.set(p, c));
  buildSearchIndex(archive, (p, c) => withModel.set(p, c));
  buildAskIndex(archive, (p, c) => withModel.set(p, c), emb);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const meta = (files: Map<string, string>) => JSON.parse(files.get('ask/meta.json')!) as AskMeta;
const rankOf = (r: AskResult, threadId: string) => r.threads.findIndex((t) => t.threadId === threadId);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('thread embeddings in the question index', () => {
  it('the build writes neighbour lists (exact cosines, best first, mostly the true nearest) and the model id', () => {
    const m = meta(withModel);
    expect(m.model).toBe(embedder.id);
    expect(m.embedding).toMatchObject({ dim: 32, neighbours: EMBED_NEIGHBOURS });
    const threads = numberedThreads(archive);
    expect(emb.threads.length).toBe(threads.length);
    let nearestListed = 0;
    let withVector = 0;
    emb.threads.forEach((v, tno) => {
      const list = JSON.parse(withModel.get(neighbourBlockPath(tno, m.embedding!))!)[tno % m.embedding!.neighbourBlock] as NeighbourList;
      if (!v) return expect(list).toEqual([]);
      withVector++;
      const sims: number[] = [];
      for (let i = 0; i < list.length; i += 3) {
        const other = emb.threads[list[i]!]!;
        expect(list[i]).not.toBe(tno);
        expect(Math.abs(list[i + 2]! / 1000 - dot(v, other))).toBeLessThan(0.002);
        sims.push(list[i + 2]!);
      }
      expect(sims).toEqual([...sims].sort((a, b) => b - a));
      // The exact nearest other thread, by brute force (the build never compares all pairs).
      let best = -1;
      emb.threads.forEach((u, j) => { if (u && j !== tno && (best < 0 || dot(v, u) > dot(v, emb.threads[best]!))) best = j; });
      if (list.filter((_, i) => i % 3 === 0).includes(best)) nearestListed++;
    });
    expect(withVector).toBeGreaterThan(threads.length / 2);
    expect(nearestListed / withVector).toBeGreaterThan(0.8);
  });

  it('without a model the index is what a model-less build writes: no embedding files, no embedding keys', () => {
    for (const [p, c] of plain) if (p !== 'ask/meta.json') expect(withModel.get(p), p).toBe(c);
    const extra = [...withModel.keys()].filter((p) => !plain.has(p));
    expect(extra.length).toBeGreaterThan(0);
    expect(extra.every((p) => p.startsWith('ask/nb/') || p.startsWith('ask/emb/'))).toBe(true);
    const { model, embedding, ...rest } = meta(withModel);
    expect(model).toBeTruthy();
    expect(embedding).toBeDefined();
    expect(plain.get('ask/meta.json')).toBe(JSON.stringify({ ...rest, model: null }));
    expect('embedding' in meta(plain)).toBe(false);
  });
});

describe('embedding the archive is incremental', () => {
  it('a rebuild after one more day embeds only that day\'s threads and questions (cache by content hash)', async () => {
    let count = 0;
    const counting: Embedder = { id: embedder.id, get dim() { return embedder.dim; }, async embed(t) { count += t.length; return embedder.embed(t); } };
    const dir = join(tmp, 'cache-incremental');
    const last = archive.days.filter((d) => d.messages.length).at(-1)!.id;
    const fewer = { ...archive, days: archive.days.filter((d) => d.id !== last), threads: archive.threads.filter((t) => t.day !== last) } as Archive;
    const first = await computeAskEmbeddings(fewer, counting, dir);
    expect(first.stats.embedded).toBe(count);
    count = 0;
    const again = await computeAskEmbeddings(archive, counting, dir);
    const newDay = archive.threads.filter((t) => t.day === last);
    expect(count).toBe(again.stats.embedded);
    expect(count).toBeGreaterThan(0);
    // At most one text per thread and one per question of the new day (some are too short to embed).
    expect(count).toBeLessThanOrEqual(newDay.length + newDay.filter((t) => t.questionId).length);
    expect(again.stats.cached).toBe(again.stats.total - count);
  });
});

describe('the browser client fuses the embedding neighbours', () => {
  it('fetches the neighbour blocks of its few top threads only (never the vectors) and reports their share', async () => {
    const { c, fetched } = recordingClient(withModel);
    const r = await c.search(QUERY, { limit: 20, context: 1 });
    const nb = [...new Set(fetched.filter((p) => p.startsWith('ask/nb/')))];
    expect(nb.length).toBeGreaterThan(0);
    expect(nb.length).toBeLessThanOrEqual(FEEDBACK_SEEDS);
    expect(fetched.some((p) => p.startsWith('ask/emb/'))).toBe(false);
    expect(r.explain.embedding).toMatchObject({ model: embedder.id, query: false, seeds: FEEDBACK_SEEDS });
    expect(r.explain.signals.neighbours).toBeGreaterThan(0);
    expect(r.explain.signals.embedding).toBe(0);
    const s = r.explain.signals;
    expect(s.lexical + s.semantic + s.neighbours! + s.embedding!).toBeCloseTo(1);
    const gz = [...new Set(fetched)].reduce((n, p) => n + gzipSync(withModel.get(p)!).length, 0);
    expect(gz).toBeLessThan(150 * 1024);
    // A model-less index: no neighbour fetch, no embedding keys in the explanation.
    const bare = recordingClient(plain);
    const r0 = await bare.c.search(QUERY, { limit: 20, context: 1 });
    expect(bare.fetched.some((p) => p.startsWith('ask/nb/'))).toBe(false);
    expect(Object.keys(r0.explain.signals).sort()).toEqual(['exact', 'lexical', 'semantic']);
    expect('embedding' in r0.explain).toBe(false);
  });

  it('a constructed case: a thread the terms rank low (or not at all) rises when it is the first thread\'s nearest neighbour', async () => {
    const r0 = await recordingClient(plain).c.search(QUERY, { limit: 200, context: 0 });
    const m = meta(withModel);
    const threads = numberedThreads(archive);
    const tnoOf = new Map(threads.map((t, i) => [t.id, i]));
    const seed = tnoOf.get(r0.threads[0]!.threadId)!;
    // The target: a thread with a question that no search term reaches, from another day.
    const found = new Set(r0.threads.map((t) => t.threadId));
    const target = threads.findIndex((t) => t.questionId && !found.has(t.id) && t.day !== threads[seed]!.day);
    expect(target).toBeGreaterThanOrEqual(0);
    const heading = JSON.parse(withModel.get(neighbourBlockPath(seed, m.embedding!))!) as NeighbourList[];
    const ordOf = (tno: number) => {
      let ord = 0;
      for (const d of archive.days) for (const msg of d.messages) { if (msg.id === threads[tno]!.questionId) return ord; ord++; }
      return -1;
    };
    const rigged = (sim: number) => {
      const files = new Map(withModel);
      const block = heading.map((l) => [...l]);
      block[seed % m.embedding!.neighbourBlock] = [target, ordOf(target), sim];
      files.set(neighbourBlockPath(seed, m.embedding!), JSON.stringify(block));
      return files;
    };
    const near = await recordingClient(rigged(990)).c.search(QUERY, { limit: 200, context: 0 });
    const id = threads[target]!.id;
    expect(rankOf(near, id)).toBeGreaterThanOrEqual(0);
    expect(near.threads[rankOf(near, id)]!.best.id).toBe(threads[target]!.questionId);
    expect(near.threads[rankOf(near, id)]!.count).toBe(0);
    expect(near.explain.embedding!.added).toBeGreaterThanOrEqual(1);
    // It lands among the first results, above threads the terms alone ranked (as one fused rank can lift it).
    expect(rankOf(near, id)).toBeLessThan(20);
    // Not similar at all: not pulled in.
    const far = await recordingClient(rigged(0)).c.search(QUERY, { limit: 200, context: 0 });
    expect(rankOf(far, id)).toBe(-1);
  });

  it('the real neighbours move up: each top-ranked neighbour of the first thread ranks no lower than without embeddings', async () => {
    const r0 = await recordingClient(plain).c.search(QUERY, { limit: 300, context: 0 });
    const r1 = await recordingClient(withModel).c.search(QUERY, { limit: 300, context: 0 });
    const m = meta(withModel);
    const threads = numberedThreads(archive);
    const seed = threads.findIndex((t) => t.id === r0.threads[0]!.threadId);
    const list = (JSON.parse(withModel.get(neighbourBlockPath(seed, m.embedding!))!) as NeighbourList[])[seed % m.embedding!.neighbourBlock]!;
    const top = threads[list[0]!]!.id;
    const before = rankOf(r0, top);
    const after = rankOf(r1, top);
    expect(after).toBeGreaterThanOrEqual(0);
    if (before >= 0) expect(after).toBeLessThanOrEqual(before);
  });
});

describe('the CLI embeds the query with the model', () => {
  const site = () => join(tmp, 'site');
  const cli = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/cli.ts'), 'search', '--site', site(), ...args], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, CKA_CACHE_DIR: join(tmp, 'cli-cache'), ...env },
    });
  beforeAll(() => {
    for (const [p, c] of withModel) {
      const f = join(site(), 'search', p);
      mkdirSync(dirname(f), { recursive: true });
      writeFileSync(f, c);
    }
  });

  it('adds the query-embedding rank: the thread closest to the query by embedding rises, and --explain shows its share', async () => {
    const env = { CKA_MODEL: 'tiny', CKA_MODEL_DIR: cfg.modelDir };
    const r = cli(env, '--limit', '40', '--explain', QUERY);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { signals: Record<string, number>; embedding: { query: boolean }; results: { threadId: string }[] };
    expect(out.embedding.query).toBe(true);
    expect(out.signals.embedding).toBeGreaterThan(0);
    // Without the model at hand the index's neighbours still rank, the query is not embedded, and stderr says so.
    const off = cli({ CKA_MODEL: 'nope', CKA_MODEL_DIR: cfg.modelDir }, '--limit', '40', '--explain', QUERY);
    expect(off.status, off.stderr).toBe(0);
    expect(off.stderr).toContain('the query is not embedded');
    const offOut = JSON.parse(off.stdout) as typeof out;
    expect(offOut.embedding.query).toBe(false);
    expect(offOut.signals.embedding).toBe(0);
    // The direction: the thread nearest the query's embedding ranks higher with the query embedded than without.
    const [qv] = await embedder.embed([QUERY]);
    const threads = numberedThreads(archive);
    const byQuery = emb.threads.map((v, i) => ({ i, s: v ? dot(qv!, v) : -2 })).sort((a, b) => b.s - a.s);
    const nearest = byQuery.map((x) => threads[x.i]!.id).find((id) => out.results.some((t) => t.threadId === id))!;
    expect(nearest).toBeDefined();
    const at = (o: typeof out) => { const k = o.results.findIndex((t) => t.threadId === nearest); return k < 0 ? Infinity : k; };
    expect(at(out)).toBeLessThan(at(offOut));
    // The same query through the client with the embedder in-process gives the same order as the CLI.
    const direct = await askSearch(recordingClient(withModel).c, QUERY, { limit: 40, embedQuery: async (q) => (await embedder.embed([q]))[0]! });
    expect(direct.threads.map((t) => t.threadId)).toEqual(out.results.map((t) => t.threadId));
  }, 120_000);
});
