// Exactness over the whole bundled archive (content/logs = the real 719 days): for one-term queries the result set equals a brute-force scan
// of Message.text (precision 1, recall 1); several terms rank all-term messages first; phrases are phrases.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { loadArchive } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchClient } from '../../src/search/client.ts';
import { findTerm, normalize } from '../../src/text/tokenize.ts';
import type { Archive } from '../../src/model/types.ts';

// Over 123,706 messages the analysis, the index build and the brute-force scans take longer than the default.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 900_000 });

let archive: Archive;
let client: SearchClient;
/** The same files answered from the postings only (no result heads): what every head must reproduce. */
let postingsOnly: SearchClient;
const files = new Map<string, string>();

beforeAll(async () => {
  archive = loadArchive(join(import.meta.dirname, '../../content'));
  await buildSearchIndex(archive, (p, c) => files.set(p, c));
  const fetcher = async (p: string) => {
    const f = files.get(p);
    if (f === undefined) throw new Error(`missing ${p}`);
    return f;
  };
  client = new SearchClient(fetcher);
  postingsOnly = new SearchClient(fetcher, { heads: false });
});

const brute = (term: string) =>
  archive.days.flatMap((d) => d.messages).filter((m) => findTerm(normalize(m.text), normalize(term)).length > 0).map((m) => m.id).sort();

const TERMS = [
  '分录流水', '流水', '账户流水', '交易流水', '对账', '对账文件', '支付宝', '微信', '清算', '结算', '备付金', '路由',
  '余额', '记账', '钱', '银联', '二清', '聚合支付', '风控', '手续费', 'err', 'T+0', 'D0', 'maxwell', 'canal', 'mysql',
  '会计分录', '借贷', '退款', '冲正', 'api',
];

describe('exact terms', () => {
  it.each(TERMS)('%s: precision 1 and recall 1 against a scan of Message.text', async (term) => {
    const r = await client.search(term);
    const got = r.messages.map((m) => m.id).sort();
    expect(got).toEqual(brute(term));
  });
  it.each(TERMS)('%s: every page, through the result head and beyond it, is the full answer\'s', async (term) => {
    const full = await postingsOnly.search(term, { context: 1 });
    const key = (r: typeof full) => r.threads.map((t) => [t.threadId, t.best.id, t.count, t.score, t.title, t.context.map((c) => [c.seq, c.ranges])]);
    expect(full.messages.length).toBe(brute(term).length);
    const pages = Math.ceil(full.threadCount / 10);
    // The head's three pages, then every thread at once (the postings, as a page past the head reads them).
    for (const limit of [10, 20, 30, pages * 10]) {
      const r = await client.search(term, { limit, context: 1 });
      expect(r.messageCount ?? r.messages.length, term).toBe(full.messages.length);
      expect(r.threadCount, term).toBe(full.threadCount);
      expect(key(r), `${term} limit ${limit}`).toEqual(key({ ...full, threads: full.threads.slice(0, limit) }));
    }
  });
  it('answers the common terms from result heads (the test above compares heads, not the postings twice)', async () => {
    let headed = 0;
    for (const term of TERMS) {
      const fetched: string[] = [];
      const c = new SearchClient(async (p) => (fetched.push(p), files.get(p)!));
      await c.search(term, { limit: 10 });
      if (fetched.some((p) => p.startsWith('head/')) && !fetched.some((p) => p.startsWith('idx/') || p.startsWith('uni/'))) headed++;
    }
    expect(headed).toBeGreaterThan(TERMS.length / 2);
  });
  it('has non-trivial cases in the list (the test could fail)', () => {
    expect(brute('分录流水').length).toBeGreaterThan(10);
    expect(TERMS.filter((t) => brute(t).length > 0).length).toBeGreaterThan(20);
  });
  it('finds 分录流水 only in the 2018-08-08 ledger discussion', async () => {
    const r = await client.search('分录流水', { limit: 3 });
    expect(r.threads[0]!.day).toBe('devarch/2018-08-08');
    expect(r.threads[0]!.best.text).toContain('分录流水');
    expect(r.threads[0]!.context.some((c) => c.hit)).toBe(true);
  });
});

describe('several terms and phrases', () => {
  it('ranks messages containing all terms first', async () => {
    const r = await client.search('分录 余额');
    const yue = new Set(brute('余额'));
    const all = new Set(brute('分录').filter((id) => yue.has(id)));
    expect(all.size).toBeGreaterThan(0);
    const head = r.messages.slice(0, all.size).map((m) => m.id);
    expect(new Set(head)).toEqual(all);
    expect(r.messages.length).toBe(new Set([...brute('分录'), ...yue]).size);
  });
  it('a quoted phrase matches the phrase, not its words apart', async () => {
    const texts = archive.days.flatMap((d) => d.messages).map((m) => normalize(m.text));
    const phrase = texts.map((t) => t.match(/[a-z]{3,} [a-z]{3,}/)?.[0]).find(Boolean)!;
    expect(phrase).toBeTruthy();
    const r = await client.search(`"${phrase}"`);
    const [a, b] = phrase.split(' ');
    const expected = archive.days.flatMap((d) => d.messages).filter((m) => new RegExp(`(?<![a-z0-9])${a}\\s+${b}(?![a-z0-9])`).test(normalize(m.text))).map((m) => m.id).sort();
    expect(r.messages.map((m) => m.id).sort()).toEqual(expected);
    const loose = await client.search(`${a} ${b}`);
    expect(loose.messages.length).toBeGreaterThanOrEqual(expected.length);
  });
  it('applies filters (group, date range, speaker)', async () => {
    const r = await client.search('流水', { filters: { group: 'devarch', from: '2018-08-08', to: '2018-08-08' } });
    expect(r.messages.length).toBeGreaterThan(0);
    expect(r.messages.every((m) => m.day === 'devarch/2018-08-08')).toBe(true);
    const sp = r.messages[0]!.speakerId;
    const s = await client.search('流水', { filters: { speaker: sp } });
    expect(s.messages.every((m) => m.speakerId === sp)).toBe(true);
    expect(s.messages.length).toBeLessThan((await client.search('流水')).messages.length);
  });
  it('a first query downloads only part of the index', async () => {
    const files = new Map<string, string>();
    const stats = await buildSearchIndex(archive, (p, c) => files.set(p, c));
    const fresh = new SearchClient(async (p) => files.get(p)!);
    await fresh.search('对账文件');
    expect(fresh.bytes).toBeLessThan(stats.bytes.total / 2);
  });
});
