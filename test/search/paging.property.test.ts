// Issue 11 item 7: a first search reads a precomputed head (src/search/heads.ts) instead of a common term's
// postings, and paging on must still give exactly the answer of a brute-force scan, in order. Property: on small
// synthetic archives (src/synth, a random seed each), for random one-term queries taken from the messages, paging
// 10 threads at a time through every page (heads on, as the browser does) yields the brute-force ranked thread list:
// the messages whose text holds the term, scored by the pure ranking of src/search/rank-terms.ts from a text scan,
// grouped by thread and ordered as rankOrder orders them, with the exact message and thread totals.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { generateLogs } from '../../src/synth/generate.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchClient } from '../../src/search/client.ts';
import { termRanges, parseQuery } from '../../src/search/query.ts';
import { idf, messageScore, rankOrder, termWeight, threadScore } from '../../src/search/rank-terms.ts';
import { ROLE_ANSWER, ROLE_OTHER, ROLE_QUESTION } from '../../src/search/format.ts';
import { normalize } from '../../src/text/tokenize.ts';
import { understand } from '../../src/search/understand.ts';
import type { Archive } from '../../src/model/types.ts';

const PAGE = 10;

/** The ranked thread list of a one-term query computed from the text alone: [thread key, best message id, count]. */
function bruteForce(archive: Archive, query: string): { threads: [string, string, number][]; messages: number } {
  const [term] = parseQuery(query);
  const threadOf = new Map<string, { id: string; q: string | null; a: string[] }>();
  for (const t of archive.threads) for (const id of t.messageIds) threadOf.set(id, { id: t.id, q: t.questionId, a: t.answerIds });
  const all = archive.days.flatMap((d) => d.messages.map((m) => ({ m, date: d.date })));
  const hits = all.flatMap(({ m, date }, ord) => {
    const tf = termRanges(normalize(m.text), term!).length;
    return tf ? [{ m, date, ord, tf }] : [];
  });
  const w = idf(all.length, hits.length);
  const scored = hits.map((h) => {
    const th = threadOf.get(h.m.id);
    const role = !th ? ROLE_OTHER : th.q === h.m.id ? ROLE_QUESTION : th.a.includes(h.m.id) ? ROLE_ANSWER : ROLE_OTHER;
    return { ...h, key: th?.id ?? h.m.id, score: messageScore(1, termWeight(w, h.tf), role) };
  });
  scored.sort((a, b) => rankOrder(a, b, a.ord, b.ord));
  const groups = new Map<string, typeof scored>();
  for (const s of scored) groups.set(s.key, [...(groups.get(s.key) ?? []), s]);
  const threads = [...groups].map(([key, g]) => ({ key, best: g[0]!, count: g.length, score: threadScore(g[0]!.score, g.length), date: g[0]!.date }));
  threads.sort((a, b) => rankOrder(a, b, a.best.ord, b.best.ord));
  return { threads: threads.map((t) => [t.key, t.best.m.id, t.count]), messages: hits.length };
}

async function pageThrough(client: SearchClient, query: string, total: number): Promise<{ threads: [string, string, number][]; messages: number[]; counts: number[] }> {
  const messages: number[] = [];
  const counts: number[] = [];
  let threads: [string, string, number][] = [];
  for (let limit = PAGE; ; limit += PAGE) {
    const r = await client.search(query, { limit, context: 1 });
    // Each page repeats the ones before it (the page asks for the first `limit`), so earlier pages never move.
    expect(r.threads.slice(0, threads.length).map((t) => [t.threadId, t.best.id, t.count])).toEqual(threads);
    threads = r.threads.map((t) => [t.threadId, t.best.id, t.count]);
    messages.push(r.messageCount ?? r.messages.length);
    counts.push(r.threadCount);
    if (limit >= total) return { threads, messages, counts };
  }
}

describe('paging through a term search equals a brute-force scan, in order', () => {
  it('on random small synthetic archives, for random one-term queries', async () => {
    let headsUsed = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 4 })), { minLength: 6, maxLength: 6 }), async (seed, picks) => {
        const logs = [...generateLogs({ days: 4, seed })].map((l) => ({ file: l.file, source: l.source }));
        const archive = buildArchive({ groups: [], topics: [], glossary: [], logs });
        const files = new Map<string, string>();
        // A low threshold so that many terms get a head and some answers run past the head's three pages.
        const st = await buildSearchIndex(archive, (p, c) => files.set(p, c), { headMinMessages: 3, headThreads: 20 });
        const fetched: string[] = [];
        const client = new SearchClient(async (p) => {
          fetched.push(p);
          return files.get(p) ?? Promise.reject(new Error(`missing ${p}`));
        });
        const texts = archive.days.flatMap((d) => d.messages.map((m) => normalize(m.text))).filter((t) => /\p{Script=Han}{4}/u.test(t));
        expect(texts.length).toBeGreaterThan(0);
        expect(st.heads).toBeGreaterThan(0);
        for (const [a, b, len] of picks) {
          // A run of CJK characters from a message (a query that matches at least once), one to four long.
          const text = texts[a % texts.length]!;
          const runs = [...text.matchAll(/\p{Script=Han}+/gu)].map((m) => m[0]).filter((r) => r.length >= len);
          const run = runs[b % runs.length]!;
          const q = run.slice(b % (run.length - len + 1), (b % (run.length - len + 1)) + len);
          // A run holding a question word (请问, 什么) is a question, answered by BM25 (src/search/ask.ts), not a term.
          if (understand(q).question) continue;
          const want = bruteForce(archive, q);
          fetched.length = 0;
          const got = await pageThrough(client, q, want.threads.length);
          if (fetched.some((p) => p.startsWith('head/'))) headsUsed++;
          expect(got.threads, q).toEqual(want.threads);
          expect(new Set(got.messages), q).toEqual(new Set([want.messages]));
          expect(new Set(got.counts), q).toEqual(new Set([want.threads.length]));
        }
      }),
      { numRuns: 5 },
    );
    // The property ran through heads, not only through the postings.
    expect(headsUsed).toBeGreaterThan(5);
  }, 240_000);
});
