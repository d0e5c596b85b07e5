// Leave-one-day-out cross-validation of the thread model and of Q&A over the gold days: for each day, fit the
// weights on the other days, decode the held-out day with them, score threads and Q&A. Pure over built days.
import type { Day } from '../model/types.ts';
import { disentangle } from '../threads/disentangle.ts';
import { compileThreadTerms } from '../threads/features.ts';
import { FEATURE_NAMES } from '../threads/features-learned.ts';
import { examplesOf, examplesOnPolicy, type Example, type OnPolicyTarget } from '../threads/model.ts';
import { fitWeights, type FitOptions } from '../threads/fit.ts';
import { findQA } from '../qa/qa.ts';
import { ANSWER_FEATURES, answerCandidates } from '../qa/answers.ts';
import { exactMatch, oneToOne, type ExactMatch } from './metrics.ts';
import { hasQA, scoreQA, type GoldFile, type QAScore } from './gold.ts';

export interface GoldDay {
  name: string;
  gold: GoldFile;
  day: Day;
}

export interface HeldOutScore {
  name: string;
  oneToOne: number;
  exact: ExactMatch;
  goldThreads: number;
  predThreads: number;
  /** Q&A on the threads the model found (end to end); null when the gold file marks no Q&A. */
  qa: QAScore | null;
  /** Q&A on the gold threads (question detection and answer selection alone). */
  qaOnGold: QAScore | null;
}

/** Scores one day's threads (decoded with `weights`, or the committed ones) and Q&A. */
export function scoreDay(g: GoldDay, terms: string[], weights?: Float64Array, answerWeights?: Float64Array): HeldOutScore {
  const compiled = compileThreadTerms(terms);
  const pred = disentangle(g.day, { terms, compiled, weights });
  const gold = g.gold.threads.map((t) => t.messages);
  const qa = hasQA(g.gold);
  return {
    name: g.name,
    oneToOne: oneToOne(gold, pred),
    exact: exactMatch(gold, pred),
    goldThreads: gold.length,
    predThreads: pred.length,
    qa: qa ? scoreQA(g.gold, pred.map((seqs) => findQA(g.day, seqs, { answerWeights, terms: compiled.matcher }))) : null,
    qaOnGold: qa ? scoreQA(g.gold, gold.map((seqs) => findQA(g.day, seqs, { answerWeights, terms: compiled.matcher }))) : null,
  };
}

export function goldExamples(days: GoldDay[], terms: string[]): Map<string, Example[]> {
  const compiled = compileThreadTerms(terms);
  return new Map(days.map((g) => [g.name, examplesOf(g.day, { terms, compiled }, g.gold.threads.map((t) => t.messages))]));
}

/** The thread fit's settings: the logit's, then DAgger rounds, their labels and a decoding lean. */
export type ThreadFit = FitOptions & { rounds?: number; newBias?: number; target?: OnPolicyTarget; aggregate?: boolean };

/**
 * The fitting recipe: teacher-forced examples of the training days, then `rounds` of DAgger (decode the training
 * days with the current weights, add the decisions met on the way labelled by gold, refit). Decoding sees the
 * model's own threads, never gold's; the own decisions teach it what follows its own mistakes. With `aggregate:
 * false` a round replaces the previous round's own decisions instead of adding to them, so gold's decisions keep
 * their share of the fit (src/threads/fit-options.ts has the figures).
 */
export function fitThreads(train: GoldDay[], terms: string[], fit: ThreadFit = {}): Float64Array {
  const compiled = compileThreadTerms(terms);
  const teacher = [...goldExamples(train, terms).values()].flat();
  let examples = teacher;
  let w = fitWeights(examples, FEATURE_NAMES.length, fit);
  for (let r = 0; r < (fit.rounds ?? 0); r++) {
    const own = train.flatMap((g) => examplesOnPolicy(g.day, { terms, compiled }, g.gold.threads.map((t) => t.messages), w, fit.target));
    // Aggregate (DAgger: every round's decisions kept) or only the latest round's own decisions beside gold's.
    examples = fit.aggregate === false ? [...teacher, ...own] : [...examples, ...own];
    w = fitWeights(examples, FEATURE_NAMES.length, fit);
  }
  // The fit minimises each decision's log loss; a whole thread is only right when its first message opens it,
  // so decoding leans towards opening by `newBias` (chosen by the leave-one-day-out exact-match F1).
  const k = FEATURE_NAMES.indexOf('new');
  if (fit.newBias && k >= 0) w[k] = (w[k] ?? 0) + fit.newBias;
  return w;
}

/** Answer examples of the gold question threads: each reply by others, labelled answer or not. */
export function answerExamples(days: GoldDay[], terms: string[]): Example[] {
  const { matcher } = compileThreadTerms(terms);
  const zero = new Float64Array(ANSWER_FEATURES.length);
  return days.filter((g) => hasQA(g.gold)).flatMap((g) => g.gold.threads.flatMap((t) => {
    if (t.question == null) return [];
    const answers = new Set(t.answers ?? []);
    // Binary logistic regression as a two-way choice: "answer" (the features) against "not" (all zeros).
    return answerCandidates(g.day, t.messages, t.question, matcher).map((c) => ({ day: g.day.id, candidates: [c.x, zero], gold: answers.has(c.seq) ? 0 : 1 }));
  }));
}

export const ANSWER_FIT: FitOptions = { l2: 0.01, iterations: 800, rate: 0.05 };

export function fitAnswers(train: GoldDay[], terms: string[]): Float64Array {
  return fitWeights(answerExamples(train, terms), ANSWER_FEATURES.length, ANSWER_FIT);
}

/** Fits threads and answers on every day but the held-out one, for each day in turn. */
export function leaveOneDayOut(days: GoldDay[], terms: string[], fit: ThreadFit = {}): HeldOutScore[] {
  return days.map((held) => {
    const train = days.filter((d) => d !== held);
    return scoreDay(held, terms, fitThreads(train, terms, fit), fitAnswers(train, terms));
  });
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
