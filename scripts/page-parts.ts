// How a day is cut into parts, measured: `npx tsx scripts/page-parts.ts [<group>/<date> …]` (default: the busiest
// real day, proddev/2017-12-22) builds a site of those days alone in a temporary folder and prints, per day, the
// parts' first seqs (src/site/pagination.ts), their message counts and the bytes of each part's HTML, and the
// long threads that are cut. The days are read from ../shared/archive (content/logs is a byte-for-byte copy).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempContent } from '../test/helpers/content.ts';
import { buildSite } from '../test/helpers/site.ts';
import { loadArchive } from '../src/node/load.ts';
import { viewModel } from '../src/site/model.ts';
import { dayPartUrl } from '../src/site/urls.ts';
import { dayStarts } from '../src/site/pagination.ts';

const days = process.argv.slice(2).length ? process.argv.slice(2) : ['proddev/2017-12-22'];
const content = tempContent(days, { glossary: false });
const out = mkdtempSync(join(tmpdir(), 'cka-parts-'));
try {
  const archive = loadArchive(content);
  const { pages } = viewModel(archive);
  buildSite(content, join(out, 'site'));
  for (const d of archive.days) {
    const starts = dayStarts(pages, d.id) ?? [1];
    console.log(`${d.id}: ${d.messages.length} messages, ${starts.length} part(s)`);
    starts.forEach((first, i) => {
      const last = (starts[i + 1] ?? d.messages.length + 1) - 1;
      const url = dayPartUrl(d.id, i + 1);
      console.log(`  ${url}  #${first}–#${last} (${last - first + 1} messages)  ${statSync(join(out, 'site', url, 'index.html')).size.toLocaleString('en-US')} bytes`);
    });
  }
  for (const [id, starts] of Object.entries(pages.threads)) console.log(`thread ${id}: parts start at ${starts.join(', ')}`);
} finally {
  rmSync(out, { recursive: true, force: true });
  rmSync(join(content, '..'), { recursive: true, force: true });
}
