// `npx tsx scripts/fit-topics.ts [--archive ../shared/archive] [--gold test/fixtures/gold] [--dry] [--verbose]`:
// fits the topic scorer (src/topics/evidence.ts) on the gold threads' topics and writes src/topics/model.json.
// idf comes from every message of the archive folder; the gold days' logs must be in it. Prints the
// leave-one-day-out agreement (the first gold topic among the topics of the pipeline thread holding most of the
// gold thread) so the committed weights come with their held-out figure. A dev-time tool.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildArchive } from '../src/pipeline/archive.ts';
import { contentDir, readContentMeta, readLogs } from '../src/node/load.ts';
import { fitModel, termIdf, TOPIC_FIT } from '../src/topics/fit.ts';
import { crossValidate, pooled, trainingData, type GoldThreads } from '../src/topics/cross-validate.ts';
import { goldDayId, type GoldFile } from '../src/eval/gold.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const archiveDir = resolve(arg('--archive', '../shared/archive'));
const goldDir = resolve(arg('--gold', 'test/fixtures/gold'));
const out = resolve('src/topics/model.json');
// One recipe (TOPIC_FIT) for every fold and the committed model: each fit chooses its threshold on its own
// training threads. Precision is guarded by the rules of tagThread and judged by hand (docs/topic-judgments.md).

const archive = buildArchive({ ...readContentMeta(contentDir()), logs: readLogs(archiveDir) });
const golds: GoldThreads[] = readdirSync(goldDir).filter((n) => n.endsWith('.threads.json')).sort().map((n) => {
  const g = JSON.parse(readFileSync(join(goldDir, n), 'utf8')) as GoldFile;
  return { day: goldDayId(g.file), threads: g.threads };
});
const days = new Map(archive.days.map((d) => [d.id, d]));
for (const g of golds) if (!days.has(g.day)) throw new Error(`fit-topics: gold day ${g.day} is not in ${archiveDir}`);

const base = termIdf(archive.days.flatMap((d) => d.messages.map((m) => m.text)), archive.topics, archive.terms);
const folds = crossValidate(archive, golds, base, TOPIC_FIT);
console.log('held-out day                 pipeline threads   gold message sets');
for (const f of folds) {
  console.log(`${f.day.padEnd(28)} ${f.pipeline.agreed}/${f.pipeline.total}`.padEnd(48) + `${f.gold.agreed}/${f.gold.total}`);
  if (process.argv.includes('--verbose')) for (const m of f.pipeline.misses) console.log(`   #${m.seq} gold [${m.gold.join(',')}] got [${m.predicted.join(',')}]`);
}
console.log(`cross-validated (leave one day out): ${pooled(folds, 'pipeline').toFixed(3)} on pipeline threads, ${pooled(folds, 'gold').toFixed(3)} on gold message sets`);

const { data, partners } = trainingData(archive, golds);
const model = fitModel(data, archive.topics, archive.terms, base, { ...TOPIC_FIT, partners });
console.log('weights', JSON.stringify(model.weights), 'bias', model.bias, 'threshold', model.threshold, 'episodes', model.episodeGap ? `${model.episodeGap} s, ${model.episodeMin}+ messages` : 'off');
if (!process.argv.includes('--dry')) {
  writeFileSync(out, JSON.stringify(model, null, 1) + '\n');
  console.log(`wrote ${out}`);
}
