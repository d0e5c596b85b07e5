// `npx tsx scripts/agreement.ts [--first <dir>] [--second <dir>] [--no-model]`: inter-annotator agreement. For every
// day annotated twice (default test/fixtures/gold and test/fixtures/gold-second), scores the second annotation
// against the first by the measures the model is scored by, and beside it the model's leave-one-day-out figures on
// the same days (fitted on all first-annotation days but the held-out one), so the model's target can be read
// against what two people reach on this archive. A dev-time tool: the product never reads the gold.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareAnnotations, type Agreement } from '../src/eval/agreement.ts';
import { addPR, precision, recall, type GoldFile, type PR } from '../src/eval/gold.ts';
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { leaveOneDayOut, mean } from '../src/eval/crossval.ts';
import { FIT } from '../src/threads/fit-options.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
}

const firstDir = arg('--first', DEFAULT_GOLD_DIR);
const secondDir = arg('--second', 'test/fixtures/gold-second');
if (!existsSync(secondDir)) throw new Error(`agreement: no second annotations at ${secondDir}`);
const names = readdirSync(secondDir).filter((n) => n.endsWith('.threads.json')).sort();
const read = (dir: string, n: string) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as GoldFile;
const rows: Agreement[] = names.map((n) => {
  if (!existsSync(join(firstDir, n))) throw new Error(`agreement: ${n} has no first annotation in ${firstDir}`);
  return compareAnnotations(read(firstDir, n), read(secondDir, n));
});

const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const prs = (c: PR | undefined) => (c ? `${pct(precision(c))} ${pct(recall(c))}` : '     -      -');
const pool = (xs: (PR | undefined)[]) => xs.filter((x): x is PR => !!x).reduce(addPR, { tp: 0, predicted: 0, gold: 0 });
const header = 'day                             msgs  threads     1-1  exact-P exact-R exact-F1    Q-P    Q-R    A-P    A-R  topics';

console.log('Second annotation scored against the first (A = first, in the gold\'s place)');
console.log(header);
rows.forEach((r, i) => {
  console.log(`${names[i]!.padEnd(30)} ${String(r.messages).padStart(5)}  ${String(r.threads[0]).padStart(3)}/${String(r.threads[1]).padEnd(3)}  ${pct(r.oneToOne)} ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)}  ${prs(r.qa?.questions)} ${prs(r.qa?.answers)} ${pct(r.topics.rate)}`);
});
console.log(`${'mean'.padEnd(30)} ${''.padStart(5)}  ${''.padStart(7)}  ${pct(mean(rows.map((r) => r.oneToOne)))} ${pct(mean(rows.map((r) => r.exact.precision)))} ${pct(mean(rows.map((r) => r.exact.recall)))} ${pct(mean(rows.map((r) => r.exact.f1)))}  ${prs(pool(rows.map((r) => r.qa?.questions)))} ${prs(pool(rows.map((r) => r.qa?.answers)))} ${pct(mean(rows.map((r) => r.topics.rate)))}`);
console.log('(threads and topics: mean over days; Q&A: pooled; exact match skips single-message threads, as for the model)');

if (!process.argv.includes('--no-model')) {
  const set = readGold(firstDir);
  const { days, terms } = buildGoldDays(set.files, set.input);
  const twice = new Set(names);
  const held = leaveOneDayOut(days, terms, FIT).filter((r) => twice.has(r.name));
  console.log('\nThe model on the same days, leave-one-day-out over all first-annotation days, against the first annotation');
  console.log(header);
  for (const r of held) {
    console.log(`${r.name.padEnd(30)} ${''.padStart(5)}  ${String(r.goldThreads).padStart(3)}/${String(r.predThreads).padEnd(3)}  ${pct(r.oneToOne)} ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)}  ${prs(r.qa?.questions)} ${prs(r.qa?.answers)}`);
  }
  console.log(`${'mean'.padEnd(30)} ${''.padStart(5)}  ${''.padStart(7)}  ${pct(mean(held.map((r) => r.oneToOne)))} ${pct(mean(held.map((r) => r.exact.precision)))} ${pct(mean(held.map((r) => r.exact.recall)))} ${pct(mean(held.map((r) => r.exact.f1)))}  ${prs(pool(held.map((r) => r.qa?.questions)))} ${prs(pool(held.map((r) => r.qa?.answers)))}`);
}
