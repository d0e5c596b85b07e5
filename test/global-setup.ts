// Builds the bundled site once per run for the tests that read dist files or drive a browser.
import { MAIN_SITE, buildSite, ROOT } from './helpers/site.ts';
import { join } from 'node:path';

export default function setup() {
  if (process.env.CKA_SKIP_SITE_BUILD === '1') return;
  const t = Date.now();
  buildSite(join(ROOT, 'content'), MAIN_SITE);
  console.log(`[global-setup] built the bundled site into ${MAIN_SITE} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
}
