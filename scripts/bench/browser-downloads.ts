// `npx tsx scripts/bench/browser-downloads.ts --site <dist> [--reindex]`: what a first term search and a first
// question search download in headless Chromium on a built site, gzip as the server sends it
// (test/helpers/search-downloads.ts). Budgets (issue 11 item 7, issue 14 item 5): term ≤ 50 KiB, question ≤ 150 KiB.
// --reindex first rewrites <dist>/search (and its .gz/.br) from the content folder (CKA_CONTENT_DIR or content/) with
// the current code, exactly as the build's search integration does, so a format change is measured without
// re-rendering every page (the pages do not depend on the index format). Measures only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadArchive } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { buildAskIndex } from '../../src/search/ask-build.ts';
import { precompressDir } from '../../src/integrations/precompress.ts';
import { launch } from '../../test/helpers/browser.ts';
import { serveSite } from '../../test/helpers/server.ts';
import { QUESTION_QUERIES, TERM_QUERIES, firstSearch, type FirstSearch } from '../../test/helpers/search-downloads.ts';

export async function measureSite(site: string, log = (s: string) => console.log(s)): Promise<{ term: FirstSearch[]; question: FirstSearch[] }> {
  const server = await serveSite(resolve(site));
  const browser = await launch();
  const kib = (n: number) => (n / 1024).toFixed(1);
  try {
    const out = { term: [] as FirstSearch[], question: [] as FirstSearch[] };
    for (const [kind, qs] of [['term', TERM_QUERIES], ['question', QUESTION_QUERIES]] as const) {
      for (const q of qs) {
        const r = await firstSearch(browser.context, server.url, q);
        out[kind].push(r);
        log(`${kind}\t${q}\t${kib(r.indexBytes)} KiB ${r.encodings.join('+')}\t${r.files} files\tfacets ${kib(r.facetsBytes)} KiB\t${Object.entries(r.byKind).map(([k, v]) => `${k} ${kib(v)}`).join(', ')}\t${r.status}`);
      }
    }
    for (const kind of ['term', 'question'] as const) {
      const xs = out[kind].map((r) => r.indexBytes);
      log(`${kind}: max ${kib(Math.max(...xs))} KiB, mean ${kib(xs.reduce((a, b) => a + b, 0) / xs.length)} KiB gzip over ${xs.length} queries`);
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Rewrites <site>/search from the content folder with the current code, then its precompressed copies. */
export async function reindex(site: string): Promise<void> {
  const root = join(site, 'search');
  // The index files only, as the build's integration does: search/index.html is the search page itself.
  for (const sub of ['idx', 'uni', 'docs', 'map', 'head', 'spk', 'topics', 'ask']) rmSync(join(root, sub), { recursive: true, force: true });
  const emit = (path: string, content: string) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  const archive = loadArchive();
  const t = performance.now();
  const st = await buildSearchIndex(archive, emit);
  const ask = buildAskIndex(archive, emit);
  await precompressDir(root);
  console.log(`reindexed ${root}: ${st.files} term-index files (${(st.bytes.total / 1024).toFixed(0)} KiB), question index ${(ask.bytes / 1024).toFixed(0)} KiB, in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--site');
  if (i < 0) throw new Error('usage: browser-downloads.ts --site <dist> [--reindex]');
  const site = resolve(process.argv[i + 1]!);
  if (process.argv.includes('--reindex')) await reindex(site);
  await measureSite(site);
}
