// Builds the gold days (speakers assigned as in the site) from a GoldSet read by src/node/gold.ts.
import { buildArchive, threadTermsOf } from '../pipeline/archive.ts';
import type { ArchiveInput, Day } from '../model/types.ts';
import { goldDayId, type GoldFile } from './gold.ts';
import type { GoldDay } from './crossval.ts';

export function buildGoldDays(files: { name: string; gold: GoldFile }[], input: ArchiveInput): { days: GoldDay[]; terms: string[] } {
  const archive = buildArchive(input);
  const byId = new Map<string, Day>(archive.days.map((d) => [d.id, d]));
  const days = files.flatMap(({ name, gold }) => {
    const day = byId.get(goldDayId(gold.file));
    return day ? [{ name, gold, day }] : [];
  });
  return { days, terms: threadTermsOf(archive.terms, archive.topics) };
}
