// `npx tsx scripts/thread-trials.ts <trial> [--gold dir]`: decoding ideas tried against exact-match F1, each judged
// leave-one-day-out like `npm run eval` (the thread weights of a fold are fitted on the other days; whatever else a
// trial chooses is chosen on those training days, never on the held-out one). None of them is in the product; the
// script keeps their figures reproducible (docs/DESIGN.md, "Threads"). A dev-time tool.
//   lean    decoding leans towards "new thread" by b, b chosen per fold for exact F1 on the training days
//   merge   a second pass merges each thread into an earlier candidate (scripts/trials/merge-pass.ts), its model
//           and threshold fitted per fold on the training days; decoding leans by 0, 0.5 and 1 first
//   oracle  upper bounds: every gold thread start forced open (the rest decoded by the model); every other message
//           kept from opening one; both
import { readGold, DEFAULT_GOLD_DIR } from '../src/node/gold.ts';
import { buildGoldDays } from '../src/eval/gold-days.ts';
import { fitThreads, mean, type GoldDay, type ThreadFit } from '../src/eval/crossval.ts';
import { exactMatch, oneToOne } from '../src/eval/metrics.ts';
import { disentangle } from '../src/threads/disentangle.ts';
import { compileThreadTerms } from '../src/threads/features.ts';
import { FEATURE_NAMES } from '../src/threads/features-learned.ts';
import { fitWeights } from '../src/threads/fit.ts';
import { FIT } from '../src/threads/fit-options.ts';
import { dot, greedy, walk } from '../src/threads/model.ts';
import { beamDecode } from './trials/beam.ts';
import { MERGE_FEATURES, applyMerges, decodeDay, mergePairs, type MergePair } from './trials/merge-pass.ts';

const trial = process.argv[2] ?? '';
if (!['lean', 'merge', 'oracle', 'fit', 'beam'].includes(trial)) { console.error('usage: thread-trials.ts lean|merge|oracle|fit|beam [json settings...] [--gold dir]'); process.exit(2); }
const gi = process.argv.indexOf('--gold');
const set = readGold(gi >= 0 ? process.argv[gi + 1] : DEFAULT_GOLD_DIR);
const { days, terms } = buildGoldDays(set.files, set.input);
const compiled = compileThreadTerms(terms);
const opts = { terms, compiled };
const kNew = FEATURE_NAMES.indexOf('new');
const goldOf = (g: GoldDay) => g.gold.threads.map((t) => t.messages);
const pct = (x: number) => (100 * x).toFixed(1);
const leaned = (w: Float64Array, b: number) => { const x = Float64Array.from(w); x[kNew] = (x[kNew] ?? 0) + b; return x; };
const f1Of = (g: GoldDay, pred: number[][]) => exactMatch(goldOf(g), pred).f1;

const report = (label: string, rows: { g: GoldDay; pred: number[][] }[]) =>
  console.log(`${label.padEnd(44)} exact F1 ${pct(mean(rows.map((r) => f1Of(r.g, r.pred))))}  one-to-one ${pct(mean(rows.map((r) => oneToOne(goldOf(r.g), r.pred))))}`);

if (trial === 'fit') {
  // Each argument: fit settings (JSON) laid over FIT, judged leave-one-day-out on threads alone.
  for (const arg of process.argv.slice(3).filter((a) => a.startsWith('{'))) {
    const fit = { ...FIT, ...(JSON.parse(arg) as ThreadFit) };
    const t0 = Date.now();
    const rows = days.map((h) => ({ g: h, pred: disentangle(h.day, { ...opts, weights: fitThreads(days.filter((d) => d !== h), terms, fit) }) }));
    report(arg, rows);
    console.log(`  ${days.map((d) => d.name.slice(0, 18) + ' ' + pct(f1Of(d, rows.find((r) => r.g === d)!.pred))).join(', ')} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  process.exit(0);
}

console.error(`fitting ${days.length} folds…`);
const folds = new Map(days.map((h) => [h, fitThreads(days.filter((d) => d !== h), terms, FIT)]));

if (trial === 'lean') {
  const leans = [-0.6, -0.4, -0.2, -0.1, 0, 0.1, 0.2, 0.4, 0.6];
  for (const b of leans) report(`lean ${b} (fixed)`, days.map((g) => ({ g, pred: disentangle(g.day, { ...opts, weights: leaned(folds.get(g)!, b) }) })));
  const chosen: number[] = [];
  report('lean chosen per fold on the training days', days.map((h) => {
    const w = folds.get(h)!;
    const train = days.filter((d) => d !== h);
    const score = leans.map((b) => train.reduce((a, g) => a + f1Of(g, disentangle(g.day, { ...opts, weights: leaned(w, b) })), 0));
    const b = leans[score.indexOf(Math.max(...score))]!;
    chosen.push(b);
    return { g: h, pred: disentangle(h.day, { ...opts, weights: leaned(w, b) }) };
  }));
  console.log(`  leans chosen: ${chosen.join(', ')}`);
}

/** Probability that a random positive outranks a random negative (ties count half), to three places. */
function auc(xs: [number, boolean][]): string {
  const pos = xs.filter((x) => x[1]).map((x) => x[0]);
  const neg = xs.filter((x) => !x[1]).map((x) => x[0]);
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return pos.length && neg.length ? (s / (pos.length * neg.length)).toFixed(3) : '-';
}

if (trial === 'merge') {
  const taus = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const zero = new Float64Array(MERGE_FEATURES.length);
  // Gold says b continues a when b's first message is in the gold thread of a's latest message before it.
  const continues = (g: GoldDay, p: MergePair) => {
    const owner = new Map<number, string>();
    g.gold.threads.forEach((t) => t.messages.forEach((s) => owner.set(s, t.id)));
    const b0 = p.b.seqs[0]!;
    const before = p.a.seqs.filter((s) => s < b0);
    return owner.get(b0) === owner.get(before[before.length - 1]!);
  };
  for (const b of [0, 0.5, 1]) {
    report(`lean ${b}, no merge pass`, days.map((g) => ({ g, pred: disentangle(g.day, { ...opts, weights: leaned(folds.get(g)!, b) }) })));
    const chosen: number[] = [];
    /** Held-out merge questions: each pair's score and whether gold says b continues a. */
    const ranked = { model: [] as [number, boolean][], margin: [] as [number, boolean][] };
    report(`lean ${b}, merge pass fitted per fold`, days.map((h) => {
      const w = leaned(folds.get(h)!, b);
      const train = days.filter((d) => d !== h).map((g) => { const d = decodeDay(g.day, opts, w); return { g, d, pairs: mergePairs(d) }; });
      const examples = train.flatMap(({ g, pairs }) => pairs.map((p) => ({ day: g.name, candidates: [p.x, zero], gold: continues(g, p) ? 0 : 1 })));
      const mw = fitWeights(examples, MERGE_FEATURES.length, { l2: 0.01, iterations: 800, rate: 0.05 });
      const score = taus.map((tau) => train.reduce((a, { g, d, pairs }) => a + f1Of(g, applyMerges(d, pairs, mw, tau)), 0));
      const tau = taus[score.indexOf(Math.max(...score))]!;
      chosen.push(tau);
      const d = decodeDay(h.day, opts, w);
      const pairs = mergePairs(d);
      for (const p of pairs) { const yes = continues(h, p); ranked.model.push([dot(mw, p.x), yes]); ranked.margin.push([p.x[1] ?? 0, yes]); }
      return { g: h, pred: applyMerges(d, pairs, mw, tau) };
    }));
    console.log(`  thresholds chosen: ${chosen.join(', ')}; held-out pair ranking AUC: merge model ${auc(ranked.model)}, first-pass margin alone ${auc(ranked.margin)}`);
  }
  // The lean and the threshold chosen together per fold, on the training days.
  const chosen: string[] = [];
  report('lean and merge threshold chosen per fold', days.map((h) => {
    let best: { f1: number; lean: number; tau: number; mw: Float64Array } = { f1: -1, lean: 0, tau: 0.5, mw: new Float64Array(MERGE_FEATURES.length) };
    for (const b of [0, 0.5, 1, 1.5]) {
      const w = leaned(folds.get(h)!, b);
      const train = days.filter((d) => d !== h).map((g) => { const d = decodeDay(g.day, opts, w); return { g, d, pairs: mergePairs(d) }; });
      const examples = train.flatMap(({ g, pairs }) => pairs.map((p) => ({ day: g.name, candidates: [p.x, zero], gold: continues(g, p) ? 0 : 1 })));
      const mw = fitWeights(examples, MERGE_FEATURES.length, { l2: 0.01, iterations: 800, rate: 0.05 });
      for (const tau of taus) {
        const f1 = train.reduce((a, { g, d, pairs }) => a + f1Of(g, applyMerges(d, pairs, mw, tau)), 0);
        if (f1 > best.f1 + 1e-9) best = { f1, lean: b, tau, mw };
      }
    }
    chosen.push(`${best.lean}/${best.tau}`);
    const d = decodeDay(h.day, opts, leaned(folds.get(h)!, best.lean));
    return { g: h, pred: applyMerges(d, mergePairs(d), best.mw, best.tau) };
  }));
  console.log(`  lean/threshold chosen: ${chosen.join(', ')}`);
}

if (trial === 'oracle') {
  for (const mode of ['model', 'open gold starts', 'open nothing else', 'both']) {
    report(mode, days.map((g) => {
      const w = folds.get(g)!;
      const model = greedy(w);
      const starts = new Set(g.gold.threads.map((t) => t.messages[0]));
      return { g, pred: walk(g.day, opts, (f, d) => {
        if (mode !== 'model' && mode !== 'open nothing else' && starts.has(f.seq)) return null;
        const c = model(f, d);
        if ((mode === 'open nothing else' || mode === 'both') && c === null && !starts.has(f.seq) && d.threads.length) {
          const s = d.candidates.slice(0, -1).map((x) => dot(w, x));
          return d.threads[s.indexOf(Math.max(...s))]!;
        }
        return c;
      }) };
    }));
  }
}

if (trial === 'beam') {
  const widths = process.argv.slice(3).filter((a) => /^\d+$/.test(a)).map(Number);
  for (const width of widths.length ? widths : [4, 8]) {
    const t0 = Date.now();
    const rows = days.map((g) => ({ g, pred: beamDecode(g.day, opts, folds.get(g)!, width) }));
    report(`beam width ${width}`, rows);
    console.log(`  ${days.map((d) => d.name.slice(0, 18) + ' ' + pct(f1Of(d, rows.find((r) => r.g === d)!.pred))).join(', ')} (${((Date.now() - t0) / 1000).toFixed(0)} s decoding)`);
  }
}
