// The topic block of `npm run eval`: agreement per gold day and mean with the committed model, then
// leave-one-day-out cross-validated (refitted per fold), on the pipeline's threads and on the gold message sets.
import { archiveProfiles, crossValidate, pooled, scoreDay, type GoldThreads } from '../topics/cross-validate.ts';
import type { TopicModel } from '../topics/evidence.ts';
import type { Archive } from '../model/types.ts';

export function topicReport(archive: Archive, golds: readonly GoldThreads[], model: TopicModel): string[] {
  const days = new Map(archive.days.map((d) => [d.id, d]));
  const present = golds.filter((g) => days.has(g.day));
  const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
  const lines = ['', 'topic agreement (first gold topic among the topics of the thread holding most of it)', 'gold day                       pipeline  gold-sets'];
  const rates: number[] = [];
  const profiles = archiveProfiles(archive, model);
  for (const g of present) {
    const day = days.get(g.day);
    if (!day) continue;
    const s = scoreDay(archive, day, g, model, profiles);
    rates.push(s.pipeline.rate);
    lines.push(`${g.day.padEnd(30)} ${pct(s.pipeline.rate)}  ${pct(s.gold.rate)}   (${s.pipeline.agreed}/${s.pipeline.total})`);
  }
  if (rates.length) lines.push(`${'mean'.padEnd(30)} ${pct(rates.reduce((a, b) => a + b, 0) / rates.length)}`);
  if (present.length >= 2) {
    const folds = crossValidate(archive, present, model);
    lines.push(`${'cross-validated (leave-one-day-out)'.padEnd(30)} ${pct(pooled(folds, 'pipeline'))}  ${pct(pooled(folds, 'gold'))}`);
  }
  return lines;
}
