// Question and concept search on top of the exact term search: understand the query (understand.ts), find the
// messages holding any of its content terms (the exact matcher, per term), rank threads by BM25F over the
// terms that match (rank.ts), re-rank the first candidates by the archive-trained vectors (ask-format.ts) and
// fuse both ranks; with a model's thread embeddings in the index, their signals join the fusion (ask-embedding.ts).
// A plain term query keeps the exact answer, followed by the threads that only use another
// name of the glossary term it names. Used by SearchClient.search, hence by the page and the CLI alike.
import type { SearchClient, SearchOptions, SearchResult, ThreadHit, MessageHit } from './client.ts';
import type { Manifest } from './format.ts';
import { ROLE_QUESTION } from './format.ts';
import { parseQuery, type QueryTerm } from './query.ts';
import { understand, vectorTerms, type ContentTerm, type LexiconTerm, type Understanding } from './understand.ts';
import { decodeInt8, threadBlockPath, tokenShardPath, type AskMeta, type TokenEntry } from './ask-format.ts';
import { bm25f, cosineInt8, EMBEDDING_CANDIDATES, EMBEDDING_WEIGHT, idf, NEIGHBOUR_WEIGHT, rrf, SEMANTIC_CANDIDATES, SEMANTIC_WEIGHT, type TermStat, type ThreadCounts } from './rank.ts';
import { aliasThreads } from './rank-terms.ts';
import { FEEDBACK_SEEDS, neighbourHits, queryEmbeddingHits } from './ask-embedding.ts';
import { cjkBigrams } from '../text/tokenize.ts';

export interface GlossaryCard {
  slug: string;
  term: string;
  aliases: string[];
  definition: string;
}

/** A question asked before, offered when nothing matches. */
export interface PastQuestion {
  threadId: string;
  title: string;
  date: string;
}

export interface ExplainTerm {
  text: string;
  kind: ContentTerm['kind'];
  weight: number;
  /** Threads holding the term (under the filters). */
  threads: number;
  /** The term this one expands (alias or related term). */
  from?: string;
}

export interface Explain {
  mode: 'terms' | 'question';
  dropped: string[];
  terms: ExplainTerm[];
  expansions: ExplainTerm[];
  /**
   * Share of each signal in the fused scores of the threads shown (sums to 1). `neighbours` and `embedding` only
   * when the index carries a model's thread embeddings.
   */
  signals: { exact: number; lexical: number; semantic: number; neighbours?: number; embedding?: number };
  /** Whether the semantic signal was available (vectors in the index, query terms with vectors). */
  semantic: boolean;
  /** Content terms left out of the lexical search as too common (they still shape the semantic vector). */
  common?: string[];
  /** With a model's thread embeddings in the index: which, how many seeds fed back, threads only they found. */
  embedding?: { model: string; seeds: number; query: boolean; added: number };
}

export interface AskResult extends SearchResult {
  mode: 'terms' | 'question';
  understanding: Understanding;
  /** Glossary entries the query names, to lead the results. */
  cards: GlossaryCard[];
  /** When no thread matched: questions asked before that come closest. */
  closest: PastQuestion[];
  explain: Explain;
}

export interface AskOptions extends SearchOptions {
  /**
   * Embeds the query with the model the index was built with (the CLI has it; the browser has none and uses the
   * neighbour lists only). null: the model could not embed it.
   */
  embedQuery?: (query: string) => Promise<Float32Array | null>;
}

const metaMemo = new WeakMap<SearchClient, Promise<AskMeta | null>>();
/** ask/meta.json, or null for an index built without question search (then only exact search works). */
function askMeta(client: SearchClient): Promise<AskMeta | null> {
  let p = metaMemo.get(client);
  if (!p) {
    p = client.fileJson<AskMeta>('ask/meta.json').catch(() => null);
    metaMemo.set(client, p);
  }
  return p;
}

function lexiconOf(m: Manifest, meta: AskMeta | null): LexiconTerm[] {
  return m.terms.map((t) => ({ ...t, related: meta?.related[t.slug] ?? [] }));
}

function cardsOf(u: Understanding, m: Manifest, meta: AskMeta | null): GlossaryCard[] {
  return u.named.flatMap((slug) => {
    const t = m.terms.find((x) => x.slug === slug);
    return t ? [{ slug, term: t.term, aliases: t.aliases, definition: meta?.cards[slug] ?? '' }] : [];
  });
}

/** The exact-matcher term for a content term (a glossary string is one posting list). */
function queryTerm(text: string, m: Manifest): QueryTerm | null {
  return parseQuery(text, m.vocabulary).find((t) => t.tokens.length) ?? null;
}

/** A content term in more than this share of all messages is too common to search for (see questionSearch). */
export const COMMON_SHARE = 0.04;

const threadKey = (h: MessageHit) => h.threadId ?? h.id;
const firstSeq = (threadId: string) => Number(threadId.slice(threadId.lastIndexOf('/t') + 2));

export async function askSearch(client: SearchClient, query: string, opts: AskOptions = {}): Promise<AskResult> {
  const m = await client.manifest();
  // A term query needs no more than the manifest (aliases are in it); ask/meta.json is fetched for a question,
  // or for the card of a glossary term the query names.
  const plain = understand(query, lexiconOf(m, null));
  if (!plain.question) {
    // A common term's first pages are precomputed (src/search/heads.ts): the same answer without its postings.
    const head = await client.head(plain.normalized, opts);
    if (head) {
      const meta = plain.named.length ? await askMeta(client) : null;
      const explain: Explain = {
        mode: 'terms', dropped: plain.dropped, semantic: false, signals: { exact: 1, lexical: 0, semantic: 0 },
        terms: head.terms.map((t) => ({ text: t.text, kind: t.vocab ? 'glossary' : 'word', weight: 1, threads: 0 })), expansions: [],
      };
      const { aliases: _, ...answer } = head;
      return { ...answer, mode: 'terms', understanding: plain, cards: cardsOf(plain, m, meta), closest: [], explain };
    }
    const exact = await client.lexical(plain.normalized, opts);
    if (exact.messages.length) {
      const meta = plain.named.length ? await askMeta(client) : null;
      return withAliases(client, exact, plain, cardsOf(plain, m, meta), m, opts);
    }
  }
  const meta = await askMeta(client);
  const u = understand(query, lexiconOf(m, meta));
  return questionSearch(client, u, cardsOf(u, m, meta), m, meta, opts, query);
}

/** A term query: the exact answer, then threads found only through the named glossary terms' other names. */
async function withAliases(client: SearchClient, exact: SearchResult, u: Understanding, cards: GlossaryCard[], m: Manifest, opts: SearchOptions): Promise<AskResult> {
  const explain: Explain = {
    mode: 'terms', dropped: u.dropped, semantic: false, signals: { exact: 1, lexical: 0, semantic: 0 },
    terms: exact.terms.map((t) => ({ text: t.text, kind: t.vocab ? 'glossary' : 'word', weight: 1, threads: 0 })),
    expansions: [],
  };
  const result: AskResult = { ...exact, mode: 'terms', understanding: u, cards, closest: [], explain };
  const aliases = u.expansions.filter((e) => e.weight >= 0.5 && !exact.terms.some((t) => t.text === e.text));
  const aliasTerms = aliases.map((e) => queryTerm(e.text, m)).filter((t): t is QueryTerm => !!t);
  if (!aliasTerms.length) return result;
  const via = await client.lexical('', { filters: opts.filters, limit: 0, terms: aliasTerms });
  explain.expansions = aliases.map((e, k) => ({ text: e.text, kind: e.kind, weight: e.weight, from: e.from, threads: new Set(via.messages.filter((h) => via.perTerm[k]?.has(h.ord)).map(threadKey)).size }));
  const have = new Set<string>([...exact.messages.map(threadKey)]);
  let floor = 0;
  for (const h of exact.messages) floor = Math.min(floor, h.score);
  // Below every exact thread (the exact answer keeps its order), among themselves as the exact search ranks.
  const room = Math.max(0, (opts.limit ?? Infinity) - exact.threads.length);
  const more = aliasThreads(via.messages, threadKey, have, floor, room);
  const shown: ThreadHit[] = more.threads.map(({ key, best, count, score }) => ({
    threadId: key, title: '', topics: [], day: best.day, group: best.group, date: best.date, best, count, score, context: [],
  }));
  result.threadCount = exact.threadCount + more.count;
  await client.present(shown, [...exact.terms, ...aliasTerms], opts.context ?? 1);
  result.threads = [...exact.threads, ...shown];
  return result;
}

async function termVectors(client: SearchClient, meta: AskMeta, texts: string[]): Promise<Map<string, TokenEntry>> {
  const out = new Map<string, TokenEntry>();
  await Promise.all(texts.map(async (t) => {
    const shard = await client.fileJson<Record<string, TokenEntry>>(tokenShardPath(t, meta)).catch(() => ({} as Record<string, TokenEntry>));
    const e = shard[t];
    if (e) out.set(t, e);
  }));
  return out;
}

async function questionSearch(client: SearchClient, u: Understanding, cards: GlossaryCard[], m: Manifest, meta: AskMeta | null, opts: AskOptions, query: string): Promise<AskResult> {
  // Content terms, then expansions; a word of three or more characters also brings its bigrams (the exact
  // matcher needs the whole word, and a member's word is often a longer form of the archive's).
  const content: ContentTerm[] = [...u.terms];
  for (const t of u.terms) {
    if (t.kind === 'word' && [...t.text].length >= 3) {
      for (const b of cjkBigrams(t.text)) if (!content.some((c) => c.text === b)) content.push({ text: b, kind: 'run', weight: 0.4, from: t.text });
    }
  }
  // The vectors' entries carry each term's message count: a term in a large share of all messages (支付 in a
  // payments archive) ranks almost nothing and its postings are the largest download, so it is left out
  // unless nothing else is left.
  const lexicon = lexiconOf(m, meta);
  const vecTerms = [...u.terms, ...u.expansions].flatMap((t) => vectorTerms(t.text, lexicon).map((text) => ({ text, weight: t.weight })));
  const entries = meta && meta.dim > 0 ? await termVectors(client, meta, [...new Set([...vecTerms.map((t) => t.text), ...content.map((c) => c.text)])]) : new Map<string, TokenEntry>();
  const common = (c: ContentTerm) => !!meta && (entries.get(c.text)?.[1] ?? 0) > COMMON_SHARE * meta.docs;
  const kept = content.filter((c) => !common(c));
  const all = [...(kept.length ? kept : content), ...u.expansions.filter((c) => !common(c))];
  const pairs = all.map((c) => [c, queryTerm(c.text, m)] as const).filter((p): p is readonly [ContentTerm, QueryTerm] => !!p[1]);
  const qterms = pairs.map((p) => p[1]);
  const empty = (): AskResult => ({
    terms: qterms, messages: [], threads: [], threadCount: 0, mode: 'question', understanding: u, cards, closest: [],
    explain: { mode: 'question', dropped: u.dropped, terms: [], expansions: [], signals: { exact: 0, lexical: 0, semantic: 0 }, semantic: false },
  });
  if (!qterms.length) return empty();
  const lex = await client.lexical('', { filters: opts.filters, limit: 0, terms: qterms });

  // Per thread: heading and body term frequencies.
  const counts = new Map<string, ThreadCounts & { hits: MessageHit[]; tno: number }>();
  const shapes = new Map<number, { length: number; hasQuestion: boolean }>();
  for (const h of lex.messages) {
    const key = threadKey(h);
    let c = counts.get(key);
    if (!c) {
      let shape = { length: 1, hasQuestion: h.role === ROLE_QUESTION };
      if (h.tno >= 0) {
        shape = shapes.get(h.tno) ?? client.threadShape(h.ord, m);
        shapes.set(h.tno, shape);
      }
      counts.set(key, (c = { tf: pairs.map(() => undefined), length: shape.length, hits: [], tno: h.tno }));
    }
    c.hits.push(h);
    const shape = h.tno >= 0 ? shapes.get(h.tno)! : { hasQuestion: h.role === ROLE_QUESTION };
    const heading = h.role === ROLE_QUESTION || (!shape.hasQuestion && !!h.threadId && h.seq === firstSeq(h.threadId));
    lex.perTerm.forEach((tf, k) => {
      const n = tf.get(h.ord);
      if (!n) return;
      const f = (c.tf[k] ??= [0, 0]);
      f[heading ? 0 : 1] += n;
    });
  }
  const n = m.threadCount + 1;
  const stats: TermStat[] = pairs.map(([c], k) => ({
    weight: c.weight,
    df: [...counts.values()].filter((x) => x.tf[k]).length,
  }));
  const scored = [...counts].map(([key, c]) => ({ key, c, ...bm25f(c, stats, n, meta?.avgLength ?? 10) }));
  scored.sort((a, b) => b.score - a.score || (a.c.hits[0]!.date < b.c.hits[0]!.date ? 1 : -1));
  const lexicalKeys = scored.map((s) => s.key);

  // Semantic: the query's vector against the first candidates' thread vectors.
  let semanticKeys: string[] = [];
  const cos = new Map<string, number>();
  if (meta && meta.dim > 0) {
    const qv = new Float32Array(meta.dim);
    for (const t of vecTerms) {
      const e = entries.get(t.text);
      if (!e) continue;
      const v = decodeInt8(e[0]);
      let norm = 0;
      for (const x of v) norm += x * x;
      const w = (t.weight * Math.log(1 + meta.docs / Math.max(1, e[1]))) / (Math.sqrt(norm) || 1);
      for (let i = 0; i < meta.dim; i++) qv[i]! += w * (v[i] ?? 0);
    }
    if (entries.size) {
      const cands = scored.filter((s) => s.c.tno >= 0).slice(0, SEMANTIC_CANDIDATES);
      const blocks = new Map<string, Promise<string[]>>();
      for (const s of cands) {
        const p = threadBlockPath(s.c.tno, meta);
        if (!blocks.has(p)) blocks.set(p, client.fileJson<string[]>(p).catch(() => []));
      }
      await Promise.all(cands.map(async (s) => {
        const block = await blocks.get(threadBlockPath(s.c.tno, meta))!;
        const enc = block[s.c.tno % meta.threadBlock];
        if (enc) cos.set(s.key, cosineInt8(qv, decodeInt8(enc)));
      }));
      semanticKeys = [...cos].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    }
  }
  const lexicalFused = rrf([{ keys: lexicalKeys, weight: 1 }]);
  const semanticFused = rrf([{ keys: semanticKeys, weight: SEMANTIC_WEIGHT }]);
  const termFused = (k: string) => (lexicalFused.get(k) ?? 0) + (semanticFused.get(k) ?? 0);
  const lexicalRank = new Map(lexicalKeys.map((k, i) => [k, i]));
  const termOrder = [...lexicalKeys].sort((a, b) => termFused(b) - termFused(a) || lexicalRank.get(a)! - lexicalRank.get(b)!);
  const byKey = new Map(scored.map((s) => [s.key, s]));

  // Embedding signals, only when the index carries a model's thread embeddings: the first threads' neighbours
  // (pseudo-relevance feedback) and, where the model is at hand (CLI), the query's own embedding. Threads only they
  // find join with their question (or first message) as the best message.
  let neighbourFused = new Map<string, number>();
  let embeddingFused = new Map<string, number>();
  const added = new Map<string, MessageHit>();
  let embedExplain: Explain['embedding'];
  if (meta?.model && meta.embedding) {
    const keyOf = new Map<number, string>();
    for (const s of scored) if (s.c.tno >= 0) keyOf.set(s.c.tno, s.key);
    const seeds = termOrder.map((k) => byKey.get(k)!.c.tno).filter((t) => t >= 0).slice(0, FEEDBACK_SEEDS);
    const qv = opts.embedQuery ? await opts.embedQuery(query) : null;
    const [near, byQuery] = await Promise.all([
      neighbourHits(client, meta.embedding, seeds),
      qv ? queryEmbeddingHits(client, meta.embedding, meta.threads, qv, EMBEDDING_CANDIDATES) : Promise.resolve([]),
    ]);
    const missing = new Map([...near, ...byQuery].filter((h) => !keyOf.has(h.tno)).map((h) => [h.tno, h.ord]));
    for (const h of await client.hitsAt([...missing.values()], opts.filters)) {
      if (!h.threadId || h.tno < 0 || keyOf.has(h.tno)) continue;
      keyOf.set(h.tno, h.threadId);
      added.set(h.threadId, h);
    }
    const keys = (hs: { tno: number }[]) => hs.flatMap((h) => keyOf.get(h.tno) ?? []);
    neighbourFused = rrf([{ keys: keys(near), weight: NEIGHBOUR_WEIGHT }]);
    embeddingFused = rrf([{ keys: keys(byQuery), weight: EMBEDDING_WEIGHT }]);
    embedExplain = { model: meta.model, seeds: seeds.length, query: !!qv, added: added.size };
  }
  const fused = (k: string) => termFused(k) + (neighbourFused.get(k) ?? 0) + (embeddingFused.get(k) ?? 0);
  const candidates = [...lexicalKeys, ...added.keys()];
  const baseRank = new Map(candidates.map((k, i) => [k, i]));
  const order = added.size || neighbourFused.size || embeddingFused.size
    ? candidates.sort((a, b) => fused(b) - fused(a) || baseRank.get(a)! - baseRank.get(b)!)
    : termOrder;

  // Threads: the best message is the one holding the most query weight (the question first on a tie).
  const msgScore = (h: MessageHit) => {
    let s = 0;
    lex.perTerm.forEach((tf, k) => {
      const x = tf.get(h.ord);
      if (x) s += stats[k]!.weight * idf(stats[k]!.df, n) * (1 + Math.log(x));
    });
    return s * (h.role === ROLE_QUESTION ? 1.2 : 1);
  };
  const threads: ThreadHit[] = order.map((key) => {
    const s = byKey.get(key);
    if (!s) {
      // Found by the embeddings only: no term matched, its question (or first message) stands for it.
      const best = added.get(key)!;
      return {
        threadId: key, title: '', topics: [], day: best.day, group: best.group, date: best.date, best, count: 0,
        score: Math.round(fused(key) * 1e5) / 1e3, context: [],
      };
    }
    const hits = [...s.c.hits].map((h) => ({ h, v: msgScore(h) })).sort((a, b) => b.v - a.v || a.h.ord - b.h.ord);
    for (const x of hits) x.h.score = Math.round(x.v * 1000) / 1000;
    const best = hits[0]!.h;
    return {
      threadId: key, title: '', topics: [], day: best.day, group: best.group, date: best.date, best, count: hits.length,
      score: Math.round(fused(key) * 1e5) / 1e3, context: [],
    };
  });
  const rankOf = new Map(order.map((k, i) => [k, i]));
  const messages = [...lex.messages].sort((a, b) => rankOf.get(threadKey(a))! - rankOf.get(threadKey(b))! || b.score - a.score || a.ord - b.ord);
  const shown = threads.slice(0, opts.limit ?? threads.length);
  await client.present(shown, qterms, opts.context ?? 1);
  if (opts.limit === undefined) await client.hydrate(messages.filter((h) => !h.text), qterms);

  // Each signal's share of the fused scores shown.
  let lexShare = 0;
  let semShare = 0;
  let nbShare = 0;
  let embShare = 0;
  for (const t of shown) {
    lexShare += lexicalFused.get(t.threadId) ?? 0;
    semShare += semanticFused.get(t.threadId) ?? 0;
    nbShare += neighbourFused.get(t.threadId) ?? 0;
    embShare += embeddingFused.get(t.threadId) ?? 0;
  }
  const total = lexShare + semShare + nbShare + embShare || 1;
  const explainTerm = (k: number): ExplainTerm => {
    const [c] = pairs[k]!;
    return { text: c.text, kind: c.kind, weight: c.weight, threads: stats[k]!.df, ...(c.from ? { from: c.from } : {}) };
  };
  const nContent = pairs.filter(([c]) => content.includes(c)).length;
  const skipped = content.filter((c) => !all.includes(c)).map((c) => c.text);
  const result: AskResult = {
    terms: qterms, messages, threads: shown, threadCount: threads.length, mode: 'question', understanding: u, cards, closest: [],
    explain: {
      mode: 'question', dropped: u.dropped, semantic: semanticKeys.length > 0, common: skipped,
      terms: pairs.slice(0, nContent).map((_, k) => explainTerm(k)),
      expansions: pairs.slice(nContent).map((_, k) => explainTerm(nContent + k)),
      signals: { exact: 0, lexical: lexShare / total, semantic: semShare / total, ...(embedExplain ? { neighbours: nbShare / total, embedding: embShare / total } : {}) },
      ...(embedExplain ? { embedding: embedExplain } : {}),
    },
  };
  if (!threads.length) result.closest = await closestQuestions(client, u, m, opts);
  return result;
}

/**
 * Nothing matched a content term: the questions asked before that share the most characters with the query
 * (each content character as a term, questions only), best first.
 */
async function closestQuestions(client: SearchClient, u: Understanding, m: Manifest, opts: SearchOptions): Promise<PastQuestion[]> {
  const chars = [...new Set([...u.terms.map((t) => t.text).join('')].filter((ch) => /[\u3400-\u9fff]/.test(ch)))];
  const qterms = chars.map((ch) => queryTerm(ch, m)).filter((t): t is QueryTerm => !!t);
  if (!qterms.length) return [];
  const lex = await client.lexical('', { filters: opts.filters, limit: 0, terms: qterms });
  const df = lex.perTerm.map((tf) => tf.size);
  const best = new Map<string, { h: MessageHit; s: number }>();
  for (const h of lex.messages) {
    if (h.role !== ROLE_QUESTION || !h.threadId) continue;
    let s = 0;
    lex.perTerm.forEach((tf, k) => { if (tf.has(h.ord)) s += Math.log(1 + m.messageCount / Math.max(1, df[k]!)); });
    const cur = best.get(h.threadId);
    if (!cur || s > cur.s) best.set(h.threadId, { h, s });
  }
  const top = [...best.values()].sort((a, b) => b.s - a.s || a.h.ord - b.h.ord).slice(0, 5);
  await client.hydrate(top.map((x) => x.h), []);
  return top.map(({ h }) => ({ threadId: h.threadId!, title: h.text.replace(/\s+/g, ' ').slice(0, 60), date: h.date }));
}
