// `npm run bench -- first-search [--content=<dir>,…] [--days=1000,10000] [--head-min=N]` or
// `npx tsx scripts/bench/first-search.ts [--content <dir>] [--queries a,b] [--head-min N]`: what a first term search downloads, in
// Node, at any archive size: the search index of the content folder (CKA_CONTENT_DIR, content/ or --content, e.g. a
// `npm run synth -- --content` folder) is built in memory only (no pages), each query runs on a fresh client over
// those files, and every file it fetched is counted gzip-compressed (level 9, as src/integrations/precompress.ts
// writes the .gz a static host serves). Chromium's figure (scripts/bench/browser-downloads.ts) counts the same files
// as they come over the wire. Measures, never asserts.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { loadArchive, contentDir, readContentMeta } from '../../src/node/load.ts';
import { analysisCacheDir } from '../../src/node/analysis-cache.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { generateLogs } from '../../src/synth/generate.ts';
import type { Archive } from '../../src/model/types.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchClient } from '../../src/search/client.ts';
import { TERM_QUERIES } from '../../test/helpers/search-downloads.ts';

export interface FirstSearchBytes {
  query: string;
  gzip: number;
  files: number;
  byKind: Record<string, number>;
  messages: number;
  threads: number;
}

/** With CKA_CACHE_DIR set, the archive's analysis is read from (and written to) that cache. */
const cached = () => (process.env.CKA_CACHE_DIR ? { analysisCache: analysisCacheDir() } : {});

/** Runs each query as a first search (fresh client) over in-memory index files; gzip bytes per query. */
export async function firstSearches(files: ReadonlyMap<string, string>, queries: readonly string[]): Promise<FirstSearchBytes[]> {
  const gz = new Map<string, number>();
  const gzipOf = (p: string) => {
    let n = gz.get(p);
    if (n === undefined) gz.set(p, (n = gzipSync(files.get(p)!, { level: 9 }).length));
    return n;
  };
  const out: FirstSearchBytes[] = [];
  for (const query of queries) {
    const fetched: string[] = [];
    const c = new SearchClient(async (p) => {
      const f = files.get(p);
      if (f === undefined) throw new Error(`missing ${p}`);
      fetched.push(p);
      return f;
    });
    // What the search page asks for a first query: one page of 10 threads with one message of context.
    const r = await c.search(query, { limit: 10, context: 1 });
    const byKind: Record<string, number> = {};
    let gzip = 0;
    for (const p of fetched) {
      const k = p.includes('/') ? p.split('/')[0]! : p.replace(/\.json$/, '');
      byKind[k] = (byKind[k] ?? 0) + gzipOf(p);
      gzip += gzipOf(p);
    }
    out.push({ query, gzip, files: fetched.length, byKind, messages: r.messageCount ?? r.messages.length, threads: r.threadCount });
  }
  return out;
}

/** Builds the search index of `archive` in memory and prints what each term query's first search downloads. */
async function measure(label: string, archive: Archive, queries: readonly string[], headMinMessages?: number): Promise<void> {
  const files = new Map<string, string>();
  const t = performance.now();
  const st = await buildSearchIndex(archive, (p, c) => files.set(p, c), {
    ...(headMinMessages === undefined ? {} : { headMinMessages }),
    headProgress: (done, all) => console.error(`heads ${done}/${all} at ${((performance.now() - t) / 1000).toFixed(0)} s`),
  });
  const kib = (n: number) => (n / 1024).toFixed(1);
  console.log(`${label}: ${archive.days.length} days, ${st.messages} messages; search index ${st.files} files (${st.heads} result heads, ${(st.bytes.head / 1e6).toFixed(1)} MB), ${(st.bytes.total / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const rows = await firstSearches(files, queries);
  for (const r of rows) console.log(`term\t${r.query}\t${kib(r.gzip)} KiB gzip\t${r.files} files\t${Object.entries(r.byKind).map(([k, v]) => `${k} ${kib(v)}`).join(', ')}\t${r.messages} messages, ${r.threads} threads`);
  const xs = rows.map((r) => r.gzip);
  console.log(`first term search (${label}, ${archive.days.length} days): max ${kib(Math.max(...xs))} KiB, mean ${kib(xs.reduce((a, b) => a + b, 0) / xs.length)} KiB gzip over ${xs.length} queries`);
}

/**
 * `npm run bench -- first-search [--content=<dir>,...] [--days=1000,10000] [--queries=a,b]`: the bundled content
 * (or each --content folder), then synthetic archives of each --days size generated in memory (src/synth).
 */
export async function run(args: string[]): Promise<void> {
  const opt = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const queries = opt('queries')?.split(',') ?? TERM_QUERIES;
  const headMin = opt('head-min') === undefined ? undefined : Number(opt('head-min'));
  for (const dir of (opt('content') ?? contentDir()).split(',')) await measure(resolve(dir), loadArchive(resolve(dir), cached()), queries, headMin);
  for (const days of (opt('days') ?? '').split(',').filter(Boolean).map(Number)) {
    const logs = [...generateLogs({ days })].map((l) => ({ file: l.file, source: l.source }));
    await measure(`synthetic`, buildArchive({ ...readContentMeta(contentDir()), logs }), queries, headMin);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k: string) => {
    const i = process.argv.indexOf(k);
    return i < 0 ? undefined : process.argv[i + 1];
  };
  const dir = resolve(arg('--content') ?? contentDir());
  const headMin = arg('--head-min');
  await measure(dir, loadArchive(dir, cached()), arg('--queries')?.split(',') ?? TERM_QUERIES, headMin === undefined ? undefined : Number(headMin));
}
