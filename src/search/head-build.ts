// Computes the result heads (src/search/heads.ts) at build time from the postings the builder holds in memory, with
// the client's own matcher (src/search/match.ts), ranking and alias merge (src/search/rank-terms.ts): one
// implementation of each, so a head is the first pages of the answer the client computes from the postings.
import { isCjkCode, normalize } from '../text/tokenize.ts';
import { stripInvisible } from '../text/invisible.ts';
import { TokenPostings, matchPostings, matchTokens, textMatches } from './match.ts';
import { parseQuery, type QueryTerm } from './query.ts';
import { aliasThreads, idf, messageScore, rankThreads, termWeight, type RankedMessage, type RankedThreads } from './rank-terms.ts';
import { understand, type LexiconTerm } from './understand.ts';
import type { Head } from './heads.ts';

/**
 * A term gets a head when it is in at least this many messages. Below it, its postings and the map blocks of its
 * matches are read (at most 39 matches: as many map blocks, and the postings of the term's tokens). At 200, T+0 (41
 * messages, postings of common pieces) read 51 KiB on the bundled archive; at 40 every benchmark term is at most
 * 31.2 KiB (scripts/bench/first-search.ts). Not measured beyond the bundled archive. Computing the 10,376 heads of 40 from the postings in memory costs seconds
 * (scripts/bench/search-index.ts).
 */
export const HEAD_MIN_MESSAGES = 40;
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
  // Frequent runs hold CJK characters only, so a run whose two shorter runs are frequent is all CJK.
  let frequent = new Set(out.filter((t) => t.length === 2 && isCjkCode(t.charCodeAt(0)) && isCjkCode(t.charCodeAt(1))));
  const lowers = Array.from(texts, normalize);
  for (let len = 3; len <= 4 && frequent.size; len++) {
    const counts = new Map<string, number>();
    for (const lower of lowers) {
      let seen: Set<string> | null = null;
      // Whether the run one shorter at the previous position is frequent: one set lookup per position.
      let prev = false;
      for (let i = 0; i + len - 1 <= lower.length; i++) {
        const cur = isCjkCode(lower.charCodeAt(i)) && frequent.has(lower.slice(i, i + len - 1));
        if (cur && prev) {
          const g = lower.slice(i - 1, i - 1 + len);
          seen ??= new Set<string>();
          if (!seen.has(g)) {
            seen.add(g);
            counts.set(g, (counts.get(g) ?? 0) + 1);
          }
        }
        prev = cur;
      }
    }
    frequent = new Set([...counts].filter(([, n]) => n >= min).map(([g]) => g));
    for (const g of frequent) if (!tokenMessages.has(g)) out.push(g);
  }
  return out;
}

/**
 * Tokens a head needs whatever their frequency: those of the glossary's names (`vocabulary`, terms and aliases), as
 * the alias merge of a term query looks them up. Every other token a head reads is a frequent one (a candidate's own
 * tokens are in HEAD_MIN_MESSAGES messages or more).
 */
export function glossaryTokens(vocabulary: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of vocabulary) {
    const term = parseQuery(normalize(w).trim(), vocabulary).find((t) => t.tokens.length);
    if (term) for (const t of matchTokens(term)) out.add(t);
  }
  return out;
}

/**
 * What the builder still holds in memory when the heads are computed: the postings of every token a candidate
 * needs, each message's text and where it sits (date, thread number, role), and what the manifest says of the
 * vocabulary and the glossary. The same data the client reads from the index files, without the files.
 */
export interface HeadIndex {
  messageCount: number;
  /** The manifest's vocabulary and glossary terms (what the client's query parsing and understanding read). */
  vocabulary: readonly string[];
  terms: readonly LexiconTerm[];
  /** Posting ids (src/search/format.ts) of a token, if kept: every token in HEAD_MIN_MESSAGES messages or more. */
  ids(token: string): ArrayLike<number> | undefined;
  text(ord: number): string;
  date(ord: number): string;
  /** Global thread number, -1 outside threads. */
  tno(ord: number): number;
  role(ord: number): number;
}

/** A matching message, as ranking sees it. */
interface Hit extends RankedMessage {
  key: number;
  matched: number;
}

/**
 * The heads of `candidates` (key: the query text): what the client's term search answers for each (src/search/ask.ts
 * through SearchClient.lexical), cut to `threads` threads, computed with the same matcher (src/search/match.ts) and
 * the same ranking (src/search/rank-terms.ts) over the postings in memory, rather than by running the client over
 * the index files: that re-read the postings and made a hit object per message per query, and took the search-index
 * stage from about 100 s to over 1,300 s on the bundled archive. test/search/exact.test.ts compares every page of
 * the heads with the client's answer from the postings.
 */
export function computeHeads(index: HeadIndex, candidates: readonly string[], threads = HEAD_THREADS, progress?: (done: number, all: number) => void): Map<string, Head> {
  // One lexicon for every query: understand() memoizes its glossary strings per lexicon.
  const lexicon: LexiconTerm[] = index.terms.map((t) => ({ ...t, related: [] }));
  const postings = new Map<string, TokenPostings | null>();
  const postingsOf = (token: string): TokenPostings | null => {
    let p = postings.get(token);
    if (p === undefined) {
      const ids = index.ids(token);
      postings.set(token, (p = ids ? new TokenPostings(ids) : null));
    }
    return p;
  };
  /** A term's term frequencies as SearchClient.match gives them; null when a token it needs was not kept. */
  const match = (term: QueryTerm): Map<number, number> | null => {
    if (matchTokens(term).some((t) => !postingsOf(t))) return null;
    const { tf, check } = matchPostings(term, (t) => postingsOf(t)!);
    for (const o of check) {
      const n = textMatches(term, index.text(o));
      if (n) tf.set(o, n);
    }
    return tf;
  };
  /** The messages of `perTerm` scored as SearchClient.lexical scores them. */
  const score = (perTerm: readonly Map<number, number>[]): Hit[] => {
    const idfs = perTerm.map((tf) => idf(index.messageCount, tf.size));
    const ords = perTerm.length === 1 ? perTerm[0]!.keys() : new Set(perTerm.flatMap((tf) => [...tf.keys()]));
    const out: Hit[] = [];
    for (const o of ords) {
      let rel = 0;
      let matched = 0;
      for (let k = 0; k < perTerm.length; k++) {
        const n = perTerm[k]!.get(o);
        if (!n) continue;
        matched++;
        rel += termWeight(idfs[k]!, n);
      }
      const tno = index.tno(o);
      out.push({ ord: o, date: index.date(o), key: tno >= 0 ? tno : -1 - o, matched, score: messageScore(matched, rel, index.role(o)) });
    }
    return out;
  };
  const keyOf = (h: Hit) => h.key;
  const out = new Map<string, Head>();
  let done = 0;
  for (const text of candidates) {
    if (progress && ++done % 1000 === 0) progress(done, candidates.length);
    // Heads are keyed by a term's normalized text (SearchClient.head looks a query up by its one term's text).
    if (stripInvisible(normalize(text)).trim() !== text) continue;
    // As askSearch reads it: a term query, not a question, whose one exact term is the text itself.
    const u = understand(text, lexicon);
    if (u.question || u.normalized !== text) continue;
    const terms = parseQuery(text, index.vocabulary).filter((t) => t.tokens.length);
    if (terms.length !== 1 || terms[0]!.text !== text) continue;
    const tf = match(terms[0]!);
    // Nothing matched: askSearch asks the question search instead.
    if (!tf || !tf.size) continue;
    const hits = score([tf]);
    const exact = rankThreads(hits, keyOf, threads);
    // Threads that use only another name of the glossary term the text names, below the exact ones (withAliases).
    const aliases = u.expansions.filter((e) => e.weight >= 0.5 && e.text !== text);
    const aliasTerms = aliases.map((e) => parseQuery(e.text, index.vocabulary).find((t) => t.tokens.length)).filter((t): t is QueryTerm => !!t);
    let more: RankedThreads<Hit, number> = { threads: [], count: 0, has: () => false };
    if (aliasTerms.length) {
      const via = aliasTerms.map(match);
      if (via.some((x) => !x)) continue;
      let floor = 0;
      for (const h of hits) floor = Math.min(floor, h.score);
      more = aliasThreads(score(via as Map<number, number>[]), keyOf, exact, floor, Math.max(0, threads - exact.threads.length));
    }
    out.set(text, {
      messages: tf.size,
      threads: exact.count + more.count,
      exactThreads: exact.count,
      aliases: aliasTerms.length ? aliases.map((e) => e.text) : [],
      top: [...exact.threads, ...more.threads].map((t) => ({ ord: t.best.ord, matched: t.best.matched, messageScore: t.best.score, threadScore: t.score, count: t.count })),
    });
  }
  return out;
}
