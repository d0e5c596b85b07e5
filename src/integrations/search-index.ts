// Astro integration: builds the search index of the same archive into <outDir>/search/ (manifest, token shards,
// map blocks, text chunks; see src/search/format.ts). The index depends on the archive only, not on the pages, so
// it is built on a worker thread from astro:build:start on (src/node/search-index-thread.ts), into a folder beside
// the output (Vite empties the output folder after build:start), while the main thread bundles and renders pages;
// at astro:build:done its files move into the site. CKA_WORKERS=0 builds it in-thread at build:done instead.
import type { AstroIntegration } from 'astro';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArchive } from '../node/load.ts';
import { buildSearchIndex, type BuildStats } from '../search/build.ts';
import { buildAskIndex } from '../search/ask-build.ts';
import { count, seconds, stage } from '../node/progress.ts';
import { getAskEmbeddings } from '../semantic/ask-embeddings.ts';
import { mirroredImages, mirroredSrc } from '../node/image-mirror.ts';
import { buildIndexInWorker, type IndexOutcome } from '../node/search-index-thread.ts';
import { activeEarlyCompression } from './early-compress.ts';
import { precompressEncodings, precompressSettings } from './precompress.ts';
import { compressReuse } from '../node/compress-reuse.ts';
import type { IndexRequest } from '../node/workers/search-index.ts';

/**
 * What the worker compresses as it writes (./precompress.ts's settings): nothing when precompression or early
 * compression is off; never the files an incremental build takes the previous copies of.
 */
function workerCompression(): IndexRequest['compress'] {
  const encodings = precompressEncodings(process.env.CKA_PRECOMPRESS);
  if (encodings.length === 0 || process.env.CKA_EARLY_COMPRESS === '0') return null;
  const from = process.env.CKA_REUSE_FROM;
  const prefix = 'search/';
  const unchanged = from ? [...compressReuse(from, precompressSettings(encodings)).sourcesUnder(prefix)].map(([rel, src]): [string, string] => [rel.slice(prefix.length), src]) : [];
  return { encodings, unchanged };
}

/** The index's own folders: stale ones of a previous build would be fetched by nobody but still shipped. */
const INDEX_DIRS = ['idx', 'uni', 'docs', 'map', 'head', 'spk', 'topics', 'ask'];

export default function searchIndex(): AstroIntegration {
  let outDir: string | null = null;
  let job: { dir: string; started: number; outcome: Promise<IndexOutcome> } | null = null;
  const dropWorkDir = () => {
    if (job) rmSync(job.dir, { recursive: true, force: true });
  };
  return {
    name: 'cka-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': () => {
        if (process.env.CKA_WORKERS === '0' || !outDir) return;
        // Beside the output folder, so the files move in by rename; removed whatever happens to the build.
        const dir = `${outDir.replace(/[\\/]+$/, '')}.search-${process.pid}`;
        rmSync(dir, { recursive: true, force: true });
        job = { dir, started: performance.now(), outcome: buildIndexInWorker(loadArchive(), dir, mirroredImages(), workerCompression()) };
        process.once('exit', dropWorkDir);
      },
      'astro:build:done': async ({ dir }) => {
        const root = join(fileURLToPath(dir), 'search');
        const early = activeEarlyCompression();
        const emit = (path: string, content: string) => {
          const file = join(root, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, content);
          // Compressed on the thread pool while the index goes on being built (./early-compress.ts).
          early?.offer(file, Buffer.from(content));
        };
        for (const sub of INDEX_DIRS) rmSync(join(root, sub), { recursive: true, force: true });
        const waitStart = performance.now();
        const outcome: IndexOutcome = job ? await job.outcome : { inThread: process.env.CKA_WORKERS === '0' ? 'CKA_WORKERS=0' : 'no output folder known at build start' };
        let stats: BuildStats;
        let where: string;
        if (outcome.inThread === null) {
          // Top-level entries of the worker's folder (manifest.json, idx/, …) replace their namesakes in the site.
          for (const name of readdirSync(outcome.dir)) {
            rmSync(join(root, name), { recursive: true, force: true });
            mkdirSync(root, { recursive: true });
            renameSync(join(outcome.dir, name), join(root, name));
          }
          // The copies the worker made as it wrote, for the precompress pass to take (it checks each file's hash);
          // the other files are the pass's (unchanged ones get the previous build's copies).
          if (early) for (const [f, entry] of outcome.copies) early.adopt(join(root, f), entry);
          stats = outcome.stats;
          where = `, on a worker thread beside the pages, ${count(outcome.copies.length)} compressed there (${seconds(waitStart - job!.started)} after it started; waited ${seconds(performance.now() - waitStart)})`;
        } else {
          stats = await buildSearchIndex(loadArchive(), emit, { mirroredSrc });
          where = job ? `, on the main thread: ${outcome.inThread}` : '';
        }
        dropWorkDir();
        stage('search index', `${count(stats.messages)} messages, ${count(stats.files)} files, ${count(Math.round(stats.bytes.total / 1024))} KiB${where}`, stats.ms);
        // Question search: archive-trained term and thread vectors, BM25 statistics, glossary cards (search/ask/).
        // With a model present, its thread embeddings join (neighbour lists for the browser, vectors for the CLI).
        const archive = loadArchive();
        const ask = buildAskIndex(archive, emit, await getAskEmbeddings(archive));
        const embedded = ask.model ? `, embeddings of ${ask.model}` : ', embeddings off (no model)';
        stage('question index', `${count(ask.terms)} term vectors × ${ask.dim}, ${count(ask.threads)} threads${embedded}, ${count(Math.round(ask.bytes / 1024))} KiB`, ask.ms);
      },
    },
  };
}
