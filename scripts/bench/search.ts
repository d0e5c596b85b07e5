// Search benchmark: our sharded FlexSearch index vs Pagefind, over the bundled content and synthetic archives.
// `npm run bench -- search [--days=1000,10000] [--repeat=N]`. Measures, never asserts.
//   index bytes/message, bytes of a first query, index build time, query latency (median/p95) in Node and in
//   headless Chromium, and precision/recall of exact-term queries (ours: messages vs a scan of Message.text;
//   Pagefind: result pages vs the pages whose text holds the term).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { buildArchive } from '../../src/pipeline/archive.ts';
import type { Archive } from '../../src/model/types.ts';
import { loadArchive, readContent } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchClient } from '../../src/search/client.ts';
import { findTerm, normalize } from '../../src/text/tokenize.ts';
import { generateLogs } from '../../src/synth/generate.ts';
import { servePeer } from './peer-server.ts';
import { writeThreadPages } from './thread-pages.ts';
import type { AddressInfo } from 'node:net';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'bench-results/search');
const QUERIES = ['分录流水', '对账文件', '支付宝', '清算', '备付金', '路由', '余额', '退款', 'T+0', '银联', '手续费', '二清'];

interface Row {
  dataset: string;
  engine: string;
  messages: number;
  buildMs: number;
  bytesPerMessage: number;
  firstQueryBytes: number;
  firstQueryGzip: number;
  nodeMed: number | null;
  nodeP95: number | null;
  chromeMed: number | null;
  chromeP95: number | null;
  precision: number;
  recall: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const dirBytes = (dir: string): number => {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    n += statSync(p).isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
};
const contains = (text: string, q: string) => findTerm(normalize(text), normalize(q)).length > 0;

async function writeIndex(archive: Archive, site: string): Promise<number> {
  rmSync(join(site, 'search'), { recursive: true, force: true });
  const t = performance.now();
  await buildSearchIndex(archive, (p, c) => {
    const f = join(site, 'search', p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, c);
  });
  return performance.now() - t;
}

/** Page URL -> visible text, for Pagefind's ground truth. */
function pageTexts(site: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) { if (!['pagefind', 'search', '_astro'].includes(f)) walk(p); continue; }
      if (!f.endsWith('.html') || f === 'bench.html') continue;
      const html = readFileSync(p, 'utf8');
      const body = (html.match(/<body[^>]*>([\s\S]*)<\/body>/)?.[1] ?? html)
        .replace(/<(script|style|template)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      out.set('/' + relative(site, p).split('\\').join('/').replace(/index\.html$/, ''), body);
    }
  };
  walk(site);
  return out;
}

async function nodeRun(archive: Archive, site: string, repeat: number) {
  const all = archive.days.flatMap((d) => d.messages);
  const files: string[] = [];
  const fetcher = (log: boolean) => async (p: string) => {
    if (log) files.push(p);
    return readFileSync(join(site, 'search', p), 'utf8');
  };
  let bytes = 0;
  let gz = 0;
  let tp = 0, fp = 0, fn = 0;
  for (const q of QUERIES) {
    files.length = 0;
    const c = new SearchClient(fetcher(true));
    const r = await c.search(q, { limit: 20 });
    bytes += c.bytes;
    gz += files.reduce((n, p) => n + gzipSync(readFileSync(join(site, 'search', p))).length, 0);
    const truth = new Set(all.filter((m) => contains(m.text, q)).map((m) => m.id));
    const got = new Set(r.messages.map((m) => m.id));
    for (const id of got) (truth.has(id) ? tp++ : fp++);
    for (const id of truth) if (!got.has(id)) fn++;
  }
  const warm = new SearchClient(fetcher(false));
  for (const q of QUERIES) await warm.search(q, { limit: 20 });
  const lat: number[] = [];
  for (let i = 0; i < repeat; i++) for (const q of QUERIES) {
    const t = performance.now();
    await warm.search(q, { limit: 20 });
    lat.push(performance.now() - t);
  }
  return {
    firstQueryBytes: bytes / QUERIES.length, firstQueryGzip: gz / QUERIES.length, med: pct(lat, 50), p95: pct(lat, 95),
    precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn),
  };
}

async function bundleClient(site: string) {
  const entry = join(OUT, 'bench-entry.ts');
  writeFileSync(entry, `import { SearchClient } from ${JSON.stringify(join(ROOT, 'src/search/client.ts'))};\n(globalThis as any).CkaSearchClient = SearchClient;\n`);
  await esbuild({ entryPoints: [entry], bundle: true, format: 'iife', outfile: join(site, 'bench-search.js'), logLevel: 'error', platform: 'browser' });
  writeFileSync(join(site, 'bench.html'), '<!doctype html><html><head><meta charset="utf-8"><script src="/bench-search.js"></script></head><body></body></html>');
}

async function chromeRun(site: string, repeat: number, texts: Map<string, string> | null) {
  const { launch } = await import('../../test/helpers/browser.ts');
  // Both engines run in one page; our server's CSP would deny the WebAssembly Pagefind runs on.
  const server = await servePeer(site);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launch();
  try {
    // tsx compiles the evaluated callbacks with esbuild's keepNames, which calls a __name helper.
    await browser.context.addInitScript('globalThis.__name = (f) => f;');
    const page = await browser.context.newPage();
    await page.goto(`${url}/bench.html`);
    // Ours: a fresh client per query for the first-query cost, then a warm one for latency.
    const ours = await page.evaluate(async ({ queries, repeat }) => {
      const C = (globalThis as any).CkaSearchClient;
      const f = async (p: string) => (await fetch(`/search/${p}`)).text();
      const w = new C(f);
      for (const q of queries) await w.search(q, { limit: 20 });
      const lat: number[] = [];
      for (let i = 0; i < repeat; i++) for (const q of queries) {
        const t = performance.now();
        await w.search(q, { limit: 20 });
        lat.push(performance.now() - t);
      }
      return lat;
    }, { queries: QUERIES, repeat });
    let pf: { lat: number[]; bytes: number; precision: number; recall: number } | null = null;
    if (texts) {
      // Pagefind: a fresh page per query measures a first query (search + the first 10 results' data).
      let bytes = 0;
      let tp = 0, fp = 0, fn = 0;
      for (const q of QUERIES) {
        const p = await browser.context.newPage();
        let b = 0;
        p.on('response', async (r) => { if (r.url().includes('/pagefind/')) b += (await r.body().catch(() => Buffer.alloc(0))).length; });
        await p.goto(`${url}/bench.html`);
        await p.evaluate(async (q) => {
          const pagefind = await import('/pagefind/pagefind.js' as string);
          const s = await pagefind.search(q);
          await Promise.all(s.results.slice(0, 10).map((r: any) => r.data()));
        }, q);
        await p.waitForTimeout(100);
        const firstBytes = b;
        // Then every result's data, for precision/recall (not counted in the first-query bytes).
        const urls = await p.evaluate(async (q) => {
          const pagefind = await import('/pagefind/pagefind.js' as string);
          const s = await pagefind.search(q);
          return (await Promise.all(s.results.map((r: any) => r.data()))).map((d: any) => d.url as string);
        }, q);
        // Bytes of the first 10 results only: the full result data was loaded after for precision/recall.
        bytes += firstBytes;
        const truth = new Set([...texts].filter(([, t]) => contains(t, q)).map(([u]) => u));
        const got = new Set(urls.map((u) => decodeURI(u)));
        for (const u of got) (truth.has(u) ? tp++ : fp++);
        for (const u of truth) if (!got.has(u)) fn++;
        await p.close();
      }
      const lat = await page.evaluate(async ({ queries, repeat }) => {
        const pagefind = await import('/pagefind/pagefind.js' as string);
        for (const q of queries) await Promise.all((await pagefind.search(q)).results.slice(0, 10).map((r: any) => r.data()));
        const out: number[] = [];
        for (let i = 0; i < repeat; i++) for (const q of queries) {
          const t = performance.now();
          await Promise.all((await pagefind.search(q + ' '.repeat(i % 2))).results.slice(0, 10).map((r: any) => r.data()));
          out.push(performance.now() - t);
        }
        return out;
      }, { queries: QUERIES, repeat });
      pf = { lat, bytes: bytes / QUERIES.length, precision: tp / Math.max(1, tp + fp), recall: tp / Math.max(1, tp + fn) };
    }
    return { ours: { med: pct(ours, 50), p95: pct(ours, 95) }, pf };
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(() => ok(null)));
  }
}

function runPagefind(site: string): number {
  rmSync(join(site, 'pagefind'), { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(join(ROOT, 'node_modules/.bin/pagefind'), ['--site', site, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  // A failure (e.g. killed for memory on a 2.5M-message site) is reported, not fatal: our figures still count.
  if (r.status !== 0) {
    console.error(`[bench search] pagefind failed after ${((performance.now() - t) / 1000).toFixed(0)} s (status ${r.status}, signal ${r.signal}): ${r.stderr || r.error?.message || ''}`);
    return NaN;
  }
  return performance.now() - t;
}

async function dataset(name: string, archive: Archive, site: string, repeat: number, opts: { chrome: boolean; pagefind: boolean }): Promise<Row[]> {
  const messages = archive.days.reduce((n, d) => n + d.messages.length, 0);
  console.error(`[bench search] ${name}: ${messages} messages, ${archive.threads.length} threads; building our index`);
  const buildMs = await writeIndex(archive, site);
  // Index: the token shards; docs: everything else a query may fetch (map blocks, text chunks, filter lists).
  const sizes = {
    index: dirBytes(join(site, 'search/idx')) + dirBytes(join(site, 'search/uni')),
    docs: ['map', 'docs', 'spk', 'topics'].reduce((n, d) => n + dirBytes(join(site, 'search', d)), 0),
  };
  const node = await nodeRun(archive, site, repeat);
  // Printed at once, so a later stage that cannot finish (Pagefind, Chromium) does not lose these figures.
  console.error(`[bench search] ${name}: ours build ${(buildMs / 1000).toFixed(1)} s, ${((sizes.index + sizes.docs) / messages).toFixed(0)} B/msg, first query ${(node.firstQueryBytes / 1024).toFixed(1)} KiB raw / ${(node.firstQueryGzip / 1024).toFixed(1)} KiB gzip, Node ${node.med.toFixed(2)} / ${node.p95.toFixed(2)} ms, P ${node.precision.toFixed(3)} R ${node.recall.toFixed(3)}`);
  let pfMs = NaN;
  let texts: Map<string, string> | null = null;
  if (opts.pagefind) {
    if (!existsSync(join(site, 'index.html')) || name !== 'bundled') writeThreadPages(archive, site);
    console.error(`[bench search] ${name}: pagefind`);
    pfMs = runPagefind(site);
    texts = Number.isNaN(pfMs) ? null : pageTexts(site);
  }
  let chrome: Awaited<ReturnType<typeof chromeRun>> | null = null;
  if (opts.chrome) {
    await bundleClient(site);
    console.error(`[bench search] ${name}: chromium`);
    chrome = await chromeRun(site, repeat, texts);
  }
  const rows: Row[] = [{
    dataset: name, engine: 'ours (index+docs)', messages, buildMs, bytesPerMessage: (sizes.index + sizes.docs) / messages,
    firstQueryBytes: node.firstQueryBytes, firstQueryGzip: node.firstQueryGzip, nodeMed: node.med, nodeP95: node.p95,
    chromeMed: chrome?.ours.med ?? null, chromeP95: chrome?.ours.p95 ?? null, precision: node.precision, recall: node.recall,
  }];
  console.error(`[bench search] ${name}: our index ${(sizes.index / messages).toFixed(0)} B/msg token shards, ${(sizes.docs / messages).toFixed(0)} B/msg map+text+filters; first query ${(node.firstQueryBytes / 1024).toFixed(1)} KiB (${(node.firstQueryGzip / 1024).toFixed(1)} KiB gzip)`);
  if (opts.pagefind) {
    rows.push({
      dataset: name, engine: 'pagefind (pages)', messages, buildMs: pfMs, bytesPerMessage: dirBytes(join(site, 'pagefind')) / messages,
      firstQueryBytes: chrome?.pf?.bytes ?? NaN, firstQueryGzip: chrome?.pf?.bytes ?? NaN, nodeMed: null, nodeP95: null,
      chromeMed: chrome?.pf ? pct(chrome.pf.lat, 50) : null, chromeP95: chrome?.pf ? pct(chrome.pf.lat, 95) : null,
      precision: chrome?.pf?.precision ?? NaN, recall: chrome?.pf?.recall ?? NaN,
    });
  }
  return rows;
}

function buildBundledSite(site: string): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', site], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CKA_CACHE_DIR: `${site}.cache` },
  });
  if (r.status !== 0) throw new Error(`astro build failed: ${r.stderr}`);
}

export async function run(args: string[]): Promise<void> {
  const opt = (k: string, d: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
  const days = opt('days', '1000,10000').split(',').map(Number).filter((n) => n > 0);
  const repeat = Number(opt('repeat', '5'));
  const { hasChromium } = await import('../../test/helpers/browser.ts');
  mkdirSync(OUT, { recursive: true });
  const rows: Row[] = [];
  // Bundled content: the real Astro site (which already carries our index), Pagefind run over it.
  const bundledSite = join(OUT, 'bundled');
  rmSync(bundledSite, { recursive: true, force: true });
  console.error('[bench search] bundled: building the Astro site');
  buildBundledSite(bundledSite);
  rows.push(...(await dataset('bundled', loadArchive(), bundledSite, repeat, { chrome: hasChromium, pagefind: true })));
  for (const n of days) {
    const t = performance.now();
    const logs = [...generateLogs({ days: n, seed: 1 })];
    const archive = buildArchive({ ...readContent(), logs });
    console.error(`[bench search] synthetic ${n} days: archive in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const site = join(OUT, `synth-${n}`);
    rmSync(site, { recursive: true, force: true });
    mkdirSync(site, { recursive: true });
    // Above 1,000 days Pagefind and Chromium runs take long on 2 cores; --full runs them anyway.
    const heavy = n > 1000 && !args.includes('--full');
    // --no-pagefind: our engine only on synthetic archives (Pagefind did not finish on 10,000 days, 2 cores).
    rows.push(...(await dataset(`synthetic ${n} d`, archive, site, repeat, { chrome: hasChromium && !heavy, pagefind: !heavy && !args.includes('--no-pagefind') })));
  }
  const f = (x: number | null, d = 1) => (x === null || Number.isNaN(x) ? '–' : x.toFixed(d));
  const kb = (x: number) => (Number.isNaN(x) ? '–' : `${(x / 1024).toFixed(1)} KiB`);
  const table = [
    '| dataset | engine | messages | index build | bytes/msg | first query (raw / gzip) | Node med / p95 ms | Chromium med / p95 ms | precision | recall |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.dataset} | ${r.engine} | ${r.messages} | ${(r.buildMs / 1000).toFixed(1)} s | ${f(r.bytesPerMessage, 0)} | ${kb(r.firstQueryBytes)} / ${kb(r.firstQueryGzip)} | ${f(r.nodeMed, 2)} / ${f(r.nodeP95, 2)} | ${f(r.chromeMed, 2)} / ${f(r.chromeP95, 2)} | ${f(r.precision, 3)} | ${f(r.recall, 3)} |`),
  ].join('\n');
  console.log(`Queries: ${QUERIES.join(' ')} (exact terms; ours counted on messages, Pagefind on pages; latency warm, ${repeat}× each)\n`);
  console.log(table);
  writeFileSync(join(OUT, 'table.md'), table + '\n');
}
