// npm run build: builds the site into a staging folder beside dist/ and swaps it in only on success, so a failed
// build leaves the previous site in place. Astro's own per-page log is quiet (warnings and errors still show);
// the build prints its stages instead (src/node/progress.ts). `astro build --outDir X` keeps working as before.
//
//   tsx scripts/build.ts [outDir] [--verbose]     outDir defaults to dist; --verbose shows Astro's full log
import { build } from 'astro';
import { resolve } from 'node:path';
import { buildReplacing } from '../src/node/replace-dir.ts';
import { seconds } from '../src/node/progress.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const target = resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
const t0 = performance.now();

try {
  // Day and thread pages whose inputs did not change are taken from the site being replaced (src/node/page-reuse.ts).
  process.env.CKA_REUSE_FROM = target;
  // The replaced site is deleted by a detached process, after the new one is in place (src/node/replace-dir.ts).
  await buildReplacing(target, (outDir) => build({ root: process.cwd(), outDir, logLevel: verbose ? 'info' : 'warn' }), 'index.html', 'background');
  console.log(`[build] done: ${target} replaced in ${seconds(performance.now() - t0)}`);
} catch (e) {
  console.error(`[build] failed; ${target} was left as it was.`);
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
}
