// `npx tsx scripts/fit-threads.ts [--gold dir]`: fits the thread-assignment weights on every gold day
// (default test/fixtures/gold) and writes src/threads/weights.json and the answer model's src/qa/answer-weights.json. Deterministic: the same gold gives the
// same file. Cross-validated figures: `npm run eval`.
import { writeFileSync } from 'node:fs';
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { answerExamples, fitAnswers, fitThreads, goldExamples } from '../src/eval/crossval.ts';
import { ANSWER_FEATURES } from '../src/qa/answers.ts';
import { FEATURE_NAMES } from '../src/threads/features-learned.ts';
import { logLoss } from '../src/threads/fit.ts';
import { FIT } from '../src/threads/fit-options.ts';

const i = process.argv.indexOf('--gold');
const set = readGold(i >= 0 ? process.argv[i + 1] : DEFAULT_GOLD_DIR);
const { days, terms } = buildGoldDays(set.files, set.input);
const examples = [...goldExamples(days, terms).values()].flat();
const w = fitThreads(days, terms, FIT);
const out = { note: 'Fitted by scripts/fit-threads.ts on ' + days.map((d) => d.name).join(', ') + '; do not edit by hand.', features: [...FEATURE_NAMES], weights: [...w].map((x) => Math.round(x * 1e6) / 1e6) };
writeFileSync('src/threads/weights.json', JSON.stringify(out, null, 1) + '\n');
console.log(`fitted on ${examples.length} decisions of ${days.length} days; log loss ${logLoss(examples, w).toFixed(4)}`);
FEATURE_NAMES.forEach((n, k) => console.log(`  ${n.padEnd(22)} ${(w[k] ?? 0).toFixed(3)}`));

const a = fitAnswers(days, terms);
const answers = answerExamples(days, terms);
writeFileSync('src/qa/answer-weights.json', JSON.stringify({ note: 'Fitted by scripts/fit-threads.ts on the gold answers of ' + days.filter((d) => d.gold.threads.some((t) => 'question' in t)).map((d) => d.name).join(', ') + '; do not edit by hand.', features: [...ANSWER_FEATURES], weights: [...a].map((x) => Math.round(x * 1e6) / 1e6) }, null, 1) + '\n');
console.log(`answers: fitted on ${answers.length} replies (${answers.filter((e) => e.gold === 0).length} answers); log loss ${logLoss(answers, a).toFixed(4)}`);
ANSWER_FEATURES.forEach((n, k) => console.log(`  ${n.padEnd(22)} ${(a[k] ?? 0).toFixed(3)}`));
