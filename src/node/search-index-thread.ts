// IO edge: the search index built on a worker thread (src/node/workers/search-index.ts) into a folder of its own, while
// the main thread bundles and renders pages; the build moves the files into the site once the pages are written.
// The worker runs the same pure builder over a structured clone of the same archive, so the files are byte for byte
// those of building in-thread. When the worker cannot run or fails, the outcome says why and the build builds
// the index in-thread as before.
import type { Archive } from '../model/types.ts';
import type { BuildStats } from '../search/build.ts';
import type { IndexReply, IndexRequest } from './workers/search-index.ts';
import type { EarlyEntry } from '../integrations/early-compress.ts';
import { requestOnce } from './ts-worker.ts';

export type IndexOutcome =
  | {
      inThread: null;
      stats: BuildStats;
      /** paths under `dir`, as the builder emitted them */
      files: string[];
      /** path -> the compressed copies written beside it */
      copies: [string, EarlyEntry][];
      dir: string;
    }
  | { inThread: string };

export function buildIndexInWorker(
  archive: Archive,
  dir: string,
  mirrored: ReadonlyMap<string, string> | null,
  compress: IndexRequest['compress'] = null,
  worker = new URL('./workers/search-index.ts', import.meta.url),
): Promise<IndexOutcome> {
  const request: IndexRequest = { archive, out: dir, mirrored: mirrored ? [...mirrored] : null, compress };
  return requestOnce<IndexReply>(worker, request).then((r): IndexOutcome => {
    if (!('reply' in r)) return { inThread: r.failed };
    const reply = r.reply;
    return reply.ok ? { inThread: null, stats: reply.stats, files: reply.files, copies: reply.copies, dir } : { inThread: `the worker failed: ${reply.error.split('\n')[0]}` };
  });
}
