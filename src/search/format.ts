// The files of the search index under <site>/search/, shared by the builder (Node) and the client (browser
// and CLI). Everything is JSON so that a static server and `fetch` are all the client needs.
//
//   manifest.json        small: shard counts, chunk boundaries, vocabulary, facets for suggestions
//   idx/<n>.json         FlexSearch export of the tokens hashing to shard n (bigrams, Latin words, terms)
//   uni/<n>.json         the same for lone CJK characters (only one-character queries load these)
//   docs/<n>.json        a chunk of whole days: message texts and metadata, their threads
//   facets.json          speakers for the filter (loaded by the page, not by a query)

export const FORMAT_VERSION = 1;
/** Joins a document's tokens for FlexSearch; never occurs inside a token. */
export const TOKEN_SEP = '\u001f';

export interface Manifest {
  version: number;
  messageCount: number;
  threadCount: number;
  shards: number;
  unigramShards: number;
  /** First message ordinal of each docs chunk; chunk i holds [chunks[i], chunks[i+1]) (last: up to messageCount). */
  chunks: number[];
  /** Glossary terms and aliases, kept whole by the tokenizer. */
  vocabulary: string[];
  terms: { slug: string; term: string; aliases: string[] }[];
  groups: { slug: string; name: string }[];
  topics: { slug: string; name: string }[];
  /** [first, last] date of the archive. */
  dates: [string, string];
}

/** Role of a message in its thread; ranking weighs questions, then answers. */
export const ROLE_OTHER = 0;
export const ROLE_QUESTION = 1;
export const ROLE_ANSWER = 2;

/** [day index in chunk, seq, speaker display name, speaker id, thread index in chunk (-1: none), role, text] */
export type DocMessage = [number, number, string, string, number, number, string];

export interface DocChunk {
  /** [day id, group, date] */
  days: [string, string, string][];
  /** [thread id, title, topic slugs, message seqs] */
  threads: [string, string, string[], number[]][];
  /** One per message ordinal of the chunk, in order. */
  m: DocMessage[];
}

export interface Facets {
  /** [speaker id, name, message count], most active first. */
  speakers: [string, string, number][];
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
