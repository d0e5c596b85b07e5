// What a query downloads: the postings of its terms and the map blocks of its matches, the text of the results
// on screen only — and the ranking does not depend on how much text was loaded.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchive } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { recordingClient } from '../helpers/search-client.ts';
import type { Archive } from '../../src/model/types.ts';
import { fixtureContentDir } from '../helpers/fixture.ts';

let archive: Archive;
const files = new Map<string, string>();

beforeAll(async () => {
  archive = loadArchive(fixtureContentDir());
  await buildSearchIndex(archive, (p, c) => files.set(p, c));
});

/** A fresh client (nothing cached) that records the files it fetches. */
const client = () => recordingClient(files);

describe('first-query downloads', () => {
  it.each(['流水', '对账', 'err', '支付宝', '分录流水'])('%s: text for the shown threads only, however many messages match', async (q) => {
    const { c, fetched } = client();
    const r = await c.search(q, { limit: 3, context: 1 });
    const docs = fetched.filter((p) => p.startsWith('docs/'));
    const allDocs = [...files.keys()].filter((p) => p.startsWith('docs/'));
    expect(r.threads.length).toBeGreaterThan(0);
    // Each shown thread: its best message and one neighbour each side, a chunk each at most.
    expect(docs.length).toBeLessThanOrEqual(r.threads.length * 3);
    expect(docs.length).toBeLessThan(allDocs.length);
    expect(fetched).toContain('manifest.json');
    expect(fetched.some((p) => p.startsWith('map/'))).toBe(true);
    expect(r.threads.every((t) => t.best.text.length > 0 && t.context.some((x) => x.hit))).toBe(true);
  });
  it('a common term matches messages in many text chunks but fetches few', async () => {
    const { c, fetched } = client();
    const r = await c.search('流水', { limit: 1, context: 0 });
    const docsWithMatches = new Set(r.messages.map((m) => [...files].filter(([p]) => p.startsWith('docs/')).find(([, c]) => (JSON.parse(c) as { first: number; m: unknown[] }).first <= m.ord && m.ord < (JSON.parse(c) as { first: number; m: unknown[] }).first + (JSON.parse(c) as { m: unknown[] }).m.length)?.[0])).size;
    expect(docsWithMatches).toBeGreaterThan(3);
    expect(fetched.filter((p) => p.startsWith('docs/')).length).toBe(1);
  });
  it.each(['流水 余额', '分录流水', 'T+0', 'err', '"order id"', '钱'])('%s: the same messages, scores and threads with and without the text loaded', async (q) => {
    const lean = await client().c.search(q, { limit: 5 });
    const full = await client().c.search(q);
    const key = (m: (typeof lean)['messages'][number]) => `${m.id}|${m.threadId}|${m.score.toFixed(6)}|${m.matched}|${m.role}`;
    // A term with a result head (钱) lists only the shown threads' best messages, with the exact total beside them.
    expect(lean.messageCount ?? lean.messages.length).toBe(full.messages.length);
    if (lean.messageCount === undefined) expect(lean.messages.map(key)).toEqual(full.messages.map(key));
    const fullKeys = new Set(full.messages.map(key));
    for (const m of lean.messages) expect(fullKeys.has(key(m)), m.id).toBe(true);
    expect(lean.threads.map((t) => [t.threadId, t.title, t.best.id])).toEqual(full.threads.slice(0, 5).map((t) => [t.threadId, t.title, t.best.id]));
    expect(lean.threadCount).toBe(full.threads.length);
  });
  it('threads, seqs and roles of the map agree with the archive', async () => {
    const r = await client().c.search('流水');
    const byId = new Map(archive.days.flatMap((d) => d.messages.map((m) => [m.id, m] as const)));
    const threadOf = new Map(archive.threads.flatMap((t) => t.messageIds.map((id) => [id, t] as const)));
    expect(r.messages.length).toBeGreaterThan(20);
    for (const h of r.messages) {
      const msg = byId.get(h.id)!;
      expect(msg.text).toBe(h.text);
      expect(h.speakerId).toBe(msg.speakerId);
      const th = threadOf.get(h.id);
      expect(h.threadId).toBe(th?.id ?? null);
      expect(h.role).toBe(!th ? 0 : th.questionId === h.id ? 1 : th.answerIds.includes(h.id) ? 2 : 0);
    }
    const t = r.threads.find((x) => x.context.length === 3)!;
    const th = archive.threads.find((x) => x.id === t.threadId)!;
    const k = th.seqs.indexOf(t.best.seq);
    expect(t.context.map((x) => x.seq)).toEqual(th.seqs.slice(k - 1, k + 2));
    expect(t.title).toBe(th.title);
  });
  it('filters by topic and speaker from their own lists', async () => {
    const withTerm = archive.threads.filter((t) => t.messageIds.some((id) => id.startsWith(t.day) && archive.days.find((d) => d.id === t.day)!.messages.some((m) => m.id === id && m.text.includes('流水'))));
    const topic = withTerm.find((t) => t.topics.length)!.topics[0];
    const { c, fetched } = client();
    const r = await c.search('流水', { filters: { topic } });
    const inTopic = new Set(archive.threads.filter((t) => t.topics.includes(topic!)).map((t) => t.id));
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.messages.every((m) => m.threadId && inTopic.has(m.threadId))).toBe(true);
    expect(fetched).toContain(`topics/${topic}.json`);
    const sp = archive.days.flatMap((d) => d.messages).find((m) => m.text.includes('流水'))!.speakerId;
    const s = await c.search('流水', { filters: { speaker: sp }, limit: 1 });
    expect(s.messages.length).toBeGreaterThan(0);
    expect(s.messages.map((m) => m.id).sort()).toEqual(archive.days.flatMap((d) => d.messages).filter((m) => m.speakerId === sp && m.text.includes('流水')).map((m) => m.id).sort());
    expect(fetched.some((p) => p.startsWith('spk/'))).toBe(true);
  });
});
