// The one accessor pages and components read: the archive, its view model, related discussions, glossary pages
// and recurring questions, computed once per process. `astro build` computes it at astro:build:start
// (src/integrations/prepare.ts), so the pages' bundle finds it ready; `astro dev` computes it on the first page.
// Kept on globalThis: the integration and the pages' bundle load this module as two separate instances.
import type { Archive } from '../model/types.ts';
import { loadArchive } from '../node/load.ts';
import { analysisCacheDir } from '../node/analysis-cache.ts';
import { viewModel, type ViewModel } from '../site/model.ts';
import { glossaryPages, type GlossaryPage } from '../site/glossary-page.ts';
import { getRelatedResult, type RelatedItem } from '../semantic/related.ts';
import { recurringQuestions, type FaqEntry } from '../questions/recurring.ts';

export interface SiteView {
  archive: Archive;
  vm: ViewModel;
  /** Thread id or `term:<slug>` -> related threads from other days, best first. */
  related: Map<string, RelatedItem[]>;
  /** Term slug -> its glossary page. */
  glossary: Map<string, GlossaryPage>;
  /** Recurring questions (every question thread, grouped). */
  questions: FaqEntry[];
}

const KEY = Symbol.for('chat-knowledge-archive.site-view');
const PENDING = Symbol.for('chat-knowledge-archive.site-view.pending');
const g = globalThis as Record<symbol, Promise<unknown> | undefined>;

/**
 * The build's prepare step: work it started and did not wait for, which the pages must wait for. A failure surfaces
 * where pages await it, not as an unhandled rejection before the first page.
 */
export function siteViewWaitsFor(work: Promise<unknown>): void {
  work.catch(() => {});
  g[PENDING] = work;
}

async function computeSiteView(): Promise<SiteView> {
  // CKA_ANALYSIS_CACHE=0 turns the on-disk analysis cache off (to time a cold build, or to rule the cache out).
  const archive = loadArchive(undefined, process.env.CKA_ANALYSIS_CACHE === '0' ? {} : { analysisCache: analysisCacheDir() });
  // Each part is a process memo of its own: in a build, prepare.ts has computed (and timed) them all already, or
  // is still computing the last of them (term vectors on a worker thread, then recurring questions).
  await (g[PENDING] as Promise<unknown> | undefined);
  return { archive, vm: viewModel(archive), related: (await getRelatedResult(archive)).related, glossary: glossaryPages(archive), questions: recurringQuestions(archive) };
}

/** What every page reads, computed once per process. */
export function siteView(): Promise<SiteView> {
  return (g[KEY] ??= computeSiteView()) as Promise<SiteView>;
}
