// `npx tsx scripts/fit-topics.ts [--archive ../shared/archive] [--gold test/fixtures/gold] [--dry]`:
// fits the topic scorer (src/topics/evidence.ts) on the gold threads' topics and writes src/topics/model.json.
// idf comes from every message of the archive folder; the gold days' logs must be in it. Prints the
// leave-one-day-out agreement (the first gold topic among the topics of the pipeline thread holding most of the
// gold thread) so the committed weights come with their honest, held-out figure. A dev-time tool.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildArchive } from '../src/core/archive.ts';
import { contentDir, readContentMeta, readLogs } from '../src/node/load.ts';
import { fitModel, termIdf, type LabelledThread } from '../src/topics/fit.ts';
import { compileTagger, tagThread } from '../src/topics/evidence.ts';
import { threadText } from '../src/topics/thread-text.ts';
import { firstTopicAgreement } from '../src/eval/topics.ts';
import { goldDayId, type GoldFile } from '../src/eval/gold.ts';
import type { Archive, Day } from '../src/core/types.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const archiveDir = resolve(arg('--archive', '../shared/archive'));
const goldDir = resolve(arg('--gold', 'test/fixtures/gold'));
const out = resolve('src/topics/model.json');

const meta = readContentMeta(contentDir());
const archive: Archive = buildArchive({ ...meta, logs: readLogs(archiveDir) });
const days = new Map(archive.days.map((d) => [d.id, d]));
const golds = readdirSync(goldDir).filter((n) => n.endsWith('.threads.json')).sort()
  .map((n) => JSON.parse(readFileSync(join(goldDir, n), 'utf8')) as GoldFile);

const base = termIdf(archive.days.flatMap((d) => d.messages.map((m) => m.text)), archive.topics, archive.terms);

interface GoldDay { id: string; day: Day; labelled: LabelledThread[]; gold: GoldFile }
const goldDays: GoldDay[] = golds.map((g) => {
  const id = goldDayId(g.file);
  const day = days.get(id);
  if (!day) throw new Error(`fit-topics: gold day ${id} is not in ${archiveDir}`);
  const labelled = g.threads
    .filter((t) => (t.topics ?? []).length > 0)
    .map((t) => ({ thread: threadText(day, t.messages, (t as { question?: number }).question ?? null), topics: t.topics ?? [] }));
  return { id, day, labelled, gold: g };
});

/** Agreement on one gold day with a model: on the pipeline's threads, and on the gold's own message sets. */
function score(g: GoldDay, model: ReturnType<typeof fitModel>) {
  const tagger = compileTagger(archive.topics, archive.terms, model);
  const pred = archive.threads.filter((t) => t.day === g.id).map((t) => {
    const q = t.questionId ? Number(t.questionId.split('/').pop()) : null;
    return { seqs: t.seqs, topics: tagThread(threadText(g.day, t.seqs, q), tagger).topics.map((s) => s.slug) };
  });
  const gold = g.gold.threads.map((t) => ({ seqs: t.messages, topics: t.topics ?? [] }));
  const onPipeline = firstTopicAgreement(gold, pred);
  const onGold = firstTopicAgreement(gold, g.labelled.map((l, i) => ({ seqs: g.gold.threads.filter((t) => (t.topics ?? []).length)[i]?.messages ?? [], topics: tagThread(l.thread, tagger).topics.map((s) => s.slug) })));
  return { onPipeline, onGold };
}

let agreed = 0;
let total = 0;
let agreedGold = 0;
console.log('held-out day                 pipeline threads   gold message sets');
for (const held of goldDays) {
  const train = goldDays.filter((g) => g !== held).flatMap((g) => g.labelled);
  const model = fitModel(train, archive.topics, archive.terms, base);
  const r = score(held, model);
  agreed += r.onPipeline.agreed;
  total += r.onPipeline.total;
  agreedGold += r.onGold.agreed;
  console.log(`${held.id.padEnd(28)} ${r.onPipeline.agreed}/${r.onPipeline.total}`.padEnd(48) + `${r.onGold.agreed}/${r.onGold.total}`);
  if (process.argv.includes('--verbose')) for (const m of r.onPipeline.misses) console.log(`   #${m.seq} gold [${m.gold.join(',')}] got [${m.predicted.join(',')}]`);
}
console.log(`cross-validated (leave one day out): ${(agreed / total).toFixed(3)} on pipeline threads, ${(agreedGold / total).toFixed(3)} on gold message sets (${total} gold threads)`);

const model = fitModel(goldDays.flatMap((g) => g.labelled), archive.topics, archive.terms, base);
console.log('weights', JSON.stringify(model.weights), 'bias', model.bias, 'threshold', model.threshold);
if (!process.argv.includes('--dry')) {
  writeFileSync(out, JSON.stringify(model, null, 1) + '\n');
  console.log(`wrote ${out}`);
}
