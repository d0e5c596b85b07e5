// Fitting the evidence weights of src/topics/evidence.ts on hand-tagged threads (the gold days). One logistic
// model shared by every topic: 46 gold threads cannot fit a model per topic, but they can tell how much
// specificity, spread and the question weigh against each other. Pure; scripts/fit-topics.ts does the IO.
import { countPatterns, compileTagger, FEATURES, tagThread, topicFeatures, sigmoid, type FeatureName, type ThreadText, type TopicModel } from './evidence.ts';
import type { Term, Topic } from '../model/types.ts';

/** Hand-set evidence rules (not fitted: 46 gold threads say little about precision); judged in docs/topic-judgments.md. */
export const EVIDENCE_RULES = { specificLength: 3, specificIdf: 8, genericMessages: 3, minorShare: 0.08 } as const;

export interface LabelledThread {
  thread: ThreadText;
  /** Gold topics, first = main. */
  topics: string[];
}

/** idf = ln(N / (1 + df)) over messages, for every term the taxonomy and glossary match. */
export function termIdf(messages: Iterable<string>, topics: readonly Topic[], glossary: readonly Term[]): { idf: Record<string, number>; defaultIdf: number } {
  const probe = compileTagger(topics, glossary, blankModel());
  const df = new Array<number>(probe.patterns.length).fill(0);
  let n = 0;
  for (const text of messages) {
    n++;
    for (const p of countPatterns(text, probe).keys()) df[p] = (df[p] ?? 0) + 1;
  }
  const idf: Record<string, number> = {};
  probe.patterns.forEach((p, i) => { idf[p.text] = round(Math.max(0, Math.log(n / (1 + (df[i] ?? 0))))); });
  const values = Object.values(idf).sort((a, b) => a - b);
  return { idf, defaultIdf: values[Math.floor(values.length / 2)] ?? 5 };
}

export function blankModel(): TopicModel {
  const weights = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<FeatureName, number>;
  return { idf: {}, defaultIdf: 5, bias: 0, weights, threshold: 0.5, substantive: 3, maxTopics: 3, ...EVIDENCE_RULES };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export interface FitOptions {
  l2?: number;
  iterations?: number;
  /** Weight of the gold's first topic as a positive example (the others count 1). */
  firstWeight?: number;
  /** A fixed threshold instead of the F1-best one. */
  threshold?: number;
}

/** Logistic regression over (thread, topic) pairs, then the threshold that maximises micro-F1 on the same data. */
export function fitModel(
  data: readonly LabelledThread[],
  topics: readonly Topic[],
  glossary: readonly Term[],
  base: Pick<TopicModel, 'idf' | 'defaultIdf'>,
  opts: FitOptions = {},
): TopicModel {
  const { l2 = 0.01, iterations = 3000, firstWeight = 2 } = opts;
  const model: TopicModel = { ...blankModel(), idf: base.idf, defaultIdf: base.defaultIdf };
  const tagger = compileTagger(topics, glossary, model);
  const rows: { x: number[]; y: number; w: number }[] = [];
  for (const d of data) {
    for (const f of topicFeatures(d.thread, tagger)) {
      const rank = d.topics.indexOf(f.slug);
      rows.push({ x: f.features, y: rank >= 0 ? 1 : 0, w: rank === 0 ? firstWeight : 1 });
    }
  }
  const k = FEATURES.length;
  // Standardise so one learning rate fits every feature; the weights are mapped back afterwards.
  const mean = new Array<number>(k).fill(0);
  const sd = new Array<number>(k).fill(0);
  for (const r of rows) r.x.forEach((v, i) => { mean[i] = (mean[i] ?? 0) + v / rows.length; });
  for (const r of rows) r.x.forEach((v, i) => { sd[i] = (sd[i] ?? 0) + (v - (mean[i] ?? 0)) ** 2 / rows.length; });
  for (let i = 0; i < k; i++) sd[i] = Math.sqrt(sd[i] ?? 0) || 1;
  const z = rows.map((r) => r.x.map((v, i) => (v - (mean[i] ?? 0)) / (sd[i] ?? 1)));
  const w = new Array<number>(k).fill(0);
  let b = 0;
  const totalW = rows.reduce((s, r) => s + r.w, 0) || 1;
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(k).fill(0);
    let gb = 0;
    rows.forEach((r, n) => {
      const zn = z[n] ?? [];
      let s = b;
      for (let i = 0; i < k; i++) s += (w[i] ?? 0) * (zn[i] ?? 0);
      const e = (sigmoid(s) - r.y) * r.w;
      for (let i = 0; i < k; i++) gw[i] = (gw[i] ?? 0) + e * (zn[i] ?? 0);
      gb += e;
    });
    const lr = 0.5;
    for (let i = 0; i < k; i++) w[i] = (w[i] ?? 0) - lr * ((gw[i] ?? 0) / totalW + l2 * (w[i] ?? 0));
    b -= lr * (gb / totalW);
  }
  FEATURES.forEach((f, i) => { model.weights[f] = round((w[i] ?? 0) / (sd[i] ?? 1)); });
  model.bias = round(b - FEATURES.reduce((s, _f, i) => s + ((w[i] ?? 0) * (mean[i] ?? 0)) / (sd[i] ?? 1), 0));
  model.threshold = opts.threshold ?? bestThreshold(data, topics, glossary, model);
  return model;
}

function bestThreshold(data: readonly LabelledThread[], topics: readonly Topic[], glossary: readonly Term[], model: TopicModel): number {
  let best = { t: 0.5, f1: -1 };
  for (let t = 0.1; t <= 0.9001; t += 0.05) {
    const m = { ...model, threshold: round(t) };
    const tagger = compileTagger(topics, glossary, m);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const d of data) {
      const got = tagThread(d.thread, tagger).topics.map((s) => s.slug);
      tp += got.filter((s) => d.topics.includes(s)).length;
      fp += got.filter((s) => !d.topics.includes(s)).length;
      fn += d.topics.filter((s) => !got.includes(s)).length;
    }
    const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    if (f1 > best.f1 + 1e-9) best = { t: round(t), f1 };
  }
  return best.t;
}
