// `npx tsx scripts/draw-question-pairs.ts [--per-bin 18] [--seed 14] [--out FILE]`: draws cross-day question
// pairs from the whole archive (content/), stratified over the similarity of src/questions/recurring.ts around
// SAME_QUESTION, for judging by hand (test/fixtures/question-pairs-archive.json). Every cross-day pair is scored
// once; each similarity bin keeps a seeded reservoir sample (src/model/random.ts), so the same archive, code and
// seed draw the same pairs. The output carries both questions and each thread's first answer to read; `same` and
// `why` are left empty for the judge (a pair already judged in --out keeps its judgment).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadArchive } from '../src/node/load.ts';
import { analysisCacheDir } from '../src/node/analysis-cache.ts';
import { questionSimilarity, SAME_QUESTION } from '../src/questions/recurring.ts';
import { mulberry32 } from '../src/model/random.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (k: string, d: string) => (args.includes(`--${k}`) ? args[args.indexOf(`--${k}`) + 1] ?? d : d);
const perBin = Number(opt('per-bin', '18'));
const seed = Number(opt('seed', '14'));
const out = resolve(opt('out', join(ROOT, 'test/fixtures/question-pairs-archive.json')));

/** Similarity bins: dense around the threshold, where a judgment decides it; one bin each for clearly apart and clearly alike. */
const EDGES = [0.3, 0.38, 0.43, SAME_QUESTION, 0.51, 0.56, 0.65, 1.01];

export interface JudgedPair {
  a: string;
  b: string;
  /** The similarity when drawn (for the record; the fit recomputes it). */
  sim: number;
  qa: string;
  qb: string;
  /** Each thread's first answer, to read when the questions alone do not decide. */
  answerA: string;
  answerB: string;
  same: boolean | null;
  why: string;
}

const archive = loadArchive(join(ROOT, 'content'), { analysisCache: analysisCacheDir() });
const { docs, sim } = questionSimilarity(archive);
const msg = new Map(archive.days.flatMap((d) => d.messages.map((m) => [m.id, m] as const)));
const rnd = mulberry32(seed);
const bins: [number, number][][] = EDGES.slice(1).map(() => []);
const seen = EDGES.slice(1).map(() => 0);
const t0 = performance.now();
for (let a = 0; a < docs.length; a++) {
  for (let b = a + 1; b < docs.length; b++) {
    if (docs[a]!.thread.day === docs[b]!.thread.day) continue;
    const s = sim(a, b);
    if (s < EDGES[0]!) continue;
    let k = 0;
    while (k < bins.length - 1 && s >= EDGES[k + 1]!) k++;
    // Reservoir sampling: every pair of the bin is equally likely to be kept.
    const n = ++seen[k]!;
    if (bins[k]!.length < perBin) bins[k]!.push([a, b]);
    else {
      const j = Math.floor(rnd() * n);
      if (j < perBin) bins[k]![j] = [a, b];
    }
  }
}
const oneLine = (s: string, max = 160) => s.replace(/\s+/g, ' ').trim().slice(0, max);
const answerOf = (i: number) => {
  const id = docs[i]!.thread.answerIds[0];
  return id ? oneLine(msg.get(id)?.plain ?? '') : '';
};
const previous = new Map<string, JudgedPair>();
if (existsSync(out)) for (const p of (JSON.parse(readFileSync(out, 'utf8')) as { pairs: JudgedPair[] }).pairs) previous.set(`${p.a} ${p.b}`, p);
const pairs: JudgedPair[] = bins.flatMap((bin) =>
  bin.sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([a, b]) => {
    const A = docs[a]!.thread.id;
    const B = docs[b]!.thread.id;
    const old = previous.get(`${A} ${B}`);
    return {
      a: A, b: B, sim: Math.round(sim(a, b) * 1000) / 1000,
      qa: oneLine(docs[a]!.text, 240), qb: oneLine(docs[b]!.text, 240), answerA: answerOf(a), answerB: answerOf(b),
      same: old?.same ?? null, why: old?.why ?? '',
    };
  }),
);
const note =
  `Cross-day question pairs of the whole archive (content/, ${archive.days.length} days, ${docs.length} questions), drawn by ` +
  `scripts/draw-question-pairs.ts --per-bin ${perBin} --seed ${seed}: a seeded reservoir sample of every cross-day pair per ` +
  `similarity bin [${EDGES.join(', ')}) of src/questions/recurring.ts (lexical + archive-trained vectors, no model). Judged by ` +
  `hand: same when a member would accept the answers to one as answers to the other.`;
writeFileSync(out, JSON.stringify({ note, pairs }, null, 1) + '\n');
console.log(`${docs.length} questions; pairs per bin ${seen.join(' / ')}; wrote ${pairs.length} pairs to ${out} in ${Math.round(performance.now() - t0)} ms`);
