// `npx tsx scripts/topic-sample.ts [--archive ../shared/archive] [--seed N[,M…]] [--n 30] [--topics a,b] [--out file.json]`:
// builds the archive of a logs folder, prints the share of substantive threads that carry a topic, and draws a
// seeded random sample of each topic's threads (with the opening messages) to judge by hand: see
// docs/topic-judgments.md. A dev-time tool; the product never reads ../shared.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildArchive } from '../src/pipeline/archive.ts';
import { contentDir, readContentMeta, readLogs } from '../src/node/load.ts';
import { sampleTopic, topicCoverage } from '../src/topics/coverage.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const archiveDir = resolve(arg('--archive', '../shared/archive'));
// Several seeds share one build of the archive (the samples of different rounds, drawn again after a change).
const seeds = arg('--seed', '16').split(',').map(Number);
const n = Number(arg('--n', '30'));
const slugs = arg('--topics', 'routing,ledgers,reconciliation,sleep-management').split(',');
const archive = buildArchive({ ...readContentMeta(contentDir()), logs: readLogs(archiveDir) });
const day = new Map(archive.days.map((d) => [d.id, d]));

const cov = topicCoverage(archive.threads, (t) => t.seqs.map((s) => day.get(t.day)?.messages[s - 1]?.text ?? ''));
console.log(`threads ${cov.threads}; substantive (3+ messages, 2+ saying something in words) ${cov.substantive}; with a topic ${cov.tagged} = ${cov.share.toFixed(3)} (first topic social/chit-chat: ${cov.offTopic})`);
const counts = new Map<string, number>();
for (const t of archive.threads) for (const s of t.topics) counts.set(s, (counts.get(s) ?? 0) + 1);
console.log('threads per topic: ' + [...counts].sort((a, b) => b[1] - a[1]).map(([s, c]) => `${s} ${c}`).join(', '));

const sample = seeds.flatMap((seed) => slugs.map((slug) => ({
  slug,
  seed,
  threads: sampleTopic(archive.threads, slug, n, seed).map((t) => {
    const d = day.get(t.day);
    return {
      id: t.id,
      title: t.title,
      topics: t.topics,
      evidence: t.topicEvidence[slug] ?? [],
      rank: t.topics.indexOf(slug) + 1,
      messages: t.seqs.length,
      text: t.seqs.slice(0, 12).map((s) => (d?.messages[s - 1]?.text ?? '').replace(/\s+/g, ' ').slice(0, 160)),
    };
  }),
})));
const out = arg('--out', '');
if (out) writeFileSync(out, JSON.stringify(sample, null, 1));
for (const s of sample) console.log(`${s.slug}: ${s.threads.length} sampled (seed ${s.seed})`);
