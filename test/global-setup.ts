// Global setup of the `main` project: assembles the small fixture content folder (test/helpers/fixture.ts) and builds
// its site once per run, for the tests that read dist files or drive a browser. The whole archive is built once, by
// the `archive` project (test/archive-setup.ts).
import { MAIN_SITE, buildSite } from './helpers/site.ts';
import { FIXTURE_CONTENT, assembleFixture } from './helpers/fixture.ts';

export default function setup() {
  // Assembled afresh before any worker reads it, so it never lags behind an edit of content/.
  assembleFixture();
  if (process.env.CKA_SKIP_SITE_BUILD === '1') return;
  const t = Date.now();
  buildSite(FIXTURE_CONTENT, MAIN_SITE);
  console.log(`[global-setup] built the fixture site into ${MAIN_SITE} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}
