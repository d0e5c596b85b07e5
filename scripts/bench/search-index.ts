// `npm run bench -- search-index [--content=<dir>] [--days=1000] [--head-min=N]` or `npx tsx scripts/bench/search-index.ts`: the
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

/** Wall time and CPU time (user + system, the process): on a shared machine the CPU time varies less. */
async function stageOf(archive: Archive, opts: BuildOptions): Promise<{ ms: number; cpuMs: number; heads: number; headBytes: number }> {
  const cpu = process.cpuUsage();
  const st = await buildSearchIndex(archive, () => {}, opts);
  const used = process.cpuUsage(cpu);
  return { ms: st.ms, cpuMs: (used.user + used.system) / 1000, heads: st.heads, headBytes: st.bytes.head };
}

/** Without and with heads, twice in turn: the first pair runs colder (JIT, heap growth) than a build's stage does. */
async function measure(label: string, archive: Archive, headMinMessages?: number): Promise<void> {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  for (let round = 1; round <= 2; round++) {
    const off = await stageOf(archive, { headMinMessages: Infinity });
    const on = await stageOf(archive, headMinMessages === undefined ? {} : { headMinMessages });
    console.log(`${label}: ${archive.days.length} days, round ${round}: search index without heads ${s(off.ms)} s (CPU ${s(off.cpuMs)} s), ` +
      `with ${on.heads} heads (${(on.headBytes / 1e6).toFixed(2)} MB) ${s(on.ms)} s (CPU ${s(on.cpuMs)} s): ${(on.ms / off.ms).toFixed(2)}x wall, ${(on.cpuMs / off.cpuMs).toFixed(2)}x CPU`);
  }
}

export async function run(args: string[]): Promise<void> {
  const opt = (k: string) => args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
  const days = (opt('days') ?? '').split(',').filter(Boolean).map(Number);
  const headMin = opt('head-min') === undefined ? undefined : Number(opt('head-min'));
  if (!days.length || opt('content')) {
    const dir = resolve(opt('content') ?? contentDir());
    await measure(dir, loadArchive(dir, process.env.CKA_CACHE_DIR ? { analysisCache: analysisCacheDir() } : {}), headMin);
  }
  for (const n of days) {
    const logs = [...generateLogs({ days: n })].map((l) => ({ file: l.file, source: l.source }));
    await measure('synthetic', buildArchive({ ...readContentMeta(contentDir()), logs }), headMin);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
