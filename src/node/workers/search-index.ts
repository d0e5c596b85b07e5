// Worker-thread entry: builds the search index (src/search/build.ts) of an archive the build hands over, writing its files
// under a folder of its own, while the main thread renders pages. One request per worker.
import { parentPort } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { sha256 } from '../build-manifest.ts';
import { compressBody, worthCompressing, type Encoding } from '../../integrations/precompress.ts';
import type { EarlyEntry } from '../../integrations/early-compress.ts';
import { dirname, join } from 'node:path';
import type { Archive } from '../../model/types.ts';
import { buildSearchIndex, type BuildStats } from '../../search/build.ts';
import { mirroredSrc, setMirroredImages } from '../image-mirror.ts';

/** Compressions in flight at once (see emit). */
const COMPRESSIONS = 2;

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
  const copies: [string, EarlyEntry][] = [];
  const copy = async (file: string, b: Buffer | null) => {
    if (!b) return null;
    await writeFile(file, b);
    return { bytes: b.length, hash: sha256(b) };
  };
  // A few compressions at a time: each holds a zlib stream (a brotli one takes megabytes), and the index emits tens
  // of thousands of files faster than they compress; the bodies wait in the queue.
  const queue: { path: string; file: string; body: Buffer; src: string }[] = [];
  let running = 0;
  let drained: (() => void) | null = null;
  const pump = () => {
    while (running < COMPRESSIONS && queue.length > 0) {
      const job = queue.shift()!;
      running++;
      compressBody(job.body, req.compress!.encodings)
        .then(async ({ gz, br }) => copies.push([job.path, { src: job.src, gz: await copy(`${job.file}.gz`, gz), br: await copy(`${job.file}.br`, br) }]))
        // A copy that failed is the precompress pass's to make.
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
          if (running === 0 && queue.length === 0) drained?.();
        });
    }
  };
  const allCompressed = () => (running === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((r) => (drained = r)));
  const emit = (path: string, content: string) => {
    const file = join(req.out, path);
    mkdirSync(dirname(file), { recursive: true });
    const body = Buffer.from(content);
    writeFileSync(file, body);
    files.push(path);
    if (!req.compress || !worthCompressing(file, body.length)) return;
    const src = sha256(body);
    // On zlib's thread pool while the index goes on being built.
    if (unchanged.get(path) !== src) {
      queue.push({ path, file, body, src });
      pump();
    }
  };
  buildSearchIndex(req.archive, emit, { mirroredSrc }).then(
    async (stats) => {
      await allCompressed();
      parentPort!.postMessage({ ok: true, stats, files, copies } satisfies IndexReply);
    },
    (e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies IndexReply),
  );
});
