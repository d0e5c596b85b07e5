// Result heads, head/<n>.json: the first pages of the answer to a one-term query, precomputed by the builder
// (src/search/head-build.ts) for every term common enough that its postings and the map blocks of all its matches
// would outgrow a first search's download (issue 11 item 7: at most 50 KiB at any archive size). The one module
// that writes and reads them.
//
// A head is the exact answer the client computes from the full postings, cut to its first `headThreads` threads, in
// result order (the ranking of src/search/rank-terms.ts, alias threads after, as src/search/ask.ts merges them), with
// the exact totals. So a first search needs the head shard, the map blocks and text of the threads it shows, never
// the term's postings; a page beyond the head, or a filter, takes the full postings (exact either way).
//
//   { "<term text>": [messages, threads, exact threads, [alias texts], ord, matched, messageScore, threadScore, count, ord, …] }
import { hash, type Manifest } from './format.ts';

/** One thread of a head: its best message's ordinal, matched terms and score, the thread's score and match count. */
export interface HeadThread {
  ord: number;
  matched: number;
  messageScore: number;
  threadScore: number;
  count: number;
}

export interface Head {
  /** Messages matching in all (what the full answer's `messages.length` is). */
  messages: number;
  /** Threads in all. */
  threads: number;
  /** Threads holding the term itself; they come first, the threads found through its aliases after. */
  exactThreads: number;
  /** The other names of the glossary entry whose threads the answer includes (for highlighting their matches). */
  aliases: string[];
  /** The first threads, in result order. */
  top: HeadThread[];
}

const FIELDS = 5;

export function writeHeadShard(entries: readonly [text: string, head: Head][]): string {
  // No prototype: a chat token such as `__proto__` is a key like any other.
  const out: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const [text, h] of entries) {
    const row: unknown[] = [h.messages, h.threads, h.exactThreads, h.aliases];
    for (const t of h.top) row.push(t.ord, t.matched, t.messageScore, t.threadScore, t.count);
    out[text] = row;
  }
  return JSON.stringify(out);
}

/** A parsed head shard: the head of a term text, if the builder wrote one. */
export function readHeadShard(text: string): (term: string) => Head | undefined {
  const raw = JSON.parse(text) as Record<string, unknown[]>;
  return (term) => {
    if (!Object.hasOwn(raw, term)) return undefined;
    const row = raw[term]!;
    const top: HeadThread[] = [];
    for (let i = 4; i + FIELDS <= row.length; i += FIELDS) {
      const [ord, matched, messageScore, threadScore, count] = row.slice(i, i + FIELDS) as number[];
      top.push({ ord: ord!, matched: matched!, messageScore: messageScore!, threadScore: threadScore!, count: count! });
    }
    return { messages: row[0] as number, threads: row[1] as number, exactThreads: row[2] as number, aliases: row[3] as string[], top };
  };
}

export const headPath = (term: string, m: Pick<Manifest, 'headShards'>): string => `head/${hash(term) % (m.headShards ?? 1)}.json`;
