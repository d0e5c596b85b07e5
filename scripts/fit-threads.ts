// `npx tsx scripts/fit-threads.ts [--gold dir]`: fits the thread-assignment weights on every gold day
// (default test/fixtures/gold) and writes src/core/threads/weights.json. Deterministic: the same gold gives the
// same file. Cross-validated figures: `npm run eval`.
import { writeFileSync } from 'node:fs';
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { goldExamples } from '../src/eval/crossval.ts';
import { FEATURE_NAMES } from '../src/core/threads/features-learned.ts';
import { fitWeights, logLoss } from '../src/core/threads/fit.ts';
import { FIT } from '../src/core/threads/fit-options.ts';

const i = process.argv.indexOf('--gold');
const set = readGold(i >= 0 ? process.argv[i + 1] : DEFAULT_GOLD_DIR);
const { days, terms } = buildGoldDays(set.files, set.input);
const examples = [...goldExamples(days, terms).values()].flat();
const w = fitWeights(examples, FEATURE_NAMES.length, FIT);
const out = { note: 'Fitted by scripts/fit-threads.ts on ' + days.map((d) => d.name).join(', ') + '; do not edit by hand.', features: [...FEATURE_NAMES], weights: [...w].map((x) => Math.round(x * 1e6) / 1e6) };
writeFileSync('src/core/threads/weights.json', JSON.stringify(out, null, 1) + '\n');
console.log(`fitted on ${examples.length} decisions of ${days.length} days; log loss ${logLoss(examples, w).toFixed(4)}`);
FEATURE_NAMES.forEach((n, k) => console.log(`  ${n.padEnd(22)} ${(w[k] ?? 0).toFixed(3)}`));
