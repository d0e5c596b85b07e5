// Astro integration: the analysis every page reads is computed at one known step of the build, astro:build:start
// (before Vite bundles and pages render), not on whichever component happens to render first. The results live in
// process-wide memos (src/pipeline/process-memo.ts), so the pages' bundle finds them ready and only reads them:
// the archive, the view model, related discussions, glossary pages, the archive's term vectors and the recurring
// questions. Pages read them through siteView() (./site-view.ts) only; `astro dev` skips this hook and siteView()
// computes them on the first page.
import type { AstroIntegration } from 'astro';
import { loadArchive } from '../node/load.ts';
import { analysisCacheDir, recordBuildCodeVersion } from '../node/analysis-cache.ts';
import { count, timed } from '../node/progress.ts';
import { viewModel } from '../site/model.ts';
import { glossaryPages } from '../site/glossary-page.ts';
import { getRelatedResult } from '../semantic/related.ts';
import { archiveVectors } from '../search/ask-build.ts';
import { recurringQuestions } from '../questions/recurring.ts';
import { getAskEmbeddings } from '../semantic/ask-embeddings.ts';
import { siteView } from './site-view.ts';

/** Everything pages read, computed once; resolves when related discussions are ready. */
export async function prepareSite(): Promise<void> {
  // Page reuse (src/node/page-reuse.ts) keys pages on it; computed here, where the source path is known.
  recordBuildCodeVersion();
  // CKA_ANALYSIS_CACHE=0 turns the on-disk analysis cache off (to time a cold build, or to rule the cache out).
  const archive = loadArchive(undefined, process.env.CKA_ANALYSIS_CACHE === '0' ? {} : { analysisCache: analysisCacheDir() });
  timed('view model', () => viewModel(archive), (vm) => `${count(vm.listedThreads.length)} listed threads`);
  await getRelatedResult(archive);
  timed('glossary', () => glossaryPages(archive), (p) => `${count(p.size)} term pages`);
  timed('term vectors', () => archiveVectors(archive), (v) => `${count(v.vectors.terms.length)} terms × ${v.vectors.dim}`);
  // The model's embeddings (when present) are a signal of the recurring-question grouping and join the question index.
  await getAskEmbeddings(archive);
  timed('questions', () => recurringQuestions(archive), (e) => `${count(e.filter((x) => x.days > 1).length)} recurring of ${count(e.length)}`);
  // What pages read (src/integrations/site-view.ts), assembled from the memos above.
  await siteView();
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
