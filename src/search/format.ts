// The files of the search index under <site>/search/, shared by the builder (Node) and the client (browser
// and CLI). Everything is JSON so that a static server and `fetch` are all the client needs. A first query
// fetches the manifest, the token shards of its terms, the map blocks of the messages it matches, and the
// text chunks of the results on screen (plus their context) — never the text of every match.
//
//   manifest.json        small: shard counts, map block boundaries, vocabulary, facets for suggestions
//   idx/<n>.json         postings of the tokens hashing to shard n (bigrams, Latin words, terms; src/search/shard.ts)
//   uni/<n>.json         the same for lone CJK characters (only queries with a lone CJK character load these)
//   map/<b>.json         per message of a block of ordinals: day, seq, thread, role (what ranking and the
//                        group/date filters need)
//   docs/<b>/<k>.json    text, spans and speaker of `chunkMessages` consecutive messages (the k-th run of the block),
//                        and their threads' titles: a fixed count, so no boundaries need to be downloaded
//   head/<n>.json        the first pages of the exact answer to a common one-term query, with its totals
//                        (src/search/heads.ts): a first search for a common term loads this, not its postings
//   spk/<n>.json         message ordinals per speaker (loaded by the speaker filter only)
//   topics/<slug>.json   thread numbers of a topic (loaded by the topic filter only)
//   facets.json          speakers for the filter (loaded by the page, not by a query)
//
// Postings: an id is `ord * POS + offset` (POS = 1024), the message ordinal and where the token starts in the
// normalized text (offsets from POS - 1 on are stored as POS - 1, "far"). So one lookup gives both which
// messages hold a token, how often (term frequency) and where (a longer term's tokens side by side).

import type { PagePlan } from '../site/pagination.ts';
import type { DocSpan } from './doc-segments.ts';

// 5: result heads (head/), so a first search for a common term does not grow with the archive.
export const FORMAT_VERSION = 5;
/** Offsets per message in a posting id; the last one means "at POS - 1 or beyond". */
export const POS = 1024;

export interface Manifest {
  version: number;
  messageCount: number;
  threadCount: number;
  shards: number;
  unigramShards: number;
  speakerShards: number;
  /** Head shards (src/search/heads.ts); 0: no heads, every query reads the postings. */
  headShards: number;
  /** Threads a head holds (a multiple of the search page's 10): a longer answer reads the postings. */
  headThreads: number;
  /** First message ordinal of each map block; block b holds [blocks[b], blocks[b+1]) (last: up to messageCount). */
  blocks: number[];
  /** Messages per docs chunk (blocks hold a multiple of it). */
  chunkMessages: number;
  /** Glossary terms and aliases, kept whole by the tokenizer. */
  vocabulary: string[];
  terms: { slug: string; term: string; aliases: string[] }[];
  groups: { slug: string; name: string }[];
  topics: { slug: string; name: string }[];
  /** [first, last] date of the archive. */
  dates: [string, string];
  /** Busy days and long threads cut into parts (src/site/pagination.ts), so result links reach the right part. */
  pages?: PagePlan;
}

/** Role of a message in its thread; ranking weighs questions, then answers. */
export const ROLE_OTHER = 0;
export const ROLE_QUESTION = 1;
export const ROLE_ANSWER = 2;

/**
 * A day within a map block: [day id (`<group>/<date>`), seq of its first message, global number of its first
 * thread, codes, explicit seqs when they are not consecutive]. The day's messages are consecutive ordinals; the
 * block's first day may have started in the previous block (its first ordinal is then given in `firstOrd`).
 * `codes` has one character per message (encodeThreadCodes): its thread, as a place in the day's list of threads
 * by most recent message, and its role. Threads are numbered within the day in order of their first message.
 */
export type MapDay = [string, number, number, string, number[]?];

export interface MapBlock {
  /** Ordinal of the first message of `days[0]` (may precede the block's first ordinal). */
  firstOrd: number;
  days: MapDay[];
}

/**
 * [speaker display name, speaker id, text, spans]: spans say where the text holds links, mentions, emoji and images
 * (src/search/doc-segments.ts), so results draw the message as its page does; left out for plain text.
 */
export type DocMessage = [string, string, string, DocSpan[]?];

export interface DocChunk {
  first: number;
  m: DocMessage[];
  /** Global thread number -> [title, topic slugs], for the threads with a message in the chunk. */
  t: Record<string, [string, string[]]>;
}

export interface Facets {
  /** [speaker id, name, message count], most active first. */
  speakers: [string, string, number][];
}

const CODE_BASE = 0x23; // after '"', so most codes are one plain ASCII byte in JSON
export const codeChar = (v: number): string => {
  if (v + CODE_BASE >= 0xd800) throw new Error(`too many threads in one day for the map code (${v})`);
  return String.fromCharCode(v + CODE_BASE);
};
export const codeValue = (s: string, i: number): number => s.charCodeAt(i) - CODE_BASE;

/**
 * Thread and role of each message of a day, one character each: `codeChar(v * 3 + role)` where v is 0 for no
 * thread, 1 for a thread's first message, else 2 + the thread's place among the day's threads ordered by their
 * latest message. Chat interleaves a few live threads, so v is small: one ASCII byte that repeats (a thread's own
 * index would pass 30 on a busy day and take two or three UTF-8 bytes), which halves the map a common term loads.
 * `threads[i]` is the thread index within the day (-1: none); new threads must come in order 0, 1, 2 …
 */
export function encodeThreadCodes(threads: readonly number[], roles: readonly number[]): string {
  const recent: number[] = [];
  let next = 0;
  let out = '';
  threads.forEach((ti, i) => {
    let v = 0;
    if (ti >= 0) {
      if (ti === next) {
        next++;
        v = 1;
      } else {
        const at = recent.indexOf(ti);
        if (at < 0) throw new Error(`thread ${ti} is neither new (${next}) nor seen before`);
        recent.splice(at, 1);
        v = at + 2;
      }
      recent.unshift(ti);
    }
    out += codeChar(v * 3 + roles[i]!);
  });
  return out;
}

/** The inverse of encodeThreadCodes: thread index within the day (-1: none) and role per message. */
export function decodeThreadCodes(codes: string): { thread: Int32Array; role: Uint8Array } {
  const thread = new Int32Array(codes.length);
  const role = new Uint8Array(codes.length);
  const recent: number[] = [];
  let next = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codeValue(codes, i);
    const v = Math.floor(c / 3);
    role[i] = c % 3;
    let ti = -1;
    if (v === 1) ti = next++;
    else if (v >= 2) {
      ti = recent[v - 2]!;
      recent.splice(v - 2, 1);
    }
    if (ti >= 0) recent.unshift(ti);
    thread[i] = ti;
  }
  return { thread, role };
}

/** FNV-1a over UTF-16 units: a fast, stable hash that the builder and the client compute alike. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardPath(token: string, m: Pick<Manifest, 'shards' | 'unigramShards'>, unigram: boolean): string {
  return unigram ? `uni/${hash(token) % m.unigramShards}.json` : `idx/${hash(token) % m.shards}.json`;
}

export const speakerPath = (id: string, m: Pick<Manifest, 'speakerShards'>): string => `spk/${hash(id) % m.speakerShards}.json`;
