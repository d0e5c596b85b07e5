// The whole bundled archive (content/ = the real 719 days) analysed through the analysis cache that the one
// whole-archive site build (test/archive-setup.ts) fills: a test that needs the Archive reads parsed days and threads
// the build already made instead of disentangling 123,706 messages again (the cache is keyed by content and code, and
// a warm cache gives the same Archive as none: test/node/analysis-cache.test.ts). Run alone, a test fills it itself.
import { join } from 'node:path';
import { loadArchive } from '../../src/node/load.ts';
import type { Archive } from '../../src/model/types.ts';
import { ARCHIVE_SITE } from './archive-site.ts';
import { ROOT } from './site.ts';

/** The analysis cache of the whole-archive site build (its CKA_CACHE_DIR + /analysis). */
export const WHOLE_ARCHIVE_ANALYSIS = join(`${ARCHIVE_SITE}.cache`, 'analysis');

/** The Archive of `content` (default: the project's content/), once per test process. */
export function wholeArchive(content = join(ROOT, 'content')): Archive {
  return loadArchive(content, { analysisCache: WHOLE_ARCHIVE_ANALYSIS });
}
