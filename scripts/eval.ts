// `npm run eval [-- --gold <dir>]`: scores thread disentanglement and topics against hand-made gold files
// (*.threads.json, default ../shared/eval). A dev-time tool: the product never reads ../shared.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildArchive } from '../src/core/archive.ts';
import { readContent } from '../src/node/load.ts';
import { evaluateDay, goldDayId, type GoldFile } from '../src/eval/gold.ts';
import { topicReport } from '../src/eval/topic-report.ts';
import topicModel from '../src/topics/model.json' with { type: 'json' };
import type { TopicModel } from '../src/topics/evidence.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const goldDir = resolve(arg('--gold') ?? '../shared/eval');
if (!existsSync(goldDir)) {
  console.error(`eval: no gold folder at ${goldDir}`);
  process.exit(1);
}
const files = readdirSync(goldDir).filter((n) => n.endsWith('.threads.json')).sort();
const archive = buildArchive(readContent());
const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
console.log('gold file                                1-1   exact-P exact-R exact-F1  topics  threads(gold/pred)');
let failed = false;
for (const name of files) {
  const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8')) as GoldFile;
  const r = evaluateDay(archive, gold);
  if (!r) { console.log(`${name.padEnd(38)} day ${gold.file} not in content/logs`); failed = true; continue; }
  console.log(
    `${name.padEnd(38)} ${pct(r.oneToOne)} ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)}  ${pct(r.topicAgreement)}  ${r.goldThreads}/${r.predThreads}`,
  );
  if (process.argv.includes('--verbose')) for (const line of r.details) console.log('  ' + line);
}

// Topic agreement (issue 16): per day and mean with the committed model, and leave-one-day-out cross-validated.
{
  const topicGold = files.map((name) => {
    const g = JSON.parse(readFileSync(join(goldDir, name), 'utf8')) as GoldFile;
    return { day: goldDayId(g.file), threads: g.threads };
  });
  const report = topicReport(archive, topicGold, topicModel as TopicModel);
  for (const line of report) console.log(line);
}
process.exit(failed ? 1 : 0);
