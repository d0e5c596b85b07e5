// `npx tsx scripts/thread-stats.ts [content dir]`: thread sizes over a whole archive (default content/, i.e. the
// real 719 days), the figures issue 13 cites: how many threads, how many exceed 100 messages (and the largest),
// how many hold a single message. Runs the pipeline only (no site build). A dev-time tool.
import { buildArchive } from '../src/pipeline/archive.ts';
import { contentDir, readContent } from '../src/node/load.ts';

const a = buildArchive(readContent(process.argv[2] ?? contentDir()));
const sizes = a.threads.map((t) => t.seqs.length).sort((x, y) => y - x);
const messages = sizes.reduce((n, s) => n + s, 0);
const single = sizes.filter((s) => s === 1).length;
console.log(`${a.days.length} days, ${messages} messages, ${sizes.length} threads`);
console.log(`threads > 100 messages: ${sizes.filter((s) => s > 100).length} (largest ${sizes[0] ?? 0})`);
console.log(`single-message threads: ${single} (${((100 * single) / Math.max(1, sizes.length)).toFixed(1)} % of threads)`);
console.log(`threads of 2-5 messages: ${sizes.filter((s) => s >= 2 && s <= 5).length}; median size ${sizes[Math.floor(sizes.length / 2)] ?? 0}`);
