// Incremental precompression: a text asset whose bytes are identical to the same file of the previous build gets
// that build's .gz and .br copied instead of compressed again (most of an incremental build's search shards, list
// pages and assets are unchanged; compressing them was the largest cost left after page reuse).
//
// Sound by construction, never by trust in the old folder: the manifest (in the cache folder, keyed by the target
// folder like the page manifest) records per file the sha-256 of the source bytes and of each compressed copy, and
// the compression settings with the zlib and brotli versions that made them. A copy is taken only when the new
// file's hash equals the recorded source hash, the settings are the same, and the previous copy's hash equals the
// recorded one; anything else is compressed afresh. So an incremental build writes exactly the bytes a clean one does.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildManifestPath, sha256 } from './build-manifest.ts';

const FORMAT = 1;

/** sha-256 (hex) of a file's bytes, and of its .gz and .br copy (null: no copy, it would not have been smaller). */
export interface CompressRecord {
  src: string;
  gz: string | null;
  br: string | null;
}

interface CompressManifest {
  format: number;
  settings: string;
  files: Record<string, CompressRecord>;
}


export const compressManifestPath = (target: string, env: NodeJS.ProcessEnv = process.env): string => buildManifestPath('compress', target, env);

/** What a compressed copy depends on besides the bytes: the settings and the compressor versions. */
export const compressSettings = (s: Record<string, number>): string =>
  JSON.stringify({ ...s, zlib: process.versions.zlib, brotli: process.versions.brotli ?? null });

export interface CompressReuse {
  /** The previous copies of `rel` when its bytes (sha-256 `src`) are those they were made from; null otherwise. */
  previous(rel: string, src: string): Promise<{ gz: Buffer | null; br: Buffer | null } | null>;
  /** Whether the manifest has copies of `rel` made from bytes of sha-256 `src` (previous() may still refuse them). */
  recorded(rel: string, src: string): boolean;
  /** The recorded source hashes of the files under `prefix` (a worker thread that compresses decides by them). */
  sourcesUnder(prefix: string): Map<string, string>;
  /** Records what this build wrote for `rel`. */
  record(rel: string, rec: CompressRecord): void;
  /** Writes this build's manifest (only the files recorded in this build). */
  save(): void;
}

/**
 * Reuse from `from` (the folder being replaced) for a build whose output will take its place; `settings` as made by
 * compressSettings. With no previous manifest nothing is reused, but this build's manifest is still written.
 */
export function compressReuse(from: string, settings: string, env: NodeJS.ProcessEnv = process.env): CompressReuse {
  const path = compressManifestPath(from, env);
  let prev: CompressManifest | null = null;
  if (existsSync(path)) {
    try {
      const m = JSON.parse(readFileSync(path, 'utf8')) as CompressManifest;
      if (m.format === FORMAT && m.settings === settings) prev = m;
    } catch {
      prev = null; // an unreadable manifest only costs compression
    }
  }
  const files: Record<string, CompressRecord> = {};
  const copyOf = async (rel: string, hash: string | null): Promise<Buffer | null | undefined> => {
    if (hash === null) return null;
    try {
      const b = await readFile(join(from, rel));
      return sha256(b) === hash ? b : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async previous(rel, src) {
      const rec = prev?.files[rel];
      if (!rec || rec.src !== src) return null;
      const gz = await copyOf(`${rel}.gz`, rec.gz);
      const br = await copyOf(`${rel}.br`, rec.br);
      if (gz === undefined || br === undefined) return null;
      return { gz, br };
    },
    recorded(rel, src) {
      return prev?.files[rel]?.src === src;
    },
    sourcesUnder(prefix) {
      return new Map(Object.entries(prev?.files ?? {}).filter(([rel]) => rel.startsWith(prefix)).map(([rel, r]) => [rel, r.src]));
    },
    record(rel, rec) {
      files[rel] = rec;
    },
    save() {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, settings, files } satisfies CompressManifest));
      renameSync(tmp, path);
    },
  };
}
