// `npm run eval [-- --gold <dir>] [--verbose]`: scores thread disentanglement, Q&A and topics against hand-made
// gold files (*.threads.json, default test/fixtures/gold; a day's log from <gold>/logs or content/logs).
// Prints per-day and mean scores of the committed model, then leave-one-day-out cross-validation (fit on the other
// days, score the held-out one). A dev-time tool: the product never reads the gold.
import { buildArchive } from '../src/pipeline/archive.ts';
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { evaluateDay } from '../src/eval/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { leaveOneDayOut, mean, scoreDay, type HeldOutScore } from '../src/eval/crossval.ts';
import { addPR, precision, recall, type PR } from '../src/eval/gold.ts';
import { FIT } from '../src/threads/fit-options.ts';
import { goldDayId } from '../src/eval/gold.ts';
import { topicReport } from '../src/eval/topic-report.ts';
import topicModel from '../src/topics/model.json' with { type: 'json' };
import type { TopicModel } from '../src/topics/evidence.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const set = readGold(arg('--gold') ?? DEFAULT_GOLD_DIR);
for (const m of set.missing) console.error(`eval: ${m}: its day log is neither in ${set.dir}/logs nor in content/logs`);
const { days, terms } = buildGoldDays(set.files, set.input);
const pct = (x: number) => (100 * x).toFixed(1).padStart(6);
const prs = (c: PR | undefined) => (c ? `${pct(precision(c))} ${pct(recall(c))}` : '     -      -');

function table(title: string, rows: HeldOutScore[]): void {
  console.log(`\n${title}`);
  console.log('gold file                               1-1  exact-P exact-R exact-F1  threads    Q-P    Q-R    A-P    A-R  | on gold threads: Q-P  Q-R  A-P  A-R');
  for (const r of rows) {
    console.log(`${r.name.padEnd(34)} ${pct(r.oneToOne)} ${pct(r.exact.precision)} ${pct(r.exact.recall)} ${pct(r.exact.f1)}  ${String(r.goldThreads).padStart(3)}/${String(r.predThreads).padEnd(3)} ${prs(r.qa?.questions)} ${prs(r.qa?.answers)}  | ${prs(r.qaOnGold?.questions)} ${prs(r.qaOnGold?.answers)}`);
  }
  const withQA = rows.filter((r) => r.qa);
  const pool = (f: (r: HeldOutScore) => PR | undefined) => withQA.map(f).filter((x): x is PR => !!x).reduce(addPR, { tp: 0, predicted: 0, gold: 0 });
  console.log(`${'mean'.padEnd(34)} ${pct(mean(rows.map((r) => r.oneToOne)))} ${pct(mean(rows.map((r) => r.exact.precision)))} ${pct(mean(rows.map((r) => r.exact.recall)))} ${pct(mean(rows.map((r) => r.exact.f1)))}           ${prs(pool((r) => r.qa?.questions))} ${prs(pool((r) => r.qa?.answers))}  | ${prs(pool((r) => r.qaOnGold?.questions))} ${prs(pool((r) => r.qaOnGold?.answers))}`);
  console.log('(threads: mean over days; Q&A: pooled over the days whose gold marks questions)');
}

table('Committed weights (fitted on all gold days: in-sample)', days.map((g) => scoreDay(g, terms)));
table('Leave-one-day-out (fit on the other days, score the held-out day)', leaveOneDayOut(days, terms, FIT));

if (process.argv.includes('--verbose')) {
  const archive = buildArchive(set.input);
  for (const { name, gold } of set.files) {
    const r = evaluateDay(archive, gold);
    if (!r) continue;
    console.log(`\n${name} (committed weights): topics ${pct(r.topicAgreement)}`);
    for (const line of r.details) console.log('  ' + line);
  }
}
// Topic agreement (issue 16): per day and mean with the committed model, and leave-one-day-out cross-validated.
{
  const archive = buildArchive(set.input);
  const topicGold = set.files.map(({ gold }) => ({ day: goldDayId(gold.file), threads: gold.threads }));
  console.log('');
  for (const line of topicReport(archive, topicGold, topicModel as TopicModel)) console.log(line);
}
process.exit(set.missing.length ? 1 : 0);
