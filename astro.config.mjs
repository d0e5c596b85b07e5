// @ts-check
import { defineConfig } from 'astro/config';
import searchIndex from './src/integrations/search-index.ts';

// The site is fully static. CKA_SITE sets the absolute origin used in the sitemap, feeds and structured data.
export default defineConfig({
  site: process.env.CKA_SITE ?? 'http://localhost:4321',
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
  integrations: [searchIndex()],
});
