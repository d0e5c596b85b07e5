// Astro integration: after the pages are written, builds the search index of the same archive into
// <outDir>/search/ (manifest, token shards, map blocks, text chunks; see src/search/format.ts).
import type { AstroIntegration } from 'astro';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadArchive } from '../node/load.ts';
import { buildSearchIndex } from '../search/build.ts';
import { buildAskIndex } from '../search/ask-build.ts';
import { count, stage } from '../node/progress.ts';
import { getAskEmbeddings } from '../semantic/ask-embeddings.ts';
import { mirroredSrc } from '../node/image-mirror.ts';
import { activeEarlyCompression } from './early-compress.ts';

export default function searchIndex(): AstroIntegration {
  return {
    name: 'cka-search-index',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = join(fileURLToPath(dir), 'search');
        const early = activeEarlyCompression();
        // Stale shards of a previous build would be fetched by nobody but still shipped.
        for (const sub of ['idx', 'uni', 'docs', 'map', 'head', 'spk', 'topics', 'ask']) rmSync(join(root, sub), { recursive: true, force: true });
        const emit = (path: string, content: string) => {
          const file = join(root, path);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, content);
          // Compressed on the thread pool while the index goes on being built (./early-compress.ts).
          early?.offer(file, Buffer.from(content));
        };
        const stats = await buildSearchIndex(loadArchive(), emit, { mirroredSrc });
        stage('search index', `${count(stats.messages)} messages, ${count(stats.files)} files, ${count(Math.round(stats.bytes.total / 1024))} KiB`, stats.ms);
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
