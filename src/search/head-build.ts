// Computes the result heads (src/search/heads.ts) at build time by running the search client itself over the
// index files just built, with heads off: a head is then the full answer's first pages by construction, ranking,
// alias merge and totals included, and cannot drift from what the client computes without it.
import { SearchClient } from './client.ts';
import { isCjkCode, normalize } from '../text/tokenize.ts';
import { stripInvisible } from '../text/invisible.ts';
import type { Head } from './heads.ts';

/**
 * A term gets a head when it is in at least this many messages. Below it, its postings and the map blocks of its
 * matches are read as before: within a first search's budget on the bundled archive (the largest, T+0 in 41
 * messages, 49.8 KiB). The aim is lower (40: the map blocks of a rarer term spread over a 10,000-day archive still
 * fit), but computing a head runs a whole search, and 40 makes 10,633 heads on the bundled archive, minutes of
 * build; 200 makes 2,190.
 */
export const HEAD_MIN_MESSAGES = 200;
/** Threads per head: three pages of the search page's 10. */
export const HEAD_THREADS = 30;

/**
 * Candidate terms: every index token in HEAD_MIN_MESSAGES messages or more (glossary terms, Latin words, CJK
 * characters and bigrams), then the CJK runs of three and four characters as common, found a priori: a run can
 * only be that common when the runs one character shorter inside it are.
 */
export function headCandidates(texts: Iterable<string>, tokenMessages: ReadonlyMap<string, number>, min = HEAD_MIN_MESSAGES): string[] {
  const out: string[] = [];
  for (const [t, n] of tokenMessages) if (n >= min) out.push(t);
  let frequent = new Set(out.filter((t) => t.length === 2 && isCjkCode(t.charCodeAt(0)) && isCjkCode(t.charCodeAt(1))));
  const all = [...texts];
  for (let len = 3; len <= 4 && frequent.size; len++) {
    const counts = new Map<string, number>();
    for (const text of all) {
      const lower = normalize(text);
      const seen = new Set<string>();
      for (let i = 0; i + len <= lower.length; i++) {
        const g = lower.slice(i, i + len);
        if (seen.has(g) || !frequent.has(g.slice(0, -1)) || !frequent.has(g.slice(1))) continue;
        let cjk = true;
        for (let k = 0; k < len && cjk; k++) cjk = isCjkCode(g.charCodeAt(k));
        if (!cjk) continue;
        seen.add(g);
        counts.set(g, (counts.get(g) ?? 0) + 1);
      }
    }
    frequent = new Set([...counts].filter(([, n]) => n >= min).map(([g]) => g));
    for (const g of frequent) if (!tokenMessages.has(g)) out.push(g);
  }
  return out;
}

/** The heads of `candidates` over the index `files` (as buildSearchIndex emits them); key: the query text. */
export async function computeHeads(files: ReadonlyMap<string, string>, candidates: readonly string[], threads = HEAD_THREADS, progress?: (done: number, all: number) => void): Promise<Map<string, Head>> {
  const client = new SearchClient(async (p) => {
    const f = files.get(p);
    if (f === undefined) throw new Error(`missing ${p}`);
    return f;
  }, { heads: false });
  const out = new Map<string, Head>();
  let done = 0;
  for (const text of candidates) {
    if (progress && ++done % 1000 === 0) progress(done, candidates.length);
    // Only a query that is its own normalized text finds its head (SearchClient.head looks it up as typed).
    if (stripInvisible(normalize(text)).trim() !== text) continue;
    const r = await client.search(text, { limit: threads, context: 0 });
    if (r.mode !== 'terms' || r.terms.length !== 1 || r.terms[0]!.text !== text || r.understanding.normalized !== text) continue;
    out.set(text, {
      messages: r.messages.length,
      threads: r.threadCount,
      exactThreads: new Set(r.messages.map((h) => h.threadId ?? h.id)).size,
      aliases: r.explain.expansions.map((e) => e.text),
      top: r.threads.map((t) => ({ ord: t.best.ord, matched: t.best.matched, messageScore: t.best.score, threadScore: t.score, count: t.count })),
    });
  }
  return out;
}
