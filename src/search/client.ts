// The search client: loads the index files on demand (through a fetcher: `fetch` in the browser, the file
// system in the CLI) and answers queries. The browser page and the `search` command both use this module,
// so they see the same files, the same tokenizer and the same ranking.
import type { Index } from 'flexsearch';
import { newFlexIndex } from './flex.ts';
import { isUnigram, normalize } from './tokenize.ts';
import { parseQuery, termRanges, mergeRanges, type QueryTerm } from './query.ts';
import { ROLE_ANSWER, ROLE_QUESTION, shardPath, type DocChunk, type Facets, type Manifest } from './format.ts';

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
  speaker: string;
  speakerId: string;
  threadId: string | null;
  role: number;
  text: string;
  /** How many of the query's terms the message contains; messages with all terms rank first. */
  matched: number;
  score: number;
  /** Match ranges in `text`, merged. */
  ranges: [number, number][];
}

export interface ContextMessage {
  seq: number;
  speaker: string;
  text: string;
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

export interface SearchResult {
  terms: QueryTerm[];
  /** Every matching message, ranked (filters applied). */
  messages: MessageHit[];
  threads: ThreadHit[];
}

const ROLE_WEIGHT: Record<number, number> = { [ROLE_QUESTION]: 1.5, [ROLE_ANSWER]: 1.25 };

export class SearchClient {
  /** Bytes fetched so far (for the benchmark and the page's footer). */
  bytes = 0;
  private files = new Map<string, Promise<string>>();
  private shards = new Map<string, Promise<Index>>();
  private chunks = new Map<number, Promise<DocChunk>>();
  private manifestP: Promise<Manifest> | null = null;

  constructor(private fetcher: Fetcher) {}

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

  manifest(): Promise<Manifest> {
    this.manifestP ??= this.file('manifest.json').then((t) => JSON.parse(t) as Manifest);
    return this.manifestP;
  }

  async facets(): Promise<Facets> {
    return JSON.parse(await this.file('facets.json')) as Facets;
  }

  private shard(path: string): Promise<Index> {
    let p = this.shards.get(path);
    if (!p) {
      p = this.file(path).then((t) => {
        const ix = newFlexIndex();
        for (const [k, v] of Object.entries(JSON.parse(t) as Record<string, string>)) ix.import(k, v);
        return ix;
      });
      this.shards.set(path, p);
    }
    return p;
  }

  private chunk(n: number): Promise<DocChunk> {
    let p = this.chunks.get(n);
    if (!p) {
      p = this.file(`docs/${n}.json`).then((t) => JSON.parse(t) as DocChunk);
      this.chunks.set(n, p);
    }
    return p;
  }

  /** Message ordinals holding every token (FlexSearch does the per-shard intersection). */
  private async lookup(tokens: string[], m: Manifest): Promise<Set<number>> {
    const byShard = new Map<string, string[]>();
    for (const t of tokens) {
      const path = shardPath(t, m, isUnigram(t));
      byShard.set(path, [...(byShard.get(path) ?? []), t]);
    }
    const lists = await Promise.all(
      [...byShard].map(async ([path, toks]) => {
        const ix = await this.shard(path);
        // One search per token: FlexSearch would intersect several, but a token missing from the shard
        // must give an empty result, never a partial one.
        const sets = toks.map((t) => ix.search(t, { limit: m.messageCount + 1 }) as number[]);
        return sets.sort((a, b) => a.length - b.length);
      }),
    );
    const all = lists.flat().sort((a, b) => a.length - b.length);
    if (!all.length) return new Set();
    let acc = new Set(all[0]);
    for (const l of all.slice(1)) {
      const s = new Set(l);
      acc = new Set([...acc].filter((x) => s.has(x)));
      if (!acc.size) break;
    }
    return acc;
  }

  private chunkOf(ord: number, m: Manifest): number {
    let lo = 0;
    let hi = m.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m.chunks[mid] <= ord) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async search(query: string, opts: { filters?: Filters; limit?: number; context?: number } = {}): Promise<SearchResult> {
    const m = await this.manifest();
    const terms = parseQuery(query, m.vocabulary).filter((t) => t.tokens.length);
    if (!terms.length) return { terms, messages: [], threads: [] };
    const candidates = new Set<number>();
    for (const set of await Promise.all(terms.map((t) => this.lookup(t.tokens, m)))) for (const o of set) candidates.add(o);

    // Load the chunks of the candidates and check each term against the stored text: exactness.
    const need = [...new Set([...candidates].map((o) => this.chunkOf(o, m)))];
    const loaded = new Map(await Promise.all(need.map(async (c) => [c, await this.chunk(c)] as const)));
    const df = terms.map(() => 0);
    const raw: { ord: number; chunk: DocChunk; i: number; lower: string; ranges: [number, number][][] }[] = [];
    for (const o of [...candidates].sort((a, b) => a - b)) {
      const c = this.chunkOf(o, m);
      const chunk = loaded.get(c)!;
      const i = o - m.chunks[c];
      const lower = normalize(chunk.m[i][6]);
      const ranges = terms.map((t) => termRanges(lower, t));
      if (!ranges.some((r) => r.length)) continue;
      ranges.forEach((r, k) => r.length && df[k]++);
      raw.push({ ord: o, chunk, i, lower, ranges });
    }
    const idf = df.map((d) => Math.log(1 + m.messageCount / Math.max(1, d)));
    const f = opts.filters ?? {};
    const messages: MessageHit[] = [];
    const threadMeta = new Map<string, { chunk: DocChunk; ti: number }>();
    for (const r of raw) {
      const [dayIdx, seq, speaker, speakerId, ti, role, text] = r.chunk.m[r.i];
      const [day, group, date] = r.chunk.days[dayIdx];
      const th = ti >= 0 ? r.chunk.threads[ti] : null;
      if (f.group && group !== f.group) continue;
      if (f.from && date < f.from) continue;
      if (f.to && date > f.to) continue;
      if (f.speaker && speakerId !== f.speaker) continue;
      if (f.topic && !(th && th[2].includes(f.topic))) continue;
      let rel = 0;
      let matched = 0;
      r.ranges.forEach((rs, k) => {
        if (!rs.length) return;
        matched++;
        rel += idf[k] * (1 + Math.log(rs.length));
      });
      // Score: all-terms first (hundreds), then tf·idf weighted by where the message sits in its thread.
      const score = (matched - 1) * 100 + Math.min(90, rel * (ROLE_WEIGHT[role] ?? 1));
      if (th) threadMeta.set(th[0], { chunk: r.chunk, ti });
      messages.push({
        ord: r.ord, id: `${day}/${seq}`, day, group, date, seq, speaker, speakerId, threadId: th ? th[0] : null, role, text,
        matched, score, ranges: text.length === r.lower.length ? mergeRanges(r.ranges.flat()) : [],
      });
    }
    // Recency breaks ties: a newer discussion first.
    messages.sort((a, b) => b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.ord - b.ord);

    const byThread = new Map<string, MessageHit[]>();
    for (const h of messages) {
      const key = h.threadId ?? `${h.id}`;
      byThread.set(key, [...(byThread.get(key) ?? []), h]);
    }
    const threads: ThreadHit[] = [];
    for (const [threadId, hits] of byThread) {
      const best = hits[0];
      const meta = threadMeta.get(threadId);
      const th = meta ? meta.chunk.threads[meta.ti] : null;
      // More matching messages in a thread lift it a little, never above a better tier.
      const score = best.score + Math.min(9, 2 * Math.log(hits.length));
      threads.push({
        threadId, title: th ? th[1] : '', topics: th ? th[2] : [], day: best.day, group: best.group, date: best.date,
        best, count: hits.length, score, context: [],
      });
    }
    threads.sort((a, b) => b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.best.ord - b.best.ord);
    const limit = opts.limit ?? threads.length;
    const shown = threads.slice(0, limit);
    const around = opts.context ?? 1;
    for (const t of shown) t.context = this.contextOf(t, threadMeta.get(t.threadId), terms, around, m);
    return { terms, messages, threads: shown };
  }

  /** The best message with `around` thread messages on each side, each highlighted. */
  private contextOf(t: ThreadHit, meta: { chunk: DocChunk; ti: number } | undefined, terms: QueryTerm[], around: number, m: Manifest): ContextMessage[] {
    const c = this.chunkOf(t.best.ord, m);
    const base = m.chunks[c];
    const chunk = meta?.chunk;
    if (!chunk) return [{ seq: t.best.seq, speaker: t.best.speaker, text: t.best.text, ranges: t.best.ranges, hit: true }];
    const seqs = chunk.threads[meta.ti][3];
    const k = seqs.indexOf(t.best.seq);
    const out: ContextMessage[] = [];
    // Ordinal of seq s of the best message's day: its ordinal minus the seq distance (days are contiguous).
    for (const s of seqs.slice(Math.max(0, k - around), k + around + 1)) {
      const i = t.best.ord - base + (s - t.best.seq);
      const dm = chunk.m[i];
      if (!dm || dm[1] !== s) continue;
      const lower = normalize(dm[6]);
      const ranges = lower.length === dm[6].length ? mergeRanges(terms.flatMap((q) => termRanges(lower, q))) : [];
      out.push({ seq: s, speaker: dm[2], text: dm[6], ranges, hit: s === t.best.seq });
    }
    return out;
  }
}

/** A window of `text` around its first range, for one-line snippets (the CLI). */
export function snippet(text: string, ranges: [number, number][], width = 80): string {
  const flat = text.replace(/\s/g, ' ');
  const start = ranges.length && flat.length === text.length ? Math.max(0, ranges[0][0] - Math.floor(width / 3)) : 0;
  const s = flat.slice(start, start + width);
  return (start > 0 ? '…' : '') + s + (start + width < flat.length ? '…' : '');
}
