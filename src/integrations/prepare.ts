// Astro integration: the analysis every page reads is computed at one known step of the build, astro:build:start
// (before Vite bundles and pages render), not on whichever component happens to render first. The results live in
// process-wide memos (src/pipeline/process-memo.ts), so the pages' bundle finds them ready and only reads them:
// the archive, the view model, related discussions, glossary pages, the archive's term vectors and the recurring
// questions. Pages read them through siteView() (./site-view.ts) only; `astro dev` skips this hook and siteView()
// computes them on the first page.
import type { AstroIntegration } from 'astro';
import { loadArchive } from '../node/load.ts';
import { analysisCacheDir, recordBuildCodeVersion } from '../node/analysis-cache.ts';
import { count, stage, timed } from '../node/progress.ts';
import { viewModel } from '../site/model.ts';
import { glossaryPages } from '../site/glossary-page.ts';
import { getRelatedResult } from '../semantic/related.ts';
import { archiveVectorsAsync } from '../search/ask-build.ts';
import { trainInWorker } from '../node/vectors-thread.ts';
import { trainTermVectors } from '../semantic/vectors.ts';
import type { Archive } from '../model/types.ts';
import { recurringQuestions } from '../questions/recurring.ts';
import { getAskEmbeddings } from '../semantic/ask-embeddings.ts';
import { siteViewWaitsFor } from './site-view.ts';

/** Everything pages read, computed once; resolves when all but the term vectors and recurring questions are ready. */
export async function prepareSite(): Promise<void> {
  // Page reuse (src/node/page-reuse.ts) keys pages on it; computed here, where the source path is known.
  recordBuildCodeVersion();
  // CKA_ANALYSIS_CACHE=0 turns the on-disk analysis cache off (to time a cold build, or to rule the cache out).
  // CKA_WORKERS=0 keeps every analysis on the main thread (to time it, or to rule the workers out).
  const workers = process.env.CKA_WORKERS !== '0';
  const archive = loadArchive(undefined, { ...(process.env.CKA_ANALYSIS_CACHE === '0' ? {} : { analysisCache: analysisCacheDir() }), workerThreads: workers });
  const vectors = startTermVectors(archive, workers);
  timed('view model', () => viewModel(archive), (vm) => `${count(vm.listedThreads.length)} listed threads`);
  await getRelatedResult(archive);
  timed('glossary', () => glossaryPages(archive), (p) => `${count(p.size)} term pages`);
  // The model's embeddings (when present) are a signal of the recurring-question grouping and join the question index.
  await getAskEmbeddings(archive);
  // Recurring questions read the term vectors; they are grouped as soon as the vectors arrive, while Vite bundles
  // the pages, and the pages wait for them (siteView).
  // The hook returns without waiting: pages wait in siteView() for what is still running.
  siteViewWaitsFor(vectors.then(() => timed('questions', () => recurringQuestions(archive), (e) => `${count(e.filter((x) => x.days > 1).length)} recurring of ${count(e.length)}`)));
}

/**
 * The archive's term vectors, trained on a worker thread (src/node/vectors-thread.ts) while this thread computes
 * related discussions and glossary pages and Vite bundles: on two cores, the build's longest analysis no longer
 * holds up everything after it.
 */
function startTermVectors(archive: Archive, workers: boolean): Promise<unknown> {
  const t = performance.now();
  let where = 'on a worker thread';
  return archiveVectorsAsync(archive, (docs, opts) => (workers ? trainInWorker(docs, opts) : Promise.resolve({ vectors: trainTermVectors(docs, opts), inThread: 'CKA_WORKERS=0' })).then((r) => {
    if (r.inThread) where = `on the main thread: ${r.inThread}`;
    return r.vectors;
  })).then((v) => stage('term vectors', `${count(v.vectors.terms.length)} terms × ${v.vectors.dim}, ${where}`, performance.now() - t));
}

export default function prepare(): AstroIntegration {
  return {
    name: 'cka-prepare',
    hooks: {
      'astro:build:start': async () => {
        await prepareSite();
      },
    },
  };
}
