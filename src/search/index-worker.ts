// Worker-thread entry: builds the search index (./build.ts) of an archive the build hands over, writing its files
// under a folder of its own, while the main thread renders pages. One request per worker.
import { parentPort } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Archive } from '../model/types.ts';
import { buildSearchIndex, type BuildStats } from './build.ts';
import { mirroredSrc, setMirroredImages } from '../node/image-mirror.ts';

export interface IndexRequest {
  archive: Archive;
  /** Folder the index files are written under (paths as buildSearchIndex emits them). */
  out: string;
  /** The build's image mirror (URL -> site path), or null when it is off. */
  mirrored: [string, string][] | null;
}

export type IndexReply = { ok: true; stats: BuildStats; files: string[] } | { ok: false; error: string };

parentPort?.once('message', (req: IndexRequest) => {
  setMirroredImages(req.mirrored ? new Map(req.mirrored) : null);
  const files: string[] = [];
  const emit = (path: string, content: string) => {
    const file = join(req.out, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    files.push(path);
  };
  buildSearchIndex(req.archive, emit, { mirroredSrc }).then(
    (stats) => parentPort!.postMessage({ ok: true, stats, files } satisfies IndexReply),
    (e: unknown) => parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies IndexReply),
  );
});
