// @ts-check
import { defineConfig } from 'astro/config';
import prepare from './src/integrations/prepare.ts';
import searchIndex from './src/integrations/search-index.ts';
import precompress from './src/integrations/precompress.ts';
import pageReuse from './src/integrations/page-reuse.ts';
import imageMirror from './src/integrations/image-mirror.ts';
import { progressEnd, progressStart } from './src/integrations/progress.ts';
import { loadConfig } from './src/node/config.ts';

// The site is fully static. Its public origin (CKA_SITE, or "site" in archive.config.json) is used for canonical
// links, the sitemap, robots.txt and the feed; without it those omit absolute URLs (src/site/origin.ts), never
// writing localhost.
export default defineConfig({
  site: loadConfig().site,
  output: 'static',
  trailingSlash: 'always',
  // The Content-Security-Policy (src/site/csp.ts) allows no inline script or <style>: the site's own scripts and
  // styles must be files. Astro inlines small bundled scripts (under Vite's assetsInlineLimit) and small
  // stylesheets ('auto'), so both are turned off.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // Tests build several sites in parallel; each needs its own cache.
  cacheDir: process.env.CKA_CACHE_DIR ?? './node_modules/.astro',
  // Order matters: the image mirror (astro:build:start) fetches before anything reads image URLs; prepare computes
  // what pages read; build:done hooks run in this order, so the stage lines end with precompression, the pages an
  // incremental build took from the previous one (after precompression: they bring their own .gz/.br), and the total.
  integrations: [progressStart(), imageMirror(), prepare(), searchIndex(), precompress(), pageReuse(), progressEnd()],
});
