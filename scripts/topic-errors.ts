// `npx tsx scripts/topic-errors.ts [--gold dir] [--archive logsDir]`: why topic agreement misses, leave-one-day-out.
// Each gold day is tagged by the model fitted on the other days (as `npm run eval` does); every gold thread whose
// first topic the pipeline thread holding most of it lacks is listed with what we gave, how its partner thread
// differs from it (extra / missing messages: the splitter merged or split it), its opening texts and the best-scored
// topics on its own message set with the evidence that decided them. Default archive: the gold days' own logs (the
// `npm run eval` setting); --archive ../shared/archive gives the whole-archive broad-topic profiles of
// scripts/fit-topics.ts. A dev-time tool.
import { resolve } from 'node:path';
import { buildArchive } from '../src/pipeline/archive.ts';
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { contentDir, readContentMeta, readLogs } from '../src/node/load.ts';
import { goldDayId } from '../src/eval/gold.ts';
import { partnerOf } from '../src/eval/topics.ts';
import { parseMessageId } from '../src/model/ids.ts';
import { archiveProfiles, foldModel, scoreDay } from '../src/topics/cross-validate.ts';
import { compileTagger, probability, tagThread, topicFeatures } from '../src/topics/evidence.ts';
import { nearestTopic } from '../src/topics/nearest.ts';
import { threadText } from '../src/topics/thread-text.ts';
import model from '../src/topics/model.json' with { type: 'json' };
import type { TopicModel } from '../src/topics/evidence.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const set = readGold(arg('--gold') ?? DEFAULT_GOLD_DIR);
const logsDir = arg('--archive');
const archive = buildArchive(logsDir ? { ...readContentMeta(contentDir()), logs: readLogs(resolve(logsDir)) } : set.input);
const golds = set.files.map(({ gold }) => ({ day: goldDayId(gold.file), threads: gold.threads }));
const days = new Map(archive.days.map((d) => [d.id, d]));
const base = model as TopicModel;
let total = 0;
let agreedP = 0;
let agreedG = 0;
for (const g of golds) {
  const day = days.get(g.day);
  if (!day) continue;
  const m = foldModel(archive, golds, g.day, base);
  const profiles = archiveProfiles(archive, m);
  const s = scoreDay(archive, day, g, m, profiles);
  total += s.pipeline.total; agreedP += s.pipeline.agreed; agreedG += s.gold.agreed;
  console.log(`\n== ${g.day}: pipeline ${s.pipeline.agreed}/${s.pipeline.total}, gold sets ${s.gold.agreed}/${s.gold.total} (threshold ${m.threshold}, episodes ${m.episodeGap}/${m.episodeMin})`);
  const tagger = compileTagger(archive.topics, archive.terms, m);
  const pred = archive.threads.filter((t) => t.day === g.day);
  const goldMiss = new Set(s.gold.misses.map((x) => x.seq));
  for (const miss of s.pipeline.misses.concat(s.gold.misses.filter((x) => !s.pipeline.misses.some((y) => y.seq === x.seq)))) {
    const gt = g.threads.find((t) => t.messages[0] === miss.seq);
    if (!gt) continue;
    const j = partnerOf(gt.messages, pred.map((p) => ({ seqs: p.seqs, topics: p.topics })));
    const partner = pred[j];
    const inGold = new Set(gt.messages);
    const extra = partner ? partner.seqs.filter((x) => !inGold.has(x)).length : 0;
    const missing = partner ? gt.messages.filter((x) => !partner.seqs.includes(x)).length : gt.messages.length;
    const pipelineMiss = s.pipeline.misses.some((y) => y.seq === miss.seq);
    console.log(`#${miss.seq} gold [${(gt.topics ?? []).join(',')}] ${gt.messages.length} msgs; ${pipelineMiss ? `pipeline gave [${miss.predicted.join(',')}] (partner ${partner?.seqs.length ?? 0} msgs, +${extra} -${missing})` : 'pipeline ok'}; gold set ${goldMiss.has(miss.seq) ? 'MISS' : 'ok'}`);
    const text = threadText(day, gt.messages, gt.question ?? null);
    for (const t of text.texts.slice(0, 4)) console.log(`     | ${t.replace(/\s+/g, ' ').slice(0, 110)}`);
    const own = tagThread(text, tagger);
    const near = own.topics.length ? null : nearestTopic(text.texts, profiles);
    console.log(`     gold set tagged [${own.topics.map((x) => `${x.slug} ${x.score}`).join(', ')}]${near ? ` nearest ${near.slug} ${near.score}` : ''}`);
    const feats = topicFeatures(text, tagger).filter((f) => f.mass > 0).map((f) => ({ f, p: probability(f.features, m) })).sort((a, b) => b.p - a.p).slice(0, 5);
    for (const { f, p } of feats) console.log(`       ${f.slug.padEnd(20)} p=${p.toFixed(3)} msgs=${f.messages} share=${f.share.toFixed(2)} lead=${f.inLead ? 1 : 0} spec=${f.specific ? 1 : 0} [${f.evidence.slice(0, 5).join(' ')}]`);
    if (partner && pipelineMiss) {
      const ptext = threadText(day, partner.seqs, partner.questionId ? parseMessageId(partner.questionId)?.seq ?? null : null);
      console.log(`     partner opens: ${ptext.texts.slice(0, 2).map((t) => t.replace(/\s+/g, ' ').slice(0, 60)).join(' / ')}`);
      const pf = topicFeatures(ptext, tagger).filter((f) => f.mass > 0).map((f) => ({ f, p: probability(f.features, m) })).sort((a, b) => b.p - a.p);
      const first = gt.topics?.[0] ?? '';
      const rank = pf.findIndex((x) => x.f.slug === first);
      const at = pf[rank];
      console.log(`     partner: ${first} ${at ? `rank ${rank + 1} of ${pf.length}, p=${at.p.toFixed(3)} msgs=${at.f.messages} share=${at.f.share.toFixed(3)} spec=${at.f.specific ? 1 : 0} [${at.f.evidence.slice(0, 4).join(' ')}]` : 'no evidence'}; above: ${pf.slice(0, Math.max(0, rank)).map((x) => `${x.f.slug} ${x.p.toFixed(2)}/${x.f.share.toFixed(2)}`).join(', ')}`);
    }
  }
}
console.log(`\ncross-validated: pipeline ${agreedP}/${total} = ${(agreedP / total).toFixed(3)}, gold sets ${agreedG}/${total} = ${(agreedG / total).toFixed(3)}`);
