// The files of question search under <site>/search/ask/, written by ask-build.ts and read by ask.ts. Kept apart
// from the term index (format.ts) so that either can change its layout without touching the other.
//
//   ask/meta.json        small: vector size and shard counts, thread statistics for BM25, the glossary's related
//                        terms and one-line definitions (the card), loaded by every search
//   ask/tok/<n>.json     term -> [int8 vector (base64), messages containing it], terms hashing to shard n
//   ask/thr/<b>.json     int8 vectors (base64) of threads b·THREAD_BLOCK … (global thread numbers, as in map/)
//   ask/faq.json         recurring questions: [id, title, thread numbers] (loaded by an empty result only)
//   ask/nb/<b>.json      only with a model: per thread, its embedding neighbours [tno, heading ordinal, sim×1000, …]
//   ask/emb/<b>.json     only with a model: per thread, [heading ordinal, int8 embedding (base64)] or null (CLI)
import { hash } from './format.ts';

export const ASK_VERSION = 1;

export interface AskMeta {
  version: number;
  dim: number;
  tokenShards: number;
  threadBlock: number;
  /** Threads (global numbering of map/). */
  threads: number;
  /** Mean thread length in messages (BM25 length normalization). */
  avgLength: number;
  /** Messages the term vectors were counted over (their idf). */
  docs: number;
  /** Glossary slug -> related slugs. */
  related: Record<string, string[]>;
  /** Glossary slug -> the definition's first sentence, plain text. */
  cards: Record<string, string>;
  /** The transformers.js model (embedder id) whose thread embeddings the index carries; null: none. */
  model: string | null;
  /** Layout of the embedding files; absent without a model (the files are then byte-identical to a model-less build). */
  embedding?: AskEmbedding;
}

export interface AskEmbedding {
  dim: number;
  /** Neighbours listed per thread. */
  neighbours: number;
  neighbourBlock: number;
  vectorBlock: number;
}

/** One thread's neighbours: [thread number, heading ordinal, similarity × 1000] repeated. */
export type NeighbourList = number[];
/** [heading ordinal, int8 embedding] or null (a thread too short to embed). */
export type ThreadEmbedding = [number, string] | null;

/** [vector, message df] */
export type TokenEntry = [string, number];

export const tokenShardPath = (term: string, m: Pick<AskMeta, 'tokenShards'>) => `ask/tok/${hash(term) % m.tokenShards}.json`;
export const threadBlockPath = (tno: number, m: Pick<AskMeta, 'threadBlock'>) => `ask/thr/${Math.floor(tno / m.threadBlock)}.json`;

export const neighbourBlockPath = (tno: number, e: Pick<AskEmbedding, 'neighbourBlock'>) => `ask/nb/${Math.floor(tno / e.neighbourBlock)}.json`;
export const vectorBlockPath = (tno: number, e: Pick<AskEmbedding, 'vectorBlock'>) => `ask/emb/${Math.floor(tno / e.vectorBlock)}.json`;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** int8 bytes -> base64 (no Buffer/atob: the same code runs in Node and the browser). */
export function encodeInt8(v: Int8Array): string {
  const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? B64[n & 63]! : '=');
  }
  return out;
}

export function decodeInt8(s: string): Int8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (B64.indexOf(clean[i]!) << 18) | (B64.indexOf(clean[i + 1] ?? 'A') << 12) | (B64.indexOf(clean[i + 2] ?? 'A') << 6) | B64.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return new Int8Array(out.buffer);
}
