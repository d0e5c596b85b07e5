// The whole-site build of the content folder ($CKA_CONTENT_DIR or ./content) beside Pagefind indexing the same day
// pages in the same run, as ratios (issue 11: a full build at most 5× Pagefind, a rebuild after `add` of one day at
// most 25 % of a full build):
//   1. full build: `npm run build` (scripts/build.ts) of the content without its newest day log, empty caches;
//   2. `npm run cli -- add <that day>`, then the rebuild: same output folder, same cache (analysis cache and the
//      page reuse of an incremental build);
//   3. Pagefind (its CLI) indexing the day pages of the built site, copied alone into a folder.
// Peak RSS of each build from GNU time when /usr/bin/time exists. Each build's stage lines are kept in the output.
// `npm run bench -- build [--days=N]` (--days: only the first N day logs, to profile on a slice).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir, listLogFiles } from '../../src/node/load.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

interface Timed {
  ms: number;
  peakMiB: number | null;
  stages: string[];
}

/** `npm run build <outDir>` in a child process: wall time, peak resident memory (GNU time), its stage lines. */
export function siteBuild(content: string, outDir: string, cacheDir: string): Timed {
  const gnuTime = existsSync('/usr/bin/time');
  const cmd = [process.execPath, TSX, join(ROOT, 'scripts/build.ts'), outDir];
  const t = performance.now();
  const r = spawnSync(gnuTime ? '/usr/bin/time' : cmd[0]!, gnuTime ? ['-f', 'PEAK_KIB %M', ...cmd] : cmd.slice(1), {
    cwd: ROOT,
    env: { ...process.env, CKA_CONTENT_DIR: content, CKA_CACHE_DIR: cacheDir },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status}):\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
  const peak = /PEAK_KIB (\d+)/.exec(r.stderr);
  return { ms, peakMiB: peak ? Number(peak[1]) / 1024 : null, stages: (r.stdout + r.stderr).split('\n').filter((l) => l.startsWith('[build] ')) };
}

/** Pagefind's CLI indexing the day pages (/<group>/<YYYY-MM-DD>/index.html) of a built site, copied alone. */
export function pagefindDayPages(site: string): { ms: number; pages: number } {
  const stage = mkdtempSync(join(tmpdir(), 'cka-pf-'));
  let pages = 0;
  try {
    for (const g of readdirSync(site)) {
      const gdir = join(site, g);
      if (g.startsWith('_') || !statSync(gdir).isDirectory()) continue;
      for (const d of readdirSync(gdir)) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !existsSync(join(gdir, d, 'index.html'))) continue;
        mkdirSync(join(stage, g, d), { recursive: true });
        cpSync(join(gdir, d, 'index.html'), join(stage, g, d, 'index.html'));
        pages++;
      }
    }
    const t = performance.now();
    const r = spawnSync(join(ROOT, 'node_modules/.bin/pagefind'), ['--site', stage, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`pagefind failed (${r.status}): ${r.stderr}`);
    return { ms: performance.now() - t, pages };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const src = contentDir();
  const daysArg = args.find((a) => a.startsWith('--days='));
  const tmp = mkdtempSync(join(tmpdir(), 'cka-bench-build-'));
  try {
    // A copy of the content folder without its newest day log, which is then added with the CLI (`add`).
    const content = join(tmp, 'content');
    mkdirSync(join(content, 'logs'), { recursive: true });
    for (const n of readdirSync(src)) if (n !== 'logs' && !n.startsWith('.')) cpSync(join(src, n), join(content, n), { recursive: true });
    let logs = listLogFiles(join(src, 'logs'));
    if (daysArg) logs = logs.slice(0, Number(daysArg.slice(7)));
    const byDate = [...logs].sort((a, b) => basename(a).localeCompare(basename(b)) || a.localeCompare(b));
    const newest = byDate[byDate.length - 1]!;
    for (const f of logs) {
      if (f === newest) continue;
      const rel = relative(join(src, 'logs'), f);
      mkdirSync(dirname(join(content, 'logs', rel)), { recursive: true });
      cpSync(f, join(content, 'logs', rel));
    }
    const out = join(tmp, 'dist');
    const cache = join(tmp, 'cache');
    const full = siteBuild(content, out, cache);
    const group = basename(dirname(newest));
    const add = spawnSync(process.execPath, [TSX, join(ROOT, 'scripts/cli.ts'), 'add', newest, '--group', group], { cwd: ROOT, env: { ...process.env, CKA_CONTENT_DIR: content }, encoding: 'utf8' });
    if (add.status !== 0) throw new Error(`add failed: ${add.stdout}${add.stderr}`);
    const rebuild = siteBuild(content, out, cache);
    const pf = pagefindDayPages(out);
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const mib = (t: Timed) => (t.peakMiB === null ? '–' : t.peakMiB.toFixed(0));
    console.log(`content: ${logs.length} day logs (${relative(ROOT, src) || src}); the newest (${relative(join(src, 'logs'), newest)}) added with \`add\` before the rebuild\n`);
    console.log('| step | s | peak RSS MiB | ratio |');
    console.log('|---|---:|---:|---:|');
    console.log(`| full build (npm run build, empty caches) | ${s(full.ms)} | ${mib(full)} | ${(full.ms / pf.ms).toFixed(1)}× Pagefind |`);
    console.log(`| rebuild after add of one day | ${s(rebuild.ms)} | ${mib(rebuild)} | ${((rebuild.ms / full.ms) * 100).toFixed(0)} % of full |`);
    console.log(`| Pagefind indexing ${pf.pages} day pages | ${s(pf.ms)} | | 1 |`);
    console.log('\nfull build stages:\n' + full.stages.join('\n'));
    console.log('\nrebuild stages:\n' + rebuild.stages.join('\n'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
