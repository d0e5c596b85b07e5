// @ts-check
import { defineConfig } from 'astro/config';
import searchIndex from './src/integrations/search-index.ts';

// The site is fully static. CKA_SITE sets the absolute origin used in the sitemap, feeds and structured data.
export default defineConfig({
  site: process.env.CKA_SITE ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  // Tests build several sites in parallel; each needs its own cache.
  cacheDir: process.env.CKA_CACHE_DIR ?? './node_modules/.astro',
  integrations: [searchIndex()],
});
