// Worker-thread entry: builds the search index (src/search/build.ts) of an archive the build hands over, writing its files
// under a folder of its own, while the main thread renders pages. One request per worker.
import { parentPort } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { compressBody, worthCompressing, type Encoding } from '../../integrations/precompress.ts';
import { startEarlyCompression, type EarlyEntry } from '../../integrations/early-compress.ts';
import { dirname, join, relative } from 'node:path';
import type { Archive } from '../../model/types.ts';
import { buildSearchIndex, type BuildStats } from '../../search/build.ts';
import { mirroredSrc, setMirroredImages } from '../image-mirror.ts';

export interface IndexRequest {
  archive: Archive;
  /** Folder the index files are written under (paths as buildSearchIndex emits them). */
  out: string;
  /** The build's image mirror (URL -> site path), or null when it is off. */
  mirrored: [string, string][] | null;
  /**
   * Compress each file as it is written, with the build's own settings (the precompress pass then takes the
   * copies, as it takes those made while pages render), except files whose bytes the previous build's copies were
   * made from (`unchanged`: path -> sha-256), which the pass takes from that build. null: no compression here.
   */
  compress: { encodings: Encoding[]; unchanged: [string, string][] } | null;
}

export type IndexReply = { ok: true; stats: BuildStats; files: string[]; copies: [string, EarlyEntry][] } | { ok: false; error: string };

parentPort?.once('message', (req: IndexRequest) => {
  setMirroredImages(req.mirrored ? new Map(req.mirrored) : null);
  const files: string[] = [];
  const unchanged = new Map(req.compress?.unchanged ?? []);
  // The build's own queue of compressions (bounded in count and bytes), over this thread's folder: an unchanged
  // file of an incremental build is left to the pass, which takes the previous copies.
  const early = req.compress
    ? startEarlyCompression(req.out, {
      accept: (f, size) => worthCompressing(f, size),
      compress: (b) => compressBody(b, req.compress!.encodings),
      skip: (f, src) => unchanged.get(relative(req.out, f)) === src,
    })
    : null;
  const emit = (path: string, content: string) => {
    const file = join(req.out, path);
    mkdirSync(dirname(file), { recursive: true });
    const body = Buffer.from(content);
    writeFileSync(file, body);
    files.push(path);
    // On zlib's thread pool while the index goes on being built.
    early?.offer(file, body);
  };
  buildSearchIndex(req.archive, emit, { mirroredSrc }).then(
    async (stats) => {
      await early?.finish();
      const copies = (early?.copies() ?? []).map(([f, e]): [string, EarlyEntry] => [relative(req.out, f), e]);
      parentPort!.postMessage({ ok: true, stats, files, copies } satisfies IndexReply);
    },
    (e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies IndexReply),
  );
});
