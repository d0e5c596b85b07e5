// Global setup of the `archive` project (test/archive/): starts the one build of the whole bundled archive in the
// background and returns at once, so the fixture tests run meanwhile; test/helpers/archive-site.ts waits for it.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_LOG, ARCHIVE_SITE, ARCHIVE_STARTED, ARCHIVE_STATUS } from './helpers/archive-site.ts';
import { ROOT } from './helpers/site.ts';

export default function setup() {
  // A site named by CKA_ARCHIVE_SITE is used as it is (and another run's build is left alone).
  if (process.env.CKA_ARCHIVE_SITE) return;
  for (const f of [ARCHIVE_STATUS, ARCHIVE_STARTED]) rmSync(f, { force: true });
  if (process.env.CKA_SKIP_SITE_BUILD === '1') return;
  rmSync(ARCHIVE_SITE, { recursive: true, force: true });
  mkdirSync(ARCHIVE_SITE, { recursive: true });
  const t = Date.now();
  const log = openSync(ARCHIVE_LOG, 'w');
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', ARCHIVE_SITE], {
    cwd: ROOT,
    // Gzip copies only: the archive tests measure what a gzip-only client downloads, and the .br of 47,000 files was
    // half of the precompress stage (brotli is tested on the fixture site and in test/integrations/precompress).
    env: { ...process.env, CKA_SITE: process.env.CKA_SITE ?? 'https://archive.example.org', CKA_CONTENT_DIR: join(ROOT, 'content'), CKA_CACHE_DIR: `${ARCHIVE_SITE}.cache`, CKA_PRECOMPRESS: 'gzip' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  writeFileSync(ARCHIVE_STARTED, String(child.pid));
  let done = false;
  child.on('exit', (status) => {
    done = true;
    const seconds = Math.round((Date.now() - t) / 100) / 10;
    writeFileSync(ARCHIVE_STATUS, JSON.stringify({ status, seconds }));
    console.log(`[archive-setup] built the whole archive into ${ARCHIVE_SITE} in ${seconds}s (exit ${status})`);
  });
  // A run that ends first (a failure, a filter) does not leave the build running.
  return () => { if (!done) child.kill(); };
}
