// `npx tsx scripts/fit-questions.ts [--min-precision 0.9]`: the recurring-question threshold on the hand-judged
// pairs (test/fixtures/question-pairs-archive.json, drawn from the whole archive by scripts/draw-question-pairs.ts,
// and the 20 pairs of test/fixtures/question-pairs.json), scored on the whole archive (content/): precision, recall
// and F1 at the current SAME_QUESTION and at the fitted threshold, and the sweep around it. No transformers.js model
// is present here, so the embedding signal's share (EMBEDDING_SHARE) is not fitted; with a model configured, the
// similarity includes it (src/semantic/ask-embeddings.ts) and this script fits the threshold of that mix.
import { join, resolve } from 'node:path';
import { loadArchive } from '../src/node/load.ts';
import { analysisCacheDir } from '../src/node/analysis-cache.ts';
import { questionSimilarity, SAME_QUESTION } from '../src/questions/recurring.ts';
import { fitThreshold, quality } from '../src/questions/fit.ts';
import { judgedPairs } from '../src/questions/judged.ts';
import { getAskEmbeddings } from '../src/semantic/ask-embeddings.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const minPrecision = Number(args.includes('--min-precision') ? args[args.indexOf('--min-precision') + 1] : 0.9);
const archive = loadArchive(join(ROOT, 'content'), { analysisCache: analysisCacheDir() });
const embeddings = await getAskEmbeddings(archive, () => {});
const { scored, unscored } = judgedPairs(archive, questionSimilarity(archive, embeddings), ROOT);
const f = (x: number) => x.toFixed(3);
const line = (label: string, q: ReturnType<typeof quality>) =>
  console.log(`${label.padEnd(26)} threshold ${f(q.threshold)}  precision ${f(q.precision)}  recall ${f(q.recall)}  F1 ${f(q.f1)}  (tp ${q.tp}, fp ${q.fp}, fn ${q.fn})`);
console.log(`${scored.length} judged pairs scored (${scored.filter((p) => p.same).length} same), ${unscored} no longer a thread's question; model: ${embeddings ? embeddings.id : 'none (embedding share not measured)'}`);
line('current SAME_QUESTION', quality(scored, SAME_QUESTION));
const { chosen, rule, sweep } = fitThreshold(scored, minPrecision);
line(`fitted (${rule})`, chosen);
console.log('sweep (thresholds between judged pairs, >= 0.45):');
for (const q of sweep.filter((x) => x.threshold >= 0.45)) line('', q);
