// The search client: loads the index files on demand (through a fetcher: `fetch` in the browser, the file
// system in the CLI) and answers queries. The browser page and the `search` command both use this module,
// so they see the same files, the same tokenizer and the same ranking.
//
// A query is answered from the postings (which messages, how often, where; the matcher of src/search/match.ts) and
// the map blocks (day, seq, thread, role), ranked by src/search/rank-terms.ts. Text is loaded for the results on
// screen and their context only, and for the few candidates only the text can decide.
import { readShard, type Shard } from './shard.ts';
import { headPath, readHeadShard, type Head } from './heads.ts';
import { idf, messageScore, rankOrder, rankThreads, termWeight } from './rank-terms.ts';
import { TokenPostings, matchPostings, matchTokens, textMatches } from './match.ts';
import { dayRef, messageId, threadId as makeThreadId } from '../model/ids.ts';
import { isUnigram, normalize } from '../text/tokenize.ts';
import { parseQuery, termRanges, mergeRanges, type QueryTerm } from './query.ts';
import { askSearch, type AskResult } from './ask.ts';
import { stripInvisible } from '../text/invisible.ts';
import type { DocSpan } from './doc-segments.ts';
import {
  ROLE_QUESTION, decodeThreadCodes, shardPath, speakerPath,
  type DocChunk, type DocMessage, type Facets, type Manifest, type MapBlock,
} from './format.ts';

/** Returns the text of a file of the index, by its path relative to the index root (e.g. `manifest.json`). */
export type Fetcher = (path: string) => Promise<string>;

export interface Filters {
  topic?: string;
  group?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
  /** Speaker id. */
  speaker?: string;
}

export interface MessageHit {
  ord: number;
  /** `<group>/<date>/<seq>` */
  id: string;
  day: string;
  group: string;
  date: string;
  seq: number;
  /** Speaker and text are filled for the messages shown (see `hydrate`); '' until then. */
  speaker: string;
  /** Known for every hit under a speaker filter, else filled with the text. */
  speakerId: string;
  threadId: string | null;
  role: number;
  text: string;
  /** Where the text holds links, mentions, emoji and images (filled with the text; src/search/doc-segments.ts). */
  spans?: DocSpan[];
  /** How many of the query's terms the message contains; messages with all terms rank first. */
  matched: number;
  score: number;
  /** Match ranges in `text`, merged (filled with the text). */
  ranges: [number, number][];
  /** Global thread number (-1: none). */
  tno: number;
}

export interface ContextMessage {
  seq: number;
  speaker: string;
  text: string;
  spans?: DocSpan[];
  ranges: [number, number][];
  hit: boolean;
}

export interface ThreadHit {
  threadId: string;
  title: string;
  topics: string[];
  day: string;
  group: string;
  date: string;
  /** The best matching message of the thread. */
  best: MessageHit;
  /** Matching messages in the thread. */
  count: number;
  score: number;
  /** The best message with the thread messages around it. */
  context: ContextMessage[];
}

export interface SearchOptions {
  filters?: Filters;
  limit?: number;
  context?: number;
}

export interface SearchResult {
  terms: QueryTerm[];
  /**
   * Every matching message, ranked (filters applied); from a precomputed first page (src/search/heads.ts) only the
   * shown threads' best messages, with `messageCount` giving how many match in all.
   */
  messages: MessageHit[];
  /** How many messages match in all, when `messages` holds only the shown ones (else messages.length). */
  messageCount?: number;
  /** The first `limit` threads, ranked, with their text. */
  threads: ThreadHit[];
  /** How many threads match in all. */
  threadCount: number;
}


interface BlockView {
  block: MapBlock;
  /** First ordinal of each day of the block. */
  starts: number[];
  /** Per day of the block: each message's thread index within the day (-1: none) and role. */
  codes: { thread: Int32Array; role: Uint8Array }[];
}

/** Where a message sits: its day in a map block, its index in the day. */
interface Loc {
  view: BlockView;
  d: number;
  i: number;
}

/** Binary search: the last index whose value is <= x. */
function floorIndex(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether a placed hit passes the group, date and topic filters (the speaker filter is checked on ordinals first). */
function passesFilters(at: MessageHit, f: Filters, topicThreads: Set<number> | null): boolean {
  if (f.group && at.group !== f.group) return false;
  if (f.from && at.date < f.from) return false;
  if (f.to && at.date > f.to) return false;
  return !f.topic || !!topicThreads?.has(at.tno);
}

export class SearchClient {
  /** Bytes fetched so far (for the benchmark and the page's footer). */
  bytes = 0;
  private files = new Map<string, Promise<string>>();
  private shards = new Map<string, Promise<Shard>>();
  private tokenPostings = new Map<string, Promise<TokenPostings>>();
  private json = new Map<string, Promise<unknown>>();
  private blockViews = new Map<number, BlockView>();
  private manifestP: Promise<Manifest> | null = null;
  private headShards = new Map<string, Promise<(term: string) => Head | undefined>>();

  /** `heads: false` answers every query from the postings (the builder computing the heads, the exactness tests). */
  constructor(private fetcher: Fetcher, private opts: { heads?: boolean } = {}) {}

  private file(path: string): Promise<string> {
    let p = this.files.get(path);
    if (!p) {
      p = this.fetcher(path).then((t) => {
        this.bytes += new TextEncoder().encode(t).length;
        return t;
      });
      this.files.set(path, p);
      p.catch(() => this.files.delete(path));
    }
    return p;
  }

  private parsed<T>(path: string): Promise<T> {
    let p = this.json.get(path);
    if (!p) {
      p = this.file(path).then((t) => JSON.parse(t) as unknown);
      this.json.set(path, p);
    }
    return p as Promise<T>;
  }

  manifest(): Promise<Manifest> {
    this.manifestP ??= this.file('manifest.json').then((t) => JSON.parse(t) as Manifest);
    return this.manifestP;
  }

  facets(): Promise<Facets> {
    return this.parsed<Facets>('facets.json');
  }

  private shard(path: string): Promise<Shard> {
    let p = this.shards.get(path);
    if (!p) {
      p = this.file(path).then(readShard);
      this.shards.set(path, p);
    }
    return p;
  }

  /** A token's postings, grouped by message (src/search/match.ts). */
  private async postings(token: string, m: Manifest): Promise<TokenPostings> {
    let p = this.tokenPostings.get(token);
    if (!p) {
      p = this.shard(shardPath(token, m, isUnigram(token))).then((ix) => new TokenPostings(ix.ids(token)));
      this.tokenPostings.set(token, p);
    }
    return p;
  }

  private async blocks(ords: Iterable<number>, m: Manifest): Promise<void> {
    const need = new Set<number>();
    for (const o of ords) if (!this.blockViews.has(floorIndex(m.blocks, o))) need.add(floorIndex(m.blocks, o));
    await Promise.all([...need].map(async (b) => {
      const block = await this.parsed<MapBlock>(`map/${b}.json`);
      if (this.blockViews.has(b)) return;
      const starts: number[] = [];
      let at = block.firstOrd;
      for (const d of block.days) {
        starts.push(at);
        at += d[3].length;
      }
      this.blockViews.set(b, { block, starts, codes: block.days.map((d) => decodeThreadCodes(d[3])) });
    }));
  }

  /** Location of a message whose block is loaded. */
  private loc(o: number, m: Manifest): Loc {
    const view = this.blockViews.get(floorIndex(m.blocks, o))!;
    const d = floorIndex(view.starts, o);
    return { view, d, i: o - view.starts[d]! };
  }

  private async chunkOf(o: number, m: Manifest): Promise<{ chunk: DocChunk; i: number }> {
    const b = floorIndex(m.blocks, o);
    const k = Math.floor((o - m.blocks[b]!) / m.chunkMessages);
    const chunk = await this.parsed<DocChunk>(`docs/${b}/${k}.json`);
    return { chunk, i: o - chunk.first };
  }

  private async texts(ords: Iterable<number>, m: Manifest): Promise<Map<number, DocMessage>> {
    const list = [...ords];
    const got = await Promise.all(list.map((o) => this.chunkOf(o, m)));
    return new Map(list.map((o, j) => [o, got[j]!.chunk.m[got[j]!.i]!]));
  }

  /** Message ordinal -> term frequency, for one term; exact (src/search/match.ts decides, the text where it must). */
  private async match(term: QueryTerm, m: Manifest): Promise<Map<number, number>> {
    const lists = new Map(await Promise.all(matchTokens(term).map(async (t) => [t, await this.postings(t, m)] as const)));
    const { tf, check } = matchPostings(term, (t) => lists.get(t)!);
    if (check.size) {
      for (const [o, dm] of await this.texts(check, m)) {
        const n = textMatches(term, dm[2]);
        if (n) tf.set(o, n);
      }
    }
    return tf;
  }

  /**
   * Answers a query: a term query exactly (below), a question or concept through query understanding and
   * ranking (src/search/ask.ts), which falls back to the exact answer when the query is a plain term.
   */
  search(query: string, opts: SearchOptions = {}): Promise<AskResult> {
    return askSearch(this, query, opts);
  }

  /**
   * The exact term search: every message holding a term, all-term messages first. `terms` replaces the
   * query's own parse (question search passes the content terms it understood).
   * @internal for ask.ts
   */
  async lexical(query: string, opts: SearchOptions & { terms?: QueryTerm[] } = {}): Promise<SearchResult & { perTerm: Map<number, number>[] }> {
    const m = await this.manifest();
    // The indexed text has no zero-width or bidi characters (ingest removes them); a pasted query must not either.
    const terms = opts.terms ?? parseQuery(stripInvisible(query), m.vocabulary).filter((t) => t.tokens.length);
    if (!terms.length) return { terms, messages: [], threads: [], threadCount: 0, perTerm: [] };
    const f = opts.filters ?? {};
    const [perTerm, { speakerOrds, topicThreads }] = await Promise.all([Promise.all(terms.map((t) => this.match(t, m))), this.filterSets(f, m)]);
    const all = new Set<number>();
    for (const tf of perTerm) for (const o of tf.keys()) all.add(o);
    const idfs = perTerm.map((tf) => idf(m.messageCount, tf.size));
    await this.blocks(all, m);

    const messages: MessageHit[] = [];
    const firstSeqOf = new Map<number, number>();
    for (const o of [...all].sort((a, b) => a - b)) {
      if (speakerOrds && !speakerOrds.has(o)) continue;
      const at = this.hitAt(o, m, firstSeqOf, f.speaker ?? '');
      if (!passesFilters(at, f, topicThreads)) continue;
      let rel = 0;
      let matched = 0;
      perTerm.forEach((tf, k) => {
        const n = tf.get(o);
        if (!n) return;
        matched++;
        rel += termWeight(idfs[k]!, n);
      });
      at.matched = matched;
      at.score = messageScore(matched, rel, at.role);
      messages.push(at);
    }
    // Recency breaks ties: a newer discussion first.
    messages.sort((a, b) => rankOrder(a, b, a.ord, b.ord));

    const ranked = rankThreads(messages, (h) => h.threadId ?? h.id, opts.limit);
    const shown: ThreadHit[] = ranked.threads.map(({ key, best, count, score }) => (
      { threadId: key, title: '', topics: [], day: best.day, group: best.group, date: best.date, best, count, score, context: [] }
    ));
    // Text for what is shown only; without a limit (tests, `search --messages`) for every match.
    await this.hydrate(opts.limit === undefined ? messages : shown.map((t) => t.best), terms);
    const around = opts.context ?? 1;
    await Promise.all(shown.map(async (t) => {
      const { chunk } = await this.chunkOf(t.best.ord, m);
      const meta = t.best.tno >= 0 ? chunk.t[t.best.tno] : undefined;
      if (meta) [t.title, t.topics] = meta;
      t.context = await this.contextOf(t, terms, around, m);
    }));
    return { terms, messages, threads: shown, threadCount: ranked.count, perTerm };
  }

  /**
   * A hit for message `o` (its map block loaded): where it sits (day, seq, thread, role), not yet scored or
   * hydrated. Built field by field: a common term makes tens of thousands. `firstSeqOf` memoizes thread starts.
   */
  private hitAt(o: number, m: Manifest, firstSeqOf: Map<number, number>, speakerId = ''): MessageHit {
    const { view, d, i } = this.loc(o, m);
    const [day, firstSeq, base, , seqs] = view.block.days[d]!;
    const { group, date } = dayRef(day);
    const { thread: dayThreads, role: dayRoles } = view.codes[d]!;
    const ti = dayThreads[i]!;
    const tno = ti < 0 ? -1 : base + ti;
    const seqAt = (j: number) => (seqs ? seqs[j]! : firstSeq + j);
    let threadId: string | null = null;
    if (tno >= 0) {
      let s = firstSeqOf.get(tno);
      if (s === undefined) {
        for (let j = 0; j <= i; j++) if (dayThreads[j] === ti) { s = seqAt(j); break; }
        firstSeqOf.set(tno, s!);
      }
      threadId = makeThreadId(day, s!);
    }
    const seq = seqAt(i);
    return {
      ord: o, id: messageId(day, seq), day, group, date, seq, speaker: '', speakerId, threadId, role: dayRoles[i]!, text: '',
      matched: 0, score: 0, ranges: [], tno,
    };
  }

  /**
   * The precomputed first pages of a one-term query (src/search/heads.ts), when they answer it: the query is one
   * term (any letter case), no filter, and the page asked for lies within the head (or the answer is no longer).
   * The result is what the full answer would show, with `messageCount` for the total; null: read the postings.
   * `aliases` are the terms of the glossary entry's other names, for highlighting the threads found through them.
   * @internal for ask.ts
   */
  async head(query: string, opts: SearchOptions = {}): Promise<(SearchResult & { aliases: string[] }) | null> {
    if (this.opts.heads === false || opts.limit === undefined) return null;
    if (opts.filters && Object.values(opts.filters).some((v) => v)) return null;
    const m = await this.manifest();
    if (!m.headShards) return null;
    const terms = parseQuery(stripInvisible(query), m.vocabulary).filter((t) => t.tokens.length);
    // The query is one term as typed, in any letter case (T+0 reads the head of t+0: the answer is the same).
    const key = terms.length === 1 ? terms[0]!.text : null;
    if (key === null || normalize(query) !== key) return null;
    const path = headPath(key, m);
    let shard = this.headShards.get(path);
    if (!shard) {
      shard = this.file(path).then(readHeadShard);
      this.headShards.set(path, shard);
    }
    const h = (await shard)(key);
    if (!h || (opts.limit > h.top.length && h.threads > h.top.length)) return null;
    const top = h.top.slice(0, opts.limit);
    await this.blocks(top.map((t) => t.ord), m);
    const firstSeqOf = new Map<number, number>();
    const threads: ThreadHit[] = top.map((t) => {
      const best = this.hitAt(t.ord, m, firstSeqOf);
      best.matched = t.matched;
      best.score = t.messageScore;
      return { threadId: best.threadId ?? best.id, title: '', topics: [], day: best.day, group: best.group, date: best.date, best, count: t.count, score: t.threadScore, context: [] };
    });
    const aliasTerms = h.aliases.map((a) => parseQuery(a, m.vocabulary).find((t) => t.tokens.length)).filter((t): t is QueryTerm => !!t);
    // As ask.ts presents them: the term's own threads highlight the term, the alias threads their names as well.
    await this.present(threads.slice(0, h.exactThreads), terms, opts.context ?? 1);
    await this.present(threads.slice(h.exactThreads), [...terms, ...aliasTerms], opts.context ?? 1);
    return { terms, messages: threads.map((t) => t.best), messageCount: h.messages, threads, threadCount: h.threads, aliases: h.aliases };
  }

  /**
   * Title, topics and context of threads to be shown (their best message hydrated first).
   * @internal for ask.ts
   */
  async present(shown: ThreadHit[], terms: QueryTerm[], around: number): Promise<void> {
    const m = await this.manifest();
    await this.hydrate(shown.map((t) => t.best), terms);
    await Promise.all(shown.map(async (t) => {
      const { chunk } = await this.chunkOf(t.best.ord, m);
      const meta = t.best.tno >= 0 ? chunk.t[t.best.tno] : undefined;
      if (meta) [t.title, t.topics] = meta;
      t.context = await this.contextOf(t, terms, around, m);
    }));
  }

  /**
   * A thread's length in messages and whether it has a question, from the map block of one of its messages
   * (loaded by the search that found it).
   * @internal for ask.ts
   */
  threadShape(ord: number, m: Manifest): { length: number; hasQuestion: boolean } {
    const { view, d, i } = this.loc(ord, m);
    const { thread, role } = view.codes[d]!;
    let length = 0;
    let hasQuestion = false;
    for (let j = 0; j < thread.length; j++) {
      if (thread[j] !== thread[i]) continue;
      length++;
      if (role[j] === ROLE_QUESTION) hasQuestion = true;
    }
    return { length, hasQuestion };
  }

  /**
   * Hits for messages found by another signal than the terms (a thread's embedding neighbours), under the
   * filters: the same fields as `lexical` gives, no term matched. Ordinals the filters exclude are left out.
   * @internal for ask.ts
   */
  async hitsAt(ords: readonly number[], filters: Filters = {}): Promise<MessageHit[]> {
    const m = await this.manifest();
    const f = filters;
    const { speakerOrds, topicThreads } = await this.filterSets(f, m);
    const valid = ords.filter((o) => o >= 0 && o < m.messageCount);
    await this.blocks(valid, m);
    const firstSeqOf = new Map<number, number>();
    const out: MessageHit[] = [];
    for (const o of valid) {
      if (speakerOrds && !speakerOrds.has(o)) continue;
      const at = this.hitAt(o, m, firstSeqOf, f.speaker ?? '');
      if (!passesFilters(at, f, topicThreads)) continue;
      at.score = messageScore(0, 0, at.role);
      out.push(at);
    }
    return out;
  }

  /** What the speaker and topic filters read (null: that filter is off): the speaker's ordinals, the topic's threads. */
  private async filterSets(f: Filters, m: Manifest): Promise<{ speakerOrds: Set<number> | null; topicThreads: Set<number> | null }> {
    const [speakerOrds, topicThreads] = await Promise.all([
      f.speaker ? this.parsed<Record<string, number[]>>(speakerPath(f.speaker, m)).then((r) => new Set(r[f.speaker!] ?? [])) : null,
      f.topic && m.topics.some((t) => t.slug === f.topic) ? this.parsed<number[]>(`topics/${f.topic}.json`).then((r) => new Set(r)) : null,
    ]);
    return { speakerOrds, topicThreads };
  }

  /** Fetches and parses a JSON file of the index (cached). @internal for ask.ts */
  fileJson<T>(path: string): Promise<T> {
    return this.parsed<T>(path);
  }

  /** Loads speaker, text and match ranges into hits. */
  async hydrate(hits: MessageHit[], terms: QueryTerm[]): Promise<void> {
    const m = await this.manifest();
    const texts = await this.texts(hits.map((h) => h.ord), m);
    for (const h of hits) {
      const [speaker, speakerId, text, spans] = texts.get(h.ord)!;
      const lower = normalize(text);
      Object.assign(h, {
        speaker, speakerId, text, spans,
        ranges: lower.length === text.length ? mergeRanges(terms.flatMap((q) => termRanges(lower, q))) : [],
      });
    }
  }

  /** The best message with `around` thread messages on each side, each highlighted. */
  private async contextOf(t: ThreadHit, terms: QueryTerm[], around: number, m: Manifest): Promise<ContextMessage[]> {
    const self: ContextMessage = { seq: t.best.seq, speaker: t.best.speaker, text: t.best.text, spans: t.best.spans, ranges: t.best.ranges, hit: true };
    if (t.best.tno < 0) return [self];
    const { view, d, i } = this.loc(t.best.ord, m);
    const [, firstSeq, , , seqs] = view.block.days[d]!;
    const { thread } = view.codes[d]!;
    const idx: number[] = [];
    for (let j = 0; j < thread.length; j++) if (thread[j] === thread[i]) idx.push(j);
    const k = idx.indexOf(i);
    const near = idx.slice(Math.max(0, k - around), k + around + 1);
    const start = view.starts[d];
    const texts = await this.texts(near.filter((j) => j !== i).map((j) => start! + j), m);
    return near.map((j) => {
      if (j === i) return self;
      const [speaker, , text, spans] = texts.get(start! + j)!;
      const lower = normalize(text);
      const ranges = lower.length === text.length ? mergeRanges(terms.flatMap((q) => termRanges(lower, q))) : [];
      return { seq: seqs ? seqs[j]! : firstSeq + j, speaker, text, spans, ranges, hit: false };
    });
  }
}

/** A window of `text` around its first range, for one-line snippets (the CLI). */
export function snippet(text: string, ranges: [number, number][], width = 80): string {
  const flat = text.replace(/\s/g, ' ');
  const start = ranges.length && flat.length === text.length ? Math.max(0, ranges[0]![0] - Math.floor(width / 3)) : 0;
  const s = flat.slice(start, start + width);
  return (start > 0 ? '…' : '') + s + (start + width < flat.length ? '…' : '');
}
