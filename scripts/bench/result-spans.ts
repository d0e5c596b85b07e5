// `npx tsx scripts/bench/result-spans.ts [--content <dir>]`: what the spans of search results (links, mentions, emoji,
// images beside each message's text in the docs chunks; src/search/doc-segments.ts) add to the index and to a first
// term search. Builds the index in memory from the content folder (default: CKA_CONTENT_DIR or content/) and runs
// the same first searches twice through the search client, once on docs chunks with their spans dropped; sizes are
// gzip of every file the client fetched (the facets list, loaded by the page, is not counted). Measures only.
import { gzipSync } from 'node:zlib';
import { loadArchive } from '../../src/node/load.ts';
import { analysisCacheDir } from '../../src/node/analysis-cache.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchClient } from '../../src/search/client.ts';
import type { DocChunk } from '../../src/search/format.ts';

const i = process.argv.indexOf('--content');
const archive = loadArchive(i >= 0 ? process.argv[i + 1] : undefined, { analysisCache: analysisCacheDir() });
const withSpans = new Map<string, string>();
await buildSearchIndex(archive, (p, c) => withSpans.set(p, c));
const without = new Map([...withSpans].map(([p, c]): [string, string] => {
  if (!p.startsWith('docs/')) return [p, c];
  const chunk = JSON.parse(c) as DocChunk;
  return [p, JSON.stringify({ ...chunk, m: chunk.m.map((r) => r.slice(0, 3)) })];
}));
const gz = (s: string | undefined) => (s === undefined ? 0 : gzipSync(s).length);
const kib = (n: number) => (n / 1024).toFixed(1);
const docsTotal = (fs: Map<string, string>) => [...fs].filter(([p]) => p.startsWith('docs/')).reduce((n, [, c]) => n + gz(c), 0);
console.log(`docs chunks, gzip: ${kib(docsTotal(without))} -> ${kib(docsTotal(withSpans))} KiB`);

async function firstSearch(fs: Map<string, string>, q: string): Promise<{ docs: number; all: number }> {
  const fetched: string[] = [];
  const c = new SearchClient(async (p) => { fetched.push(p); const f = fs.get(p); if (f === undefined) throw new Error(`missing ${p}`); return f; });
  await c.search(q, { limit: 10, context: 1 }).catch(() => undefined);
  const files = [...new Set(fetched)];
  return { docs: files.filter((p) => p.startsWith('docs/')).reduce((n, p) => n + gz(fs.get(p)), 0), all: files.reduce((n, p) => n + gz(fs.get(p)), 0) };
}

for (const q of ['支付宝', '微信', '对账', '清算', '分录流水', '对账文件', '备付金', 'T+0', '银联', '退款']) {
  const [a, b] = [await firstSearch(without, q), await firstSearch(withSpans, q)];
  console.log(`${q}\tdocs ${kib(a.docs)} -> ${kib(b.docs)} KiB\tfirst search ${kib(a.all)} -> ${kib(b.all)} KiB gzip`);
}
