// Embedding cache keyed by content hash: sha256(embedder id + text). A rebuild after one new day finds every
// other thread's vector here and embeds only the new threads. One JSON file per embedder id.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Embedder } from './embedder.ts';

export function contentHash(embedderId: string, text: string): string {
  return createHash('sha256').update(embedderId).update('\n').update(text).digest('hex');
}

export interface EmbedStats {
  total: number;
  cached: number;
  embedded: number;
}

/** Embeds texts through the cache; returns vectors in input order. */
export async function embedCached(embedder: Embedder, texts: string[], cacheDir: string): Promise<{ vectors: Float32Array[]; stats: EmbedStats }> {
  const file = join(cacheDir, `${createHash('sha256').update(embedder.id).digest('hex').slice(0, 16)}.json`);
  let store: Record<string, string> = {};
  if (existsSync(file)) {
    try {
      store = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      store = {}; // a corrupt cache is only a slower build
    }
  }
  const keys = texts.map((t) => contentHash(embedder.id, t));
  const missing = [...new Set(keys.map((k, i) => (store[k] ? -1 : i)).filter((i) => i >= 0).map((i) => keys[i]))];
  const firstIndex = new Map<string, number>();
  keys.forEach((k, i) => firstIndex.has(k) || firstIndex.set(k, i));
  if (missing.length) {
    const fresh = await embedder.embed(missing.map((k) => texts[firstIndex.get(k!)!]!));
    missing.forEach((k, i) => (store[k!] = Buffer.from(fresh[i]!.buffer, fresh[i]!.byteOffset, fresh[i]!.byteLength).toString('base64')));
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(store));
    renameSync(`${file}.tmp`, file); // never leave a half-written cache behind
  }
  const vectors = keys.map((k) => {
    const b = Buffer.from(store[k]!, 'base64');
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  });
  return { vectors, stats: { total: texts.length, cached: texts.length - missing.length, embedded: missing.length } };
}
