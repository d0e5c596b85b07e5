// The one build of the whole bundled archive (content/ = the real 719 days), for the few tests that need the real
// scale: download budgets, every day page, quiet days, links. test/archive-setup.ts starts it in the background when
// the run includes a test of test/archive/, so the rest of the suite runs while it builds; those tests wait for it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './site.ts';

/** Where the whole-archive site is built. */
export const ARCHIVE_SITE = join(ROOT, '.test-sites/archive');
/** Written when the background build ends: `{ status, seconds }`. */
export const ARCHIVE_STATUS = `${ARCHIVE_SITE}.status.json`;
/** The build's output, for the error a failed build reports. */
export const ARCHIVE_LOG = `${ARCHIVE_SITE}.log`;
/** Written when the background build starts (and removed with the old status), so a test knows one is coming. */
export const ARCHIVE_STARTED = `${ARCHIVE_SITE}.started`;

/**
 * The content folder the whole-archive site is built from: content/, or with CKA_ARCHIVE_SITE the folder named by
 * CKA_ARCHIVE_CONTENT (to check these tests on a small site, e.g. a few days with quiet ones among them).
 */
export const archiveContentDir = (): string => (process.env.CKA_ARCHIVE_SITE && process.env.CKA_ARCHIVE_CONTENT) || join(ROOT, 'content');

/** Whether this run builds (or was given) the whole-archive site. */
export function archiveSiteExpected(): boolean {
  if (process.env.CKA_ARCHIVE_SITE) return true;
  return process.env.CKA_SKIP_SITE_BUILD !== '1' && (existsSync(ARCHIVE_STARTED) || existsSync(ARCHIVE_STATUS));
}

/**
 * The whole-archive site's folder once it is built. `CKA_ARCHIVE_SITE=<dir>` names one built earlier (from the same
 * content and code: the caller vouches for that) instead of waiting for this run's build.
 */
export async function archiveSite(): Promise<string> {
  if (process.env.CKA_ARCHIVE_SITE) return process.env.CKA_ARCHIVE_SITE;
  while (!existsSync(ARCHIVE_STATUS)) {
    if (!existsSync(ARCHIVE_STARTED)) throw new Error('the whole-archive site is not being built (run the test/archive project)');
    await sleep(2000);
  }
  const { status } = JSON.parse(readFileSync(ARCHIVE_STATUS, 'utf8')) as { status: number | null };
  if (status !== 0 || !existsSync(join(ARCHIVE_SITE, 'index.html'))) {
    const log = existsSync(ARCHIVE_LOG) ? readFileSync(ARCHIVE_LOG, 'utf8').slice(-4000) : '';
    throw new Error(`the whole-archive site build failed (exit ${status}):\n${log}`);
  }
  return ARCHIVE_SITE;
}
