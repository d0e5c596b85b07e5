// Question and concept search over the bundled content, through the same client as the page and the CLI.
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { loadArchive } from '../../src/node/load.ts';
import { indexArchive, threadHolding } from '../../src/pipeline/archive.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { buildAskIndex } from '../../src/search/ask-build.ts';
import { recordingClient } from '../helpers/search-client.ts';
import { findTerm, normalize } from '../../src/text/tokenize.ts';
import type { Archive } from '../../src/model/types.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

let archive: Archive;
const files = new Map<string, string>();
beforeAll(async () => {
  archive = loadArchive(fixtureContentDir());
  await buildSearchIndex(archive, (p, c) => files.set(p, c));
  buildAskIndex(archive, (p, c) => files.set(p, c));
});
/** A fresh client (nothing cached) that records the files it fetches. */
const client = () => recordingClient(files);
const gz = (paths: string[]) => [...new Set(paths)].reduce((n, p) => n + gzipSync(files.get(p)!).length, 0);

describe('question search', () => {
  it.each([
    ['怎么防止重复扣款', 'devarch/2018-08-08/t46'],
    ['每晚一定要睡满8小时吗', 'devarch/2018-08-08/t217'],
    ['微信支付能不能做担保交易', 'prodarch/2018-01-16/t34'],
  ])('%s finds the discussion that answers it first', async (q, thread) => {
    const r = await client().c.search(q, { limit: 5 });
    expect(r.mode).toBe('question');
    // Judged threads are named by their first message (see threadHolding).
    expect(r.threads[0]!.threadId).toBe(threadHolding(indexArchive(archive), thread));
    expect(r.threads[0]!.best.text.length).toBeGreaterThan(0);
    for (let i = 1; i < r.threads.length; i++) expect(r.threads[i - 1]!.score).toBeGreaterThanOrEqual(r.threads[i]!.score);
  });
  it('explains the terms used, the expansions and each signal\'s share', async () => {
    const r = await client().c.search('怎么防止重复扣款', { limit: 5 });
    expect(r.explain.dropped).toContain('怎么');
    expect(r.explain.terms.map((t) => t.text)).toEqual(expect.arrayContaining(['防止', '重复扣款']));
    expect(r.explain.expansions.map((t) => t.text)).toContain('轮询扣款');
    expect(r.explain.semantic).toBe(true);
    expect(r.explain.signals.lexical + r.explain.signals.semantic).toBeCloseTo(1);
    expect(r.explain.signals.semantic).toBeGreaterThan(0);
    expect(r.cards.map((c) => c.slug)).toEqual(['lunxun-koukuan']);
    expect(r.cards[0]!.definition.length).toBeGreaterThan(5);
  });
  it('a term query keeps the exact answer and adds the threads of the term\'s aliases after it', async () => {
    const r = await client().c.search('四方系统', { limit: 20 });
    expect(r.mode).toBe('terms');
    const brute = archive.days.flatMap((d) => d.messages).filter((m) => findTerm(normalize(m.text), '四方系统').length > 0).map((m) => m.id).sort();
    expect(r.messages.map((m) => m.id).sort()).toEqual(brute);
    const exactThreads = new Set(r.messages.map((m) => m.threadId ?? m.id));
    expect(r.threads.slice(0, exactThreads.size).every((t) => exactThreads.has(t.threadId))).toBe(true);
    const withAlias = new Set(archive.threads.filter((t) => t.messageIds.some((id) => /四方|第四方/.test(archive.days.find((d) => d.id === t.day)!.messages.find((m) => m.id === id)!.text))).map((t) => t.id));
    expect(withAlias.size).toBeGreaterThan(exactThreads.size);
    expect(new Set(r.threads.map((t) => t.threadId))).toEqual(new Set([...withAlias, ...exactThreads]));
    expect(r.cards[0]).toMatchObject({ slug: 'sifang-xitong', term: '四方系统' });
  });
  it('nothing matching: the closest questions asked before', async () => {
    const r = await client().c.search('款扣');
    expect(r.threads).toEqual([]);
    expect(r.closest.length).toBeGreaterThan(0);
    const questions = new Set(archive.threads.filter((t) => t.questionId).map((t) => t.id));
    expect(r.closest.every((q) => questions.has(q.threadId))).toBe(true);
  });
  it('a first question search and a first term search download little (gzip)', async () => {
    const q = client();
    await q.c.search('怎么防止重复扣款', { limit: 20, context: 1 });
    expect(gz(q.fetched)).toBeLessThan(150 * 1024);
    expect(q.fetched.filter((p) => p.startsWith('ask/thr/')).length).toBeLessThanOrEqual(30);
    const t = client();
    await t.c.search('分录流水', { limit: 20, context: 1 });
    expect(gz(t.fetched)).toBeLessThan(50 * 1024);
    // A term query that names no glossary term needs none of the question-search files.
    const plain = client();
    await plain.c.search('余额', { limit: 20, context: 1 });
    expect(plain.fetched.some((p) => p.startsWith('ask/'))).toBe(false);
  });
});
