// `npx tsx scripts/bench/ask-downloads.ts [--logs <dir>] [--tiny-model]` (default ../shared/archive, the 719-day
// archive): build times of the term index and the question-search files, and what a first search downloads (gzip,
// Node fetcher over the in-memory files: the same files the browser fetches), per query and per kind of file.
// --tiny-model embeds the threads with the tests' tiny model (test/helpers/tiny-model.ts) so the embedding files
// exist and the feedback rank's extra downloads are counted (its vectors are bag-of-characters: the sizes are
// realistic, the ranking is not). Measures only.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { readContentMeta, readLogsChecked } from '../../src/node/load.ts';
import { buildSearchIndex } from '../../src/search/build.ts';
import { buildAskIndex } from '../../src/search/ask-build.ts';
import { SearchClient } from '../../src/search/client.ts';
import { PAGE } from '../../src/search/ui.ts'; // as many results as the search page shows first
let t = performance.now();
const i = process.argv.indexOf('--logs');
const { logs } = readLogsChecked(resolve(i > 0 ? process.argv[i + 1]! : '../shared/archive'));
const archive = buildArchive({ ...readContentMeta(resolve(import.meta.dirname, '../../content')), logs });
console.log('archive', ((performance.now() - t) / 1000).toFixed(1), 's', archive.days.reduce((n, d) => n + d.messages.length, 0), 'messages', archive.threads.length, 'threads');
const files = new Map<string, string>();
t = performance.now();
await buildSearchIndex(archive, (p, c) => files.set(p, c));
console.log('term index', ((performance.now() - t) / 1000).toFixed(1), 's');
t = performance.now();
let embeddings = null;
if (process.argv.includes('--tiny-model')) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeTinyModel } = await import('../../test/helpers/tiny-model.ts');
  const { loadEmbedder } = await import('../../src/semantic/embedder.ts');
  const { computeAskEmbeddings } = await import('../../src/semantic/ask-embeddings.ts');
  const tmp = mkdtempSync(join(tmpdir(), 'cka-ask-dl-'));
  writeTinyModel(join(tmp, 'models'), 'tiny', { text: logs.slice(0, 50).map((l) => l.source).join('') });
  const embedder = await loadEmbedder({ model: 'tiny', modelDir: join(tmp, 'models'), allowRemoteModels: false, quantized: true, prefix: '', cacheDir: join(tmp, 'cache') });
  const te = performance.now();
  const r = await computeAskEmbeddings(archive, embedder, join(tmp, 'cache'));
  embeddings = r.embeddings;
  console.log('embeddings (tiny model)', ((performance.now() - te) / 1000).toFixed(1), 's', JSON.stringify(r.stats));
  t = performance.now();
}
const st = buildAskIndex(archive, (p, c) => files.set(p, c), embeddings);
console.log('ask index', ((performance.now() - t) / 1000).toFixed(1), 's', JSON.stringify(st));
const gz = new Map<string, number>();
const gzOf = (p: string) => { let n = gz.get(p); if (n === undefined) gz.set(p, (n = gzipSync(files.get(p)!).length)); return n; };
const first = async (q: string) => {
  const got: string[] = [];
  const c = new SearchClient(async (p) => { got.push(p); const f = files.get(p); if (f === undefined) throw new Error('missing ' + p); return f; });
  const r = await c.search(q, { limit: PAGE, context: 1 });
  const bytes = [...new Set(got)].reduce((n, p) => n + gzOf(p), 0);
  const byKind = new Map<string, number>();
  for (const p of new Set(got)) byKind.set(p.split('/').slice(0, p.startsWith('ask/') ? 2 : 1).join('/'), (byKind.get(p.split('/').slice(0, p.startsWith('ask/') ? 2 : 1).join('/')) ?? 0) + gzOf(p));
  console.log(`${r.mode}\t${q}\t${(bytes / 1024).toFixed(1)} KiB gzip\t${r.threadCount} threads\t${JSON.stringify(Object.fromEntries([...byKind].map(([k, v]) => [k, +(v / 1024).toFixed(1)])))}\ttop ${r.threads.slice(0, 3).map((x) => x.threadId).join(' ')}`);
};
for (const q of ['怎么防止重复扣款', '每晚一定要睡满8小时吗', '结算的时候怎么避免重复打款', '微信支付能不能做担保交易', '四方系统是什么', '对账文件里的ERR文件是干什么用的', '分录流水', '对账文件', '支付宝', 'T+0', '清算', '四方系统']) await first(q);
