// `npm run bench -- search-index [--content=<dir>] [--days=1000]` or `npx tsx scripts/bench/search-index.ts`: the
// search-index stage alone (no pages), built twice in the same run over the same archive, without result heads and
// with them, so their cost is a ratio measured under the same load (issue 11 item 7). The archive is analysed once
// (the on-disk analysis cache of CKA_CACHE_DIR when set). Measures, never asserts.
import { resolve } from 'node:path';
import { loadArchive, contentDir, readContentMeta } from '../../src/node/load.ts';
import { analysisCacheDir } from '../../src/node/analysis-cache.ts';
import { buildArchive } from '../../src/pipeline/archive.ts';
import { generateLogs } from '../../src/synth/generate.ts';
import type { Archive } from '../../src/model/types.ts';
import { buildSearchIndex, type BuildOptions } from '../../src/search/build.ts';

async function stageOf(archive: Archive, opts: BuildOptions): Promise<{ ms: number; heads: number; headBytes: number; files: number }> {
  const st = await buildSearchIndex(archive, () => {}, opts);
  return { ms: st.ms, heads: st.heads, headBytes: st.bytes.head, files: st.files };
}

async function measure(label: string, archive: Archive): Promise<void> {
  const off = await stageOf(archive, { headMinMessages: Infinity });
  const on = await stageOf(archive, {});
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(`${label}: ${archive.days.length} days; search index without heads ${s(off.ms)} s, with heads ${s(on.ms)} s ` +
    `(${on.heads} heads, ${(on.headBytes / 1e6).toFixed(2)} MB): ${(on.ms / off.ms).toFixed(2)}x`);
}

export async function run(args: string[]): Promise<void> {
  const opt = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const days = (opt('days') ?? '').split(',').filter(Boolean).map(Number);
  if (!days.length || opt('content')) {
    const dir = resolve(opt('content') ?? contentDir());
    await measure(dir, loadArchive(dir, process.env.CKA_CACHE_DIR ? { analysisCache: analysisCacheDir() } : {}));
  }
  for (const n of days) {
    const logs = [...generateLogs({ days: n })].map((l) => ({ file: l.file, source: l.source }));
    await measure('synthetic', buildArchive({ ...readContentMeta(contentDir()), logs }));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
