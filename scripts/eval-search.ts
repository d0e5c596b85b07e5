// `npx tsx scripts/eval-search.ts [--split dev|test|all] [--no-pagefind]`: MRR@10 and recall@10 of question
// and concept queries (test/fixtures/search-dev.json, judged by hand) for our search and for Pagefind on the
// same queries. Our index is built in memory from content/ exactly as the site build writes it; Pagefind indexes
// one page per thread (title + messages) and is queried in headless Chromium. Results from days the judgments
// do not cover are skipped, so the figures stay meaningful when content/logs grows.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadArchive } from '../src/node/load.ts';
import { indexArchive, threadHolding } from '../src/pipeline/archive.ts';
import { buildSearchIndex } from '../src/search/build.ts';
import { buildAskIndex } from '../src/search/ask-build.ts';
import { SearchClient } from '../src/search/client.ts';
import { score, type DevSet, type JudgedQuery } from '../src/eval/retrieval.ts';
import { servePeer } from './bench/peer-server.ts';
import { writeThreadPages } from './bench/thread-pages.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (k: string, d: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? (args.includes(`--${k}`) ? args[args.indexOf(`--${k}`) + 1] ?? d : d);
const split = opt('split', 'all');
const set = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/search-dev.json'), 'utf8')) as DevSet;
const days = new Set(set.days);
const queries = set.queries.filter((q) => split === 'all' || q.split === split);
const inJudgedDays = (threadId: string) => days.has(threadId.slice(0, threadId.lastIndexOf('/')));

const archive = loadArchive();
// Judged threads are named by their first message: map each to the thread holding that message today.
const index = indexArchive(archive);
for (const q of queries) q.relevant = [...new Set(q.relevant.map((r) => threadHolding(index, r) ?? r))];
const files = new Map<string, string>();
await buildSearchIndex(archive, (p, c) => files.set(p, c));
buildAskIndex(archive, (p, c) => files.set(p, c));
const client = new SearchClient(async (p) => {
  const f = files.get(p);
  if (f === undefined) throw new Error(`missing ${p}`);
  return f;
});

const ours: string[][] = [];
for (const q of queries) {
  const r = await client.search(q.q, { limit: 40, context: 0 });
  ours.push(r.threads.map((t) => t.threadId).filter(inJudgedDays));
}

async function pagefind(qs: JudgedQuery[]): Promise<string[][] | null> {
  const { hasChromium, launch } = await import('../test/helpers/browser.ts');
  if (!hasChromium) return null;
  const site = join(ROOT, 'bench-results/eval-search');
  rmSync(site, { recursive: true, force: true });
  writeThreadPages(archive, site);
  const r = spawnSync(join(ROOT, 'node_modules/.bin/pagefind'), ['--site', site, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`pagefind failed: ${r.stderr}`);
    return null;
  }
  const server = await servePeer(site);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${url}/`);
    const out: string[][] = [];
    for (const q of qs) {
      const urls = await page.evaluate(async (q) => {
        const pf = await import('/pagefind/pagefind.js' as string);
        const s = await pf.search(q);
        return (await Promise.all(s.results.slice(0, 40).map((x: { data: () => Promise<{ url: string }> }) => x.data()))).map((d) => d.url);
      }, q.q);
      out.push(urls.map((u) => decodeURI(u).replace(/^\/|\/$/g, '')).filter(inJudgedDays));
    }
    return out;
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(() => ok(null)));
  }
}
const pf = args.includes('--no-pagefind') ? null : await pagefind(queries);

const f = (x: number) => x.toFixed(3);
console.log(`Queries: test/fixtures/search-dev.json, split ${split} (${queries.length}); MRR@10 / recall@10 over threads of the judged days\n`);
console.log('| kind | n | ours MRR@10 | ours recall@10 | Pagefind MRR@10 | Pagefind recall@10 |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const kind of ['question', 'concept', 'all'] as const) {
  const idx = queries.map((q, i) => [q, i] as const).filter(([q]) => kind === 'all' || q.kind === kind);
  const qs = idx.map(([q]) => q);
  const a = score(qs, idx.map(([, i]) => ours[i]!));
  const b = pf ? score(qs, idx.map(([, i]) => pf[i]!)) : null;
  console.log(`| ${kind} | ${a.n} | ${f(a.mrr)} | ${f(a.recall)} | ${b ? f(b.mrr) : '–'} | ${b ? f(b.recall) : '–'} |`);
}
if (args.includes('--misses')) {
  queries.forEach((q, i) => {
    const rel = new Set(q.relevant);
    const rank = ours[i]!.findIndex((id) => rel.has(id));
    if (rank !== 0) console.log(`  ${q.split} ${q.kind} ${q.q}: first relevant at ${rank < 0 ? '–' : rank + 1}; top: ${ours[i]!.slice(0, 3).join(', ')}`);
  });
}
