// `npm run eval [-- --gold <dir>] [--logs <dir>]`: scores thread disentanglement and topics against hand-made
// gold files (*.threads.json, default test/fixtures/gold, a copy of ../shared/eval). The gold days are built from
// the logs beside them (default <gold>/logs, the very days the gold judges) with the glossary and topics of
// content/, so the scores run from a fresh clone and equal what the gold test asserts.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildArchive } from '../src/pipeline/archive.ts';
import { contentDir, readContentMeta, readLogs } from '../src/node/load.ts';
import { evaluateDay, type GoldFile } from '../src/eval/gold.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const goldDir = resolve(arg('--gold') ?? 'test/fixtures/gold');
const logsDir = resolve(arg('--logs') ?? join(goldDir, 'logs'));
if (!existsSync(goldDir)) {
  console.error(`eval: no gold folder at ${goldDir}`);
  process.exit(1);
}
const files = readdirSync(goldDir).filter((n) => n.endsWith('.threads.json')).sort();
const archive = buildArchive({ ...readContentMeta(contentDir()), logs: readLogs(logsDir) });
const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
console.log('gold file                                1-1   exact-P exact-R exact-F1  topics  threads(gold/pred)');
let failed = false;
for (const name of files) {
  const gold = JSON.parse(readFileSync(join(goldDir, name), 'utf8')) as GoldFile;
  const r = evaluateDay(archive, gold);
  if (!r) { console.log(`${name.padEnd(38)} day ${gold.file} not in ${logsDir}`); failed = true; continue; }
  console.log(
    `${name.padEnd(38)} ${pct(r.oneToOne)} ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)}  ${pct(r.topicAgreement)}  ${r.goldThreads}/${r.predThreads}`,
  );
  if (process.argv.includes('--verbose')) for (const line of r.details) console.log('  ' + line);
}
process.exit(failed ? 1 : 0);
